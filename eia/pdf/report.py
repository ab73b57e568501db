"""A plain report as PDF: headed sections of paragraphs, labelled answers and tables. The
judicial-review pack's timeline, comparisons and principles are made with it. Every string goes
through the one escaping helper; nothing here imports Django."""

from dataclasses import dataclass, field

from reportlab.platypus import PageBreak, Spacer

from .document import AssessmentDocument
from .layout import FRAME_WIDTH, build, heading, make_styles, table
from .text import paragraphs


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # fractions of the page width; empty: equal


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # (label, answer)
    tables: tuple[Table, ...] = ()
    new_page: bool = False


@dataclass(frozen=True)
class Report:
    organisation: str
    reference: str
    version: int
    title: str
    kind: str  # what the report is, for its metadata: "Timeline", "Comparison"...
    introduction: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)


def render_report(report: Report) -> bytes:
    styles = make_styles()
    story = heading(report.title, styles.h1, 0, outline=report.title)
    for text in report.introduction:
        story += paragraphs(text, styles.body)
    for index, section in enumerate(report.sections):
        if section.new_page and index:
            story.append(PageBreak())
        story += heading(section.heading, styles.h2, 1, outline=section.heading)
        for text in section.paragraphs:
            story += paragraphs(text, styles.body)
        for label, answer in section.pairs:
            story += paragraphs(answer, styles.body, label=f"{label}:", empty="None recorded.")
        for part in section.tables:
            fractions = part.widths or (1 / len(part.header),) * len(part.header)
            header = list(part.header)
            story += table(
                header,
                [list(row) for row in part.rows],
                [FRAME_WIDTH * fraction for fraction in fractions],
                styles,
                # A long cell is printed in full below its table: a report never cuts text.
                overflow_label=lambda row, column, header=header: (
                    f"Row {row + 1}, {header[column].lower()}"
                ),
            )
            story.append(Spacer(1, 6))
    meta = AssessmentDocument(
        organisation=report.organisation,
        title=report.title,
        reference=report.reference,
        version=report.version,
        decision_body="",
        decision_date=None,
        decision_maker="",
        author="",
        status=report.kind,
    )
    pdf, _pages = build(meta, story, kind=report.kind)
    return pdf
