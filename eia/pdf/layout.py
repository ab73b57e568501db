"""Layout shared by both renderers: styles, the page template and its numbered footer, tables,
and the blocks both print (headings that are bookmarks, sign-off, equality implications).

Every user string goes through `eia.pdf.text`: into Paragraphs by `paragraphs`, into the
footer, metadata and bookmarks by `plain`; nothing here makes a Paragraph itself.
"""

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .document import AssessmentDocument, equality_implications
from .text import (
    CONTINUED_NOTE,
    FONT,
    FONT_BOLD,
    SHORTENED_MARKER,
    clean,
    font_coverage,
    paragraphs,
    plain,
)

_HEADING_CHARS = 500
# A table cell holds at most this many lines at its narrowest possible characters (1 em wide),
# so every row fits on one page and a table never raises LayoutError; the rest follows the table.
_CELL_MAX_LINES = 40


# --- Styles and headings ---------------------------------------------------------------------

_BLACK = colors.HexColor("#0b0c0c")
_GREY = colors.HexColor("#505a5f")
_RULE = colors.HexColor("#b1b4b6")
HEADER_FILL = colors.HexColor("#f3f2f1")


def _style(name: str, size: float, leading: float, **kwargs) -> ParagraphStyle:
    kwargs.setdefault("fontName", FONT)
    kwargs.setdefault("textColor", _BLACK)
    return ParagraphStyle(
        name,
        fontSize=size,
        leading=leading,
        alignment=TA_LEFT,
        splitLongWords=1,
        bulletFontName=FONT,
        bulletFontSize=size,
        **kwargs,
    )


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    kicker: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle


def make_styles(scale: float = 1.0) -> Styles:
    s = scale
    return Styles(
        body=_style("body", 10 * s, 13.5 * s, spaceAfter=4 * s),
        small=_style("small", 8.5 * s, 11 * s, textColor=_GREY, spaceAfter=3 * s),
        bullet=_style(
            "bullet", 10 * s, 13.5 * s, leftIndent=12 * s, bulletIndent=2 * s, spaceAfter=2 * s
        ),
        cell=_style("cell", 8.5 * s, 10.5 * s),
        cell_head=_style("cell_head", 8.5 * s, 10.5 * s, fontName=FONT_BOLD),
        kicker=_style("kicker", 10 * s, 13 * s, textColor=_GREY, spaceAfter=2 * s),
        h1=_style("h1", 18 * s, 22 * s, fontName=FONT_BOLD, spaceAfter=6 * s, keepWithNext=1),
        h2=_style(
            "h2",
            13 * s,
            16 * s,
            fontName=FONT_BOLD,
            spaceBefore=10 * s,
            spaceAfter=4 * s,
            keepWithNext=1,
        ),
        h3=_style(
            "h3",
            11 * s,
            14 * s,
            fontName=FONT_BOLD,
            spaceBefore=8 * s,
            spaceAfter=3 * s,
            keepWithNext=1,
        ),
    )


def heading(text, style: ParagraphStyle, level: int, *, outline=None) -> list[Paragraph]:
    """A heading that is also a PDF bookmark (outline entry, `outline` or the text) at `level`."""
    result = paragraphs(text, style, limit=_HEADING_CHARS, empty="(untitled)")
    title = plain(text if outline is None else outline, 200)
    result[0].due_regard_outline = (title or "(untitled)", level)
    return result


def table_heading(text: str, styles: Styles) -> list[Paragraph]:
    """The heading of a section that holds a table (which `table` keeps with its first row:
    keepWithNext would move the whole table to the next page whenever it fits on one)."""
    return heading(text, ParagraphStyle("h2_table", parent=styles.h2, keepWithNext=0), 0)


# --- Page furniture --------------------------------------------------------------------------

_MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * _MARGIN
_PAGE_TOTAL_FORM = "page_total"


