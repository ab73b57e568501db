"""The annual equality report as a PDF: eia.pdf's plain report (every string escaped by
eia/pdf/text.py, tables that never cut text) from the frozen content, so the PDF says what
the HTML page says. The HTML page is the accessible form; the PDF is the alternative."""

from django.utils.timezone import localtime

from eia.pdf.report import Report, Section, Table, render_report

from .models import AnnualReport


def _figures(heading: str, pairs) -> Table:
    return Table(header=(heading, "Number"), rows=tuple((label, str(n)) for label, n in pairs))


def _objectives(content: dict) -> Section:
    tables = []
    paragraphs = []
    for objective in content["objectives"]:
        paragraphs.append(
            f"{objective['title']}. {objective['period']}; agreed by {objective['agreed']}. "
            f"{objective['deliverables']} deliverables in the action plan."
        )
        tables.append(_figures(f"Progress: {objective['title']}", objective["progress"]))
    return Section(
        heading="Equality objectives and progress",
        paragraphs=tuple(paragraphs) or ("No equality objectives were in force this year.",),
        tables=tuple(tables),
    )


def _plan(content: dict) -> Section:
    rows = tuple(
        (row["section"], row["overview"], row["owner"], row["target"], row["comment"], row["rag"])
        for row in content["rows"]
    )
    tables = [_figures("RAG rating", content["plan"])]
    if rows:
        tables.append(
            Table(
                header=("Section", "Overview", "Owner", "Target date", "Comment", "RAG"),
                rows=rows,
                widths=(0.14, 0.22, 0.14, 0.12, 0.28, 0.10),
            )
        )
    return Section(heading="The action plan", tables=tuple(tables))


def _records(content: dict) -> Section:
    rows = tuple(
        (
            f"{record['reference']} v{record['version']}",
            record["title"],
            record["kind"],
            record["outcome"],
            record["conclusion"],
            record["published"],
        )
        for record in content["records"]
    )
    tables = [_figures("Screening decision", content["outcomes"])]
    if rows:
        tables.append(
            Table(
                header=("Reference", "Title", "Record", "Screening", "Conclusion", "Published"),
                rows=rows,
                widths=(0.14, 0.26, 0.16, 0.16, 0.16, 0.12),
            )
        )
    return Section(
        heading="Assessments and screening decisions published",
        paragraphs=(f"{len(rows)} published this year.",),
        tables=tuple(tables),
    )


def _done(title: str, status: str) -> str:
    return f"{title} ({status.lower()})" if status else title


def _adverse(content: dict) -> Section:
    rows = tuple(
        (
            f"{found['reference']}: {found['title']}",
            f"{found['group']} {found['size']}".strip(),
            found["who_affected"],
            "; ".join(
                f"{title} ({status})" if status else title for title, status in found["actions"]
            )
            or "None recorded",
            found["justification"] or found["residual"],
        )
        for found in content["adverse"]
    )
    if not rows:
        return Section(heading="Adverse impacts found", paragraphs=("None were found.",))
    return Section(
        heading="Adverse impacts found and what was done",
        tables=(
            Table(
                header=("Proposal", "Group", "Who is affected", "What was done", "Justification"),
                rows=rows,
                widths=(0.22, 0.14, 0.2, 0.24, 0.2),
            ),
        ),
    )


def _timeliness(content: dict) -> Section:
    return Section(
        heading="Timeliness, in working days",
        tables=(
            Table(
                header=("Measure", "Number", "Of", "Share"),
                rows=tuple(
                    (measure, str(n), str(whole), f"{share}%")
                    for measure, n, whole, share in content["timeliness"]
                ),
                widths=(0.58, 0.14, 0.14, 0.14),
            ),
        ),
    )


def pdf(report: AnnualReport, organisation_name: str) -> bytes:
    content = report.content
    return render_report(
        Report(
            organisation=organisation_name,
            reference="Annual equality report",
            version=1,
            title=f"Annual equality report {content['label']}",
            kind="Annual equality report",
            introduction=(
                f"The reporting year from {content['starts']} to {content['ends']}. "
                f"Taken on {localtime(report.taken_at):%-d %B %Y}.",
            ),
            sections=(
                _objectives(content),
                _plan(content),
                _records(content),
                _adverse(content),
                _timeliness(content),
            ),
        )
    )
