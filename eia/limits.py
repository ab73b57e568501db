"""Text limits, said once. Models, forms and services read them from here, and every limit is
explained to the user where it applies (a hint and a clear error), never applied silently."""

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
