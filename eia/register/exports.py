"""The register as CSV, JSON and XLSX downloads, filtered like its pages, streamed.

A download of any size runs in constant memory with a constant number of queries per batch:
records are read DOWNLOAD_CHUNK at a time (a keyset batch with its prefetches) and written
out as they come. Every CSV and XLSX cell passes through `neutralise`, so a spreadsheet never
runs a cell as a formula. The whole, unfiltered register is not built here
per request: it is a file regenerated after each publication (`eia/register/published_file.py`).
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from xlsxwriter import Workbook

from eia.redaction import PublicRecord, public_record

from .links import record_url
from .queries import listed_assessments

DOWNLOAD_CHUNK = 200
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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


class _Line:
    """A file-like object csv.writer writes one row into, handing the row back as text."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text row by row, every cell neutralised."""
    writer = csv.writer(_Line())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8 (Welsh, accents)
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def _attachment(response, filename: str):
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A small CSV download (a quarterly report) with every cell neutralised."""
    return _attachment(
        HttpResponse("".join(csv_lines(header, rows)), content_type=CSV_TYPE), filename
    )


def streamed(filename: str, content_type: str, chunks: Iterable) -> StreamingHttpResponse:
    return _attachment(StreamingHttpResponse(chunks, content_type=content_type), filename)


def records(filters: dict) -> Iterator[PublicRecord]:
    """The selected public records in register order, DOWNLOAD_CHUNK rows per batch of queries:
    each batch seeks past the last row of the one before (newest first by published_at, pk), so
    no database cursor stays open while the response is sent and memory holds one batch."""
    selected = listed_assessments(filters=filters)
    batch = list(selected[:DOWNLOAD_CHUNK])
    while batch:
        for assessment in batch:
            yield public_record(assessment)
        last = batch[-1]
        batch = list(
            selected.filter(
                Q(published_at__lt=last.published_at)
                | Q(published_at=last.published_at, pk__lt=last.pk)
            )[:DOWNLOAD_CHUNK]
        )


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
    "Signed after the decision date",
    "Decision taken",
    "Decision taken on",
    "Decision minute",
    "Duty modules",
    "Duty module answers",
    "Web page",
]


def register_row(record: PublicRecord, site: str) -> list:
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
        "Yes" if record.signed_late_note else "No",
        record.decision.outcome_label if record.decision else "",
        iso_date(record.decision.taken_on) if record.decision else "",
        " ".join(filter(None, (record.decision.minute_reference, record.decision.minute_url)))
        if record.decision
        else "",
        "; ".join(f"{section.module}@{section.version}" for section in record.duty_sections),
        _duty_text(record),
        site + record_url(record),
    ]


def _duty_text(record: PublicRecord) -> str:
    """Each published duty module section in one cell: its heading, then each answer."""
    return "\n\n".join(
        "\n".join([section.title, *(f"{label}: {text}" for label, text in section.answers)])
        for section in record.duty_sections
    )


def _duty_sections(record: PublicRecord) -> list[dict]:
    return [
        {
            "module": section.module,
            "version": section.version,
            "title": section.title,
            "citation": section.citation,
            "not_required": section.not_required,
            "answers": [{"question": label, "answer": text} for label, text in section.answers],
        }
        for section in record.duty_sections
    ]


def json_record(record: PublicRecord, site: str) -> dict:
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
        "signed_after_decision_date": bool(record.signed_late_note),
        "timing": record.signed_late_note,
        "decision": {
            "taken_on": record.decision.taken_on,
            "outcome": record.decision.outcome,
            "outcome_label": record.decision.outcome_label,
            "body": record.decision.body,
            "minute_reference": record.decision.minute_reference,
            "minute_url": record.decision.minute_url,
        }
        if record.decision
        else None,
        "duty_modules": _duty_sections(record),
        "url": site + record_url(record),
        "summary_pdf": site + record_url(record, "summary_pdf"),
        "full_pdf": site + record_url(record, "full_pdf"),
    }


def csv_text(filters: dict, site: str) -> Iterator[str]:
    rows = (register_row(record, site) for record in records(filters))
    return csv_lines(REGISTER_COLUMNS, rows)


def json_text(filters: dict, site: str) -> Iterator[str]:
    """One JSON document, written record by record; its count comes after the results."""
    generated = timezone.localtime().isoformat(timespec="seconds")
    yield f'{{\n "generated_at": {json.dumps(generated)},\n "results": ['
    count = 0
    for record in records(filters):
        text = json.dumps(json_record(record, site), cls=DjangoJSONEncoder, ensure_ascii=False)
        yield ("," if count else "") + "\n  " + text
        count += 1
    yield f'\n ],\n "count": {count}\n}}\n'


def write_xlsx(path, filters: dict, site: str) -> None:
    """The records as a spreadsheet at `path`, one row at a time (xlsxwriter's constant memory
    mode keeps only the current row), every cell a neutralised string."""
    workbook = Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Published assessments")
    for column, heading in enumerate(REGISTER_COLUMNS):
        sheet.write_string(0, column, heading)
    for number, record in enumerate(records(filters), start=1):
        for column, cell in enumerate(register_row(record, site)):
            sheet.write_string(number, column, neutralise(cell))
    workbook.close()


def xlsx_response(filters: dict, site: str, filename: str) -> FileResponse:
    """Written to a temporary file first (a zip needs its directory at the end), then sent
    from disk in blocks: memory stays flat however many rows."""
    spool = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write_xlsx(spool.name, filters, site)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
