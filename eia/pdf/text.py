"""Text safety: the one path from any string, ours or a user's, to a reportlab Paragraph.

Safety rules (the reportlab traps of the house style), each enforced in one place:

- Every Paragraph is made by `paragraphs()`, which cleans, limits, splits and escapes the text:
  markup typed by a user prints literally and `<img src=...>` can never make reportlab read a
  file or URL. Headings, table cells and bullets all go through it.
- Text the embedded font cannot draw (Arabic, emoji, other scripts Liberation Sans lacks) is
  replaced by a visible "□": reportlab would draw the font's blank box anyway and put NUL
  characters in the text layer, so copying and searching lost it either way. Right-to-left
  text the font does have (Hebrew) is drawn in logical order, unshaped and not reordered:
  reportlab does no bidi layout. The accessible, complete form is the HTML page; the PDF is
  the alternative.
- Long text is bounded three ways: each field at `MAX_FIELD_CHARS` (then a visible marker),
  each paragraph at `_CHUNK_CHARS` (reportlab lays out one huge paragraph in quadratic time), and
  each table cell at a size that always fits on one page (`eia.pdf.layout.table`; the rest
  follows the table in full), so a 20,000-character word can neither raise LayoutError nor
  stall the build.
- The whole document is refused above `MAX_DOCUMENT_CHARS` / `MAX_DOCUMENT_ITEMS` with
  `DocumentTooLarge`, whose message the web layer shows as it is.
"""

import functools
import re
import unicodedata
from dataclasses import fields, is_dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from .document import AssessmentDocument

# Per field (one answer, one title): beyond this the text is cut and marked.
MAX_FIELD_CHARS = 20_000
# Whole document, counting each field up to MAX_FIELD_CHARS: beyond this no PDF is made.
MAX_DOCUMENT_CHARS = 400_000
# Rows of every list added up (impacts, actions, evidence, reasons, pairs...).
MAX_DOCUMENT_ITEMS = 2_000

SHORTENED_MARKER = "[shortened: the full text is on the web page]"
CONTINUED_NOTE = "…continued in the full assessment"
MISSING_GLYPH = "\u25a1"  # □, drawn where the font has no glyph for a character

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DueRegardSans"
FONT_BOLD = "DueRegardSans-Bold"
FONT_FILES = {
    FONT: FONT_DIR / "LiberationSans-Regular.ttf",
    FONT_BOLD: FONT_DIR / "LiberationSans-Bold.ttf",
}

# reportlab lays out a paragraph in time quadratic in its length; this keeps each one small.
_CHUNK_CHARS = 2_000


class DocumentTooLarge(Exception):
    """The document has more text than a PDF is made for; `message` says so to the user."""

    def __init__(self, message: str, *, size: int, limit: int):
        super().__init__(message)
        self.message = message
        self.size = size
        self.limit = limit


# --- Fonts -----------------------------------------------------------------------------------


@functools.cache
def font_coverage() -> re.Pattern:
    """Register the vendored fonts once; return a pattern matching characters they cannot draw.

    Registration lives here, with the coverage, because both read the same loaded font files.
    """
    faces = []
    for name, path in FONT_FILES.items():
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        faces.append(set(font.face.charToGlyph))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    drawable = sorted(set.intersection(*faces) - set(range(0x20)) | {0x09, 0x0A})
    ranges, start, previous = [], drawable[0], drawable[0]
    for code in drawable[1:] + [-1]:
        if code != previous + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
        previous = code
    return re.compile(f"[^{''.join(ranges)}]")


# --- Text: the one path from user text to a Paragraph ----------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def clean(value) -> str:
    """Plain text the font can draw: no control characters, composed accents, □ for the rest."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\t", " "))
    # Welsh typed as w + combining circumflex becomes ŵ, which the font has.
    text = unicodedata.normalize("NFC", text)
    return font_coverage().sub(MISSING_GLYPH, text)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def plain(value, limit: int = 300) -> str:
    """One line for metadata, outline titles and the footer (drawn without markup parsing).

    Viewers show metadata and bookmarks in their own fonts, so any script is kept; only what
    cannot be encoded (lone surrogates) or displayed (control characters) goes.
    """
    text = _SURROGATE.sub("\ufffd", "" if value is None else str(value))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else cut(text, limit) + "…"


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending at a space if one is near the end."""
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > limit * 0.8:
        head = head[:space]
    return head.rstrip()


def _limit(text: str, limit: int, note: str) -> str:
    if len(text) <= limit:
        return text
    return f"{cut(text, limit)} {note}"


def _chunks(text: str) -> list[str]:
    """Paragraphs of at most _CHUNK_CHARS, split at blank lines, then at spaces, then anywhere."""
    pieces = []
    for block in _BLANK_LINE.split(text.strip()):
        block = block.strip()
        while len(block) > _CHUNK_CHARS:
            piece = cut(block, _CHUNK_CHARS)
            pieces.append(piece)
            block = block[len(piece) :].lstrip()
        if block:
            pieces.append(block)
    return pieces


def paragraphs(
    value,
    style: ParagraphStyle,
    *,
    label: str = "",
    limit: int = MAX_FIELD_CHARS,
    note: str = SHORTENED_MARKER,
    bullet: bool = False,
    empty: str = "",
) -> list[Paragraph]:
    """The only maker of Paragraphs: every string, ours or a user's, is escaped here."""
    text = _limit(clean(value), limit, note)
    chunks = _chunks(text) or ([empty] if empty or label else [])
    result = []
    for index, chunk in enumerate(chunks):
        markup = escape(chunk).replace("\n", "<br/>")
        if index == 0 and label:
            markup = f"<b>{escape(clean(label))}</b> {markup}"
        result.append(
            Paragraph(markup, style, bulletText="\u2022" if bullet and index == 0 else None)
        )
    return result


# --- Limits on the whole document ------------------------------------------------------------


def _count(value) -> tuple[int, int]:
    """(characters, entries): every string up to the field limit, every entry of every list."""
    if isinstance(value, str):
        return min(len(value), MAX_FIELD_CHARS), 0
    if is_dataclass(value):
        parts = [getattr(value, field.name) for field in fields(value)]
        items = sum(len(part) for part in parts if isinstance(part, tuple))
    elif isinstance(value, tuple):
        parts, items = value, 0
    else:
        return 0, 0
    chars = 0
    for part in parts:
        more_chars, more_items = _count(part)
        chars, items = chars + more_chars, items + more_items
    return chars, items


def check_size(doc: AssessmentDocument) -> None:
    """Raise DocumentTooLarge, with a message for the user, if no full PDF should be made."""
    chars, items = _count(doc)
    if chars > MAX_DOCUMENT_CHARS:
        raise DocumentTooLarge(
            f"This assessment has too much text to make into a PDF: {chars:,} characters, and "
            f"the limit is {MAX_DOCUMENT_CHARS:,}. The web page shows it in full. To make a PDF, "
            "shorten the longest answers or move detail into linked evidence.",
            size=chars,
            limit=MAX_DOCUMENT_CHARS,
        )
    if items > MAX_DOCUMENT_ITEMS:
        raise DocumentTooLarge(
            f"This assessment has too many entries to make into a PDF: {items:,} impacts, "
            f"actions, evidence items and other entries, and the limit is "
            f"{MAX_DOCUMENT_ITEMS:,}. The web page shows it in full.",
            size=items,
            limit=MAX_DOCUMENT_ITEMS,
        )
