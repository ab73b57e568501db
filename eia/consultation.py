"""A public consultation's length, in words, and the warning when it is shorter than the duty's
guidance recommends (Northern Ireland: the Equality Commission's 12 weeks, in eia.aims)."""

import datetime

from .aims import Duty


def length_days(starts: datetime.date | None, ends: datetime.date | None) -> int | None:
    """Days from opening to closing, counting both (a consultation open for one day is 1)."""
    if starts is None or ends is None or ends < starts:
        return None
    return (ends - starts).days + 1


def length_text(starts: datetime.date | None, ends: datetime.date | None) -> str:
    days = length_days(starts, ends)
    if days is None:
        return ""
    weeks, rest = divmod(days, 7)
    parts = [f"{weeks} week{'s' if weeks != 1 else ''}"] if weeks else []
    if rest or not weeks:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def shortfall(duty: Duty, starts: datetime.date | None, ends: datetime.date | None) -> str:
    """The warning for a consultation shorter than the duty recommends, or ""."""
    days = length_days(starts, ends)
    if not duty.consultation_weeks or days is None or days >= 7 * duty.consultation_weeks:
        return ""
    return f"{duty.consultation_advice}: this one lasted {length_text(starts, ends)}."


def of(full, duty: Duty) -> dict:
    """What pages and the summary show of a full assessment's public consultation."""
    starts = getattr(full, "consultation_starts_on", None)
    ends = getattr(full, "consultation_ends_on", None)
    return {
        "starts_on": starts,
        "ends_on": ends,
        "length": length_text(starts, ends),
        "responses": getattr(full, "consultation_responses", "") or "",
        "shortfall": shortfall(duty, starts, ends),
    }


def pairs(shown: dict | None) -> tuple[tuple[str, str], ...]:
    """The consultation as (label, text) pairs for a PDF; nothing if none was recorded."""
    if not shown or not (shown.get("starts_on") or shown.get("responses")):
        return ()
    result = []
    if shown.get("starts_on"):
        result.append(
            ("Open", f"{_day(shown['starts_on'])} to {_day(shown['ends_on'])} ({shown['length']})")
        )
    if shown.get("shortfall"):
        result.append(("Length", shown["shortfall"]))
    result.append(("Summary of the responses", shown.get("responses") or "Not recorded"))
    return tuple(result)


def _day(value) -> str:
    # A frozen summary keeps dates as ISO strings.
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}" if value else "not given"
