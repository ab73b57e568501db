"""PDF outputs of an assessment, from plain data: no Django models are imported here.

A view builds an `AssessmentDocument` (already redacted for its reader) and calls
`render_summary` or `render_full`, which return PDF bytes.
"""

from .document import (
    ActionLine,
    AssessmentDocument,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
    equality_implications,
)
from .render import render_full, render_summary
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
