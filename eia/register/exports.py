"""The register as CSV and JSON downloads, filtered like its pages.

Every CSV cell passes through `neutralise`, so a spreadsheet never runs a cell as a formula.
"""

import csv
import datetime
import json

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from eia.redaction import PublicRecord, public_records

from .forms import register_filters
from .links import record_url
from .queries import listed_assessments

DOWNLOAD_CHUNK = 200

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def iso_date(value) -> str:
    """A date, or a moment as its UK day, in ISO form; empty when there is none."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat() if value else ""


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download with every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8 (Welsh, accents)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


def _download_records(request):
    _, filters = register_filters(request.GET)
    queryset = listed_assessments(filters=filters)
    return public_records(queryset.iterator(chunk_size=DOWNLOAD_CHUNK))


REGISTER_COLUMNS = [
    "Organisation",
    "Reference",
    "Title",
    "Version",
    "Record type",
    "Type of proposal",
    "Directorate",
    "Decision body",
    "Decision date",
    "Decision-maker",
    "Published",
    "Review date",
    "Screening decision",
    "Adverse impacts",
    "Conclusion",
    "Web page",
]


def _register_row(request, record: PublicRecord) -> list:
    return [
        record.organisation,
        record.reference,
        record.title,
        record.version,
        record.record_type,
        record.kind,
        record.directorate,
        record.decision_body,
        iso_date(record.decision_date),
        record.decision_maker,
        iso_date(record.published_at),
        iso_date(record.review_date),
        record.screening_outcome_label,
        "; ".join(impact.characteristic_name for impact in record.adverse_impacts),
        record.conclusion_label,
        request.build_absolute_uri(record_url(record)),
    ]


@login_not_required
def register_csv(request):
    rows = (_register_row(request, record) for record in _download_records(request))
    return csv_response("published-assessments.csv", REGISTER_COLUMNS, rows)


def _json_record(request, record: PublicRecord) -> dict:
    return {
        "organisation": record.organisation,
        "organisation_slug": record.organisation_slug,
        "reference": record.reference,
        "title": record.title,
        "version": record.version,
        "record_type": record.record_type,
        "kind": record.kind,
        "directorate": record.directorate,
        "decision_body": record.decision_body,
        "decision_date": record.decision_date,
        "decision_maker": record.decision_maker,
        "published": iso_date(record.published_at),
        "review_date": record.review_date,
        "screening": {
            "outcome": record.screening_outcome,
            "outcome_label": record.screening_outcome_label,
            "reasons": record.screening_reasons,
            "mitigation": record.screening_mitigation,
            "rule_reasons": list(record.rule_reasons),
        },
        "impacts": [
            {
                "characteristic": impact.characteristic,
                "characteristic_name": impact.characteristic_name,
                "direction": impact.direction,
                "size": impact.size,
            }
            for impact in record.impacts
        ],
        "conclusion": record.conclusion,
        "conclusion_label": record.conclusion_label,
        "url": request.build_absolute_uri(record_url(record)),
        "summary_pdf": request.build_absolute_uri(record_url(record, "summary_pdf")),
        "full_pdf": request.build_absolute_uri(record_url(record, "full_pdf")),
    }


@login_not_required
def register_json(request):
    results = [_json_record(request, record) for record in _download_records(request)]
    body = {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(results),
        "results": results,
    }
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
