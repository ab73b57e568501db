"""A progress report read back: its rows, what changed since the previous report, and the
same as a PDF (eia.pdf's plain report, so every string is escaped by eia/pdf/text.py)."""

from dataclasses import dataclass

from django.utils.timezone import localtime

from eia.pdf.report import Report, Section, Table, render_report

from .models import ProgressReport


@dataclass(frozen=True)
class Change:
    overview: str
    what: str


def changes_since_previous(report: ProgressReport) -> list[Change]:
    if report.previous is None:
        return []
    before = {row["id"]: row for row in report.previous.rows}
    found = []
    for row in report.rows:
        old = before.get(row["id"])
        if old is None:
            found.append(Change(row["overview"], "New in this report"))
            continue
        if old["rag"] != row["rag"]:
            found.append(Change(row["overview"], f"RAG rating {old['rag']} to {row['rag']}"))
        if old["comment"] != row["comment"]:
            found.append(Change(row["overview"], f"Comment now: {row['comment'] or 'none'}"))
    return found


def pdf(report: ProgressReport, organisation_name: str) -> bytes:
    sections = []
    for name in dict.fromkeys(row["section"] for row in report.rows):
        rows = [row for row in report.rows if row["section"] == name]
        sections.append(
            Section(
                heading=f"{name}: {rows[0]['objective']}",
                tables=(
                    Table(
                        header=("Overview", "Key deliverables", "Target date", "Comment", "RAG"),
                        rows=tuple(
                            (
                                row["overview"],
                                row["key_deliverables"],
                                row["target"],
                                row["comment"],
                                row["rag"],
                            )
                            for row in rows
                        ),
                        widths=(0.18, 0.34, 0.14, 0.24, 0.10),
                    ),
                ),
            )
        )
    changes = changes_since_previous(report)
    if changes:
        sections.append(
            Section(
                heading="What changed since the previous report",
                pairs=tuple((change.overview, change.what) for change in changes),
            )
        )
    return render_report(
        Report(
            organisation=organisation_name,
            reference="Equality action plan",
            version=1,
            title=f"Equality action plan: {report.title}",
            kind="Progress report",
            introduction=(f"Taken on {localtime(report.taken_at):%-d %B %Y}.",),
            sections=tuple(sections),
        )
    )
