"""Text limits, said once. Models, forms and services read them from here, and every limit is
explained to the user where it applies (a hint and a clear error), never applied silently."""

import unicodedata

from .errors import InvalidInput

SHORT_TEXT = 300  # titles, names, sources
LONG_TEXT = 5000  # answers, reasons, comments


def clean_text(value: str | None, *, what: str, required: bool, limit: int = LONG_TEXT) -> str:
    """Strip, drop NUL characters (PostgreSQL refuses them), and check the limit and presence.
    `what` names the field in the message, as in "Enter the reason for withdrawing"."""
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise InvalidInput(f"Enter {what}")
    if len(value) > limit:
        raise InvalidInput(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer")
    return value


def _breaks_a_line(ch: str) -> bool:
    # Control characters (newlines, tabs, NUL, escape...) and the Unicode line and paragraph
    # separators: any of them breaks an email header, an address or a one-line display.
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in "\u0085"


def clean_line(value: str | None, *, what: str, required: bool, limit: int = SHORT_TEXT) -> str:
    """A one-line value (a title, name or reference): stripped, and refused with a message
    naming the field if it holds a line break or other control character."""
    value = (value or "").strip()
    if any(_breaks_a_line(ch) for ch in value):
        raise InvalidInput(
            f"{what[0].upper()}{what[1:]} must be on one line, without line breaks or tabs"
        )
    if required and not value:
        raise InvalidInput(f"Enter {what}")
    if len(value) > limit:
        raise InvalidInput(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer")
    return value


def one_line(value: str, *, limit: int = SHORT_TEXT) -> str:
    """For places where text must be one line whatever was stored (an email subject): each run
    of line breaks and control characters becomes one space."""
    text = "".join(" " if _breaks_a_line(ch) else ch for ch in value or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