class _NumberedCanvas(Canvas):
    """Writes "Page N of M" in one pass: each footer draws a form whose content, the page
    count, is only filled in at save time."""

    def save(self):
        self.beginForm(_PAGE_TOTAL_FORM, lowerx=0, lowery=-4, upperx=80, uppery=12)
        self.setFont(FONT, 8)
        self.setFillColor(_GREY)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class _Template(SimpleDocTemplate):
    def __init__(self, buffer, *, footer: str, **kwargs):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_MARGIN,
            bottomMargin=_MARGIN + 4 * mm,
            creator="Due Regard",
            displayDocTitle=1,
            initialFontName=FONT,
            **kwargs,
        )
        self._footer = footer
        self._outline_keys = 0

    def beforeDocument(self):
        self.canv.showOutline()

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "due_regard_outline", None)
        if outline:
            title, level = outline
            self._outline_keys += 1
            key = f"heading-{self._outline_keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def draw_footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(_GREY)
        y = _MARGIN - 2 * mm
        label = f"Page {canvas.getPageNumber()} of "
        canvas.drawString(_MARGIN, y, label)
        canvas.translate(_MARGIN + pdfmetrics.stringWidth(label, FONT, 8), y)
        canvas.doForm(_PAGE_TOTAL_FORM)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(_GREY)
        footer = self._footer
        while footer and pdfmetrics.stringWidth(footer, FONT, 8) > FRAME_WIDTH - 90:
            footer = footer[:-8].rstrip() + "…" if len(footer) > 9 else ""
        canvas.drawRightString(A4[0] - _MARGIN, y, footer)
        canvas.restoreState()


def build(doc: AssessmentDocument, story: list, *, kind: str) -> tuple[bytes, int]:
    font_coverage()  # registers the fonts before the canvas names its initial font
    buffer = io.BytesIO()
    footer = clean(plain(f"{doc.organisation} · {doc.reference} · version {doc.version}", 160))
    template = _Template(
        buffer,
        footer=footer,
        title=plain(f"Equality impact assessment: {doc.title}"),
        author=plain(doc.organisation),
        subject=plain(f"{kind}, {doc.reference}, version {doc.version}"),
        keywords=["equality impact assessment", "public sector equality duty"],
        lang=plain(doc.language, 35) or "en-GB",
    )
    template.build(
        story,
        onFirstPage=template.draw_footer,
        onLaterPages=template.draw_footer,
        canvasmaker=_NumberedCanvas,
    )
    return buffer.getvalue(), template.page


# --- Tables ----------------------------------------------------------------------------------


def table_style(commands: list) -> TableStyle:
    # FONTNAME too: reportlab sets each cell's font (Helvetica by default, not embedded) even
    # when the cell holds a Paragraph with its own.
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *commands,
        ]
    )


def table(
    header: list[str],
    rows: list[list],
    widths: list[float],
    styles: Styles,
    *,
    fills: list[tuple[int, int, colors.Color]] = (),
    overflow_label=None,
    heading: list[Paragraph] = (),
) -> list:
    """A table whose cells always fit on a page, after `heading`, kept with its first row.

    Text longer than a cell can hold is cut there; with `overflow_label(row, column)` the full
    text follows the table, otherwise the cut is marked as continued in the full assessment.
    """
    data = [[paragraphs(text, styles.cell_head) for text in header]]
    after = []
    for row_index, row in enumerate(rows):
        cells = []
        for column, (text, width) in enumerate(zip(row, widths, strict=True)):
            capacity = int((width - 6) / styles.cell.fontSize) * _CELL_MAX_LINES
            # One line of text: typed line breaks could otherwise make a row taller than a page.
            text = " ".join(clean(text).split())
            if len(text) > capacity and overflow_label is not None:
                name = overflow_label(row_index, column)
                after += paragraphs(text, styles.body, label=f"{name}, in full:")
                note = f"[continued below the table: {name}]"
            else:
                note = CONTINUED_NOTE if overflow_label is None else SHORTENED_MARKER
            cells.append(paragraphs(text, styles.cell, limit=capacity - len(note) - 1, note=note))
        data.append(cells)
    commands = [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    commands += [("BACKGROUND", (col, row + 1), (col, row + 1), fill) for row, col, fill in fills]
    style = table_style(commands)
    grid = Table(data, colWidths=widths, repeatRows=1, style=style, hAlign="LEFT")
    _, first_rows = Table(data[:2], colWidths=widths, style=style).wrap(FRAME_WIDTH, 10**6)
    needed = first_rows + sum(p.wrap(FRAME_WIDTH, 10**6)[1] + 16 for p in heading)
    return [CondPageBreak(needed), *heading, grid, Spacer(1, 4), *after]


# --- Blocks both renderers print -------------------------------------------------------------


def sign_off(styles: Styles, *, signer: str, when: str, attestation: str) -> list:
    if not signer:
        return paragraphs("Not yet signed off.", styles.body)
    story = paragraphs(
        f"{signer}{f' on {when}' if when else ''}.", styles.body, label="Signed off by"
    )
    if attestation:
        story += paragraphs(attestation, styles.body, label="Attestation:")
    return story


def implications(doc: AssessmentDocument) -> str:
    return doc.equality_implications or equality_implications(doc)
