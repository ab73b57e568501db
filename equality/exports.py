"""The action plan as CSV and XLSX: the plan's deliverables, then the assessments' actions
linked to objectives, filtered as the page was. Every cell passes through the register's
`neutralise`, so a spreadsheet never runs a cell as a formula; rows are read in batches."""

import tempfile
from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from xlsxwriter import Workbook

from eia.register.exports import CSV_TYPE, XLSX_TYPE, csv_lines, neutralise

from .selectors.plan import Filters, linked_actions, rows
from .targets import parse

COLUMNS = [
    "Objective",
    "Section",
    "Overview",
    "Key deliverables",
    "Owner",
    "Directorate",
    "Target date",
    "Comment",
    "RAG rating",
    "From assessment",
]
BATCH = 500


def lines(*, organisation_id: int, filters: Filters) -> Iterator[list[str]]:
    for row in rows(organisation_id=organisation_id, filters=filters).iterator(chunk_size=BATCH):
        yield [
            row.section.objective.title,
            row.section.title,
            row.overview,
            row.key_deliverables,
            row.owner_name,
            row.directorate.name if row.directorate else "",
            parse(row.target_text).reads,
            row.comment,
            row.get_rag_display(),
            "",
        ]
    found = linked_actions(organisation_id=organisation_id, filters=filters)
    for link in found.iterator(chunk_size=BATCH):
        action, item = link.action, link.action.assessment.pipeline_item
        yield [
            link.objective.title,
            "",
            action.title,
            action.description,
            action.owner_label,
            item.directorate.name,
            action.target_date.isoformat() if action.target_date else "",
            action.progress_note,
            "Complete" if action.status == action.Status.DONE else action.get_rag_display(),
            f"{item.reference} {item.title}",
        ]


def csv_response(*, organisation_id: int, filters: Filters) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(COLUMNS, lines(organisation_id=organisation_id, filters=filters)),
        content_type=CSV_TYPE,
    )
    response["Content-Disposition"] = content_disposition_header(True, "action-plan.csv")
    return response


def xlsx_response(*, organisation_id: int, filters: Filters) -> FileResponse:
    spool = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook = Workbook(spool.name, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Equality action plan")
    for column, heading in enumerate(COLUMNS):
        sheet.write_string(0, column, heading)
    for number, line in enumerate(lines(organisation_id=organisation_id, filters=filters), 1):
        for column, cell in enumerate(line):
            sheet.write_string(number, column, neutralise(cell))
    workbook.close()
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename="action-plan.xlsx", content_type=XLSX_TYPE
    )
