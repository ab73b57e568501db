"""The register's pages: the searchable list, one assessment with its PDFs, an organisation."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from eia.documents import document_for, implications_for
from eia.models import Organisation, State
from eia.pagination import keyset
from eia.pdf_http import pdf_response
from eia.public_listing import public_listing, with_listing_content
from eia.public_summary import plain_summary
from eia.redaction import public_record

from .forms import register_filters
from .limits import limited
from .links import record_rows, record_url
from .published_file import whole_register_download
from .queries import listed, other_versions, public_assessment
from .reports import report_url

SCREENING_DECISIONS_QUERY = "?outcome=screened_out&outcome=screened_out_with_mitigation"


@login_not_required
@limited("page")
def index(request):
    form, filters = register_filters(request.GET)
    selected = listed(filters=filters)
    pagination = keyset(
        request, with_listing_content(selected), moment="published_at", total=selected.count()
    )
    return render(
        request,
        "register/index.html",
        {
            "form": form,
            "pagination": pagination,
            "rows": record_rows(public_listing(row) for row in pagination.rows),
            "filtered": bool(request.GET.keys() - {"after", "before", "page"}),
            "screening_decisions_only": SCREENING_DECISIONS_QUERY,
            "download": whole_register_download(),
        },
    )


def _find(organisation: str, reference: str, version: int):
    found = public_assessment(organisation=organisation, reference=reference, version=version)
    if found is None:
        raise Http404("No such published assessment")
    return found


@login_not_required
@limited("page")
def assessment(request, organisation: str, reference: str, version: int):
    found = _find(organisation, reference, version)
    record = public_record(found)
    others = [
        {
            "version": number,
            "current": state == State.PUBLISHED,
            "published_at": published_at,
            "url": reverse(
                "register:assessment",
                kwargs={"organisation": organisation, "reference": reference, "version": number},
            ),
        }
        for number, state, published_at in other_versions(found)
    ]
    return render(
        request,
        "register/assessment.html",
        {
            "record": record,
            "current": next((other for other in others if other["current"]), None),
            "other_versions": others,
            "implications": implications_for(record),
            "plain": plain_summary(record),
            "summary_pdf": record_url(record, "summary_pdf"),
            "full_pdf": record_url(record, "full_pdf"),
            "report_url": report_url(found.organisation, record.screening_decided_at),
        },
    )


def _pdf(request, organisation: str, reference: str, version: int, *, full: bool):
    found = _find(organisation, reference, version)
    record = public_record(found)
    name = "-".join(
        part
        for part in (organisation, slugify(reference), f"v{version}", "full" if full else "summary")
        if part
    )
    return pdf_response(
        request,
        document_for(found),
        full=full,
        name=name,
        page_url=record_url(record),
        title=record.title,
    )


@login_not_required
@limited("page")
def summary_pdf(request, organisation: str, reference: str, version: int):
    return _pdf(request, organisation, reference, version, full=False)


@login_not_required
@limited("page")
def full_pdf(request, organisation: str, reference: str, version: int):
    return _pdf(request, organisation, reference, version, full=True)


@login_not_required
@limited("page")
def organisation(request, organisation: str):
    found = get_object_or_404(Organisation, slug=organisation)
    return redirect(f"{reverse('register:index')}?organisation={found.slug}")
