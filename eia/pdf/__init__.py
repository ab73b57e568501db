"""PDF outputs of an assessment, from plain data: nothing in this package imports Django.

A view builds an `AssessmentDocument` (already redacted for its reader) and calls
`render_summary` or `render_full`, which return PDF bytes.

Modules, each importing only those above it: `document` (the plain-data model), `text` (the one
escaping helper, font coverage and limits; it states the safety rules), `layout` (styles, page
template, tables and shared blocks), then `full` and `summary`, one renderer each, and
`report`, a plain report for the judicial-review pack.

Measured on the 2-core development machine (reportlab 5.1, Python 3.11); no test times it:
- typical (4 impacts, 3 actions): summary 0.05-0.09 s before it stopped cutting, full 0.04 s
  (3 pages);
- large and realistic (12 adverse impacts with long answers, 40 actions): full 0.35-0.55 s
  (29 pages). The summary, which no longer cuts anything (a page at a glance, then the whole
  detail), is 30 pages in one layout pass: 1.35 times the full one's time, measured side by side
  on a loaded machine (11.7 s against 8.7 s);
- the largest allowed (about 400,000 characters): full 0.8-1.6 s for 84-150 pages, whether
  the text is long prose, 19 answers that are each one 20,000-character word, 900 actions or
  260 impacts. The same 400,000 characters as one paragraph took 20 s before the paragraph
  limit in `text`, and a 20,000-character word in a table cell raised LayoutError. Above the
  limit both renderers refuse (`DocumentTooLarge`); the web page shows everything.
"""

from .document import (
    ActionLine,
    AssessmentDocument,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
    equality_implications,
)
from .full import render_full
from .summary import render_summary
from .text import (
    MAX_DOCUMENT_CHARS,
    MAX_DOCUMENT_ITEMS,
    MAX_FIELD_CHARS,
    SHORTENED_MARKER,
    DocumentTooLarge,
    check_size,
)

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "MAX_DOCUMENT_ITEMS",
    "MAX_FIELD_CHARS",
    "SHORTENED_MARKER",
    "ActionLine",
    "AssessmentDocument",
    "DocumentTooLarge",
    "EngagementLine",
    "EvidenceLine",
    "ImpactLine",
    "check_size",
    "equality_implications",
    "render_full",
    "render_summary",
]
