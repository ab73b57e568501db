"""The register's downloads: the whole register as a file made in the background, or the
records a search selects, streamed. Both are rate-limited per address (eia/register/limits.py).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .exports import CSV_TYPE, JSON_TYPE, XLSX_TYPE, csv_text, json_text, streamed, xlsx_response
from .forms import register_filters
from .limits import limited
from .published_file import path_of

TYPES = {"csv": CSV_TYPE, "json": JSON_TYPE, "xlsx": XLSX_TYPE}
NAMES = {
    "csv": "published-assessments.csv",
    "json": "published-assessments.json",
    "xlsx": "published-assessments.xlsx",
}


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _whole(request, kind: str):
    """The file made after the latest publication; a clear page while the first is made."""
    try:
        handle = open(path_of(kind), "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError:
        response = render(request, "register/download_not_ready.html", status=503)
        response["Retry-After"] = "300"
        return response
    response = FileResponse(
        handle, as_attachment=True, filename=NAMES[kind], content_type=TYPES[kind]
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


def _download(request, kind: str):
    form, filters = register_filters(request.GET)
    if not filters:
        return _whole(request, kind)
    if kind == "xlsx":
        return xlsx_response(filters, _site(request), NAMES[kind])
    text = csv_text if kind == "csv" else json_text
    return streamed(NAMES[kind], TYPES[kind], text(filters, _site(request)))


@login_not_required
@limited("download")
def register_csv(request):
    return _download(request, "csv")


@login_not_required
@limited("download")
def register_json(request):
    return _download(request, "json")


@login_not_required
@limited("download")
def register_xlsx(request):
    return _download(request, "xlsx")
