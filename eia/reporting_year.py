"""Quarters of an organisation's reporting year, for the quarterly screening reports.

A calendar year's quarter 1 is January to March. A financial year (April to March, as Northern
Ireland councils report) is named by the year it starts in: 2026-27 quarter 1 is April to June
2026 and quarter 4 is January to March 2027. Pure date arithmetic, so a unit test reaches it.
"""

import datetime
from calendar import month_name  # English: Python never sets the locale

CALENDAR, FINANCIAL = "calendar", "financial"


def first_month(kind: str) -> int:
    """The month the reporting year starts in: April for a financial year, else January."""
    return 4 if kind == FINANCIAL else 1


def quarter_of(day: datetime.date, kind: str) -> tuple[int, int]:
    """(year, quarter) of the reporting year that `day` falls in."""
    months = (day.month - first_month(kind)) % 12
    year = day.year if day.month >= first_month(kind) else day.year - 1
    return year, months // 3 + 1


def bounds(year: int, quarter: int, kind: str) -> tuple[datetime.date, datetime.date]:
    """The quarter's first day and the day after its last (quarter must be 1 to 4)."""
    month = first_month(kind) + 3 * (quarter - 1)
    start = datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    month += 3
    end = datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return start, end


def year_label(year: int, kind: str) -> str:
    """ "2026" for a calendar year; "2026-27" for a financial year."""
    return f"{year}-{(year + 1) % 100:02d}" if kind == FINANCIAL else str(year)


def months_label(year: int, quarter: int, kind: str) -> str:
    """ "April to June 2026": every quarter of either kind lies within one calendar year."""
    start, end = bounds(year, quarter, kind)
    last = end - datetime.timedelta(days=1)
    return f"{month_name[start.month]} to {month_name[last.month]} {last.year}"
