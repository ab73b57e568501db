"""Working days, counted with the bank holidays of the organisation's nation."""

import datetime
from functools import lru_cache

import holidays

from .models import Nation

_SUBDIVISION = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=8)
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    return holidays.UK(subdiv=_SUBDIVISION.get(nation, "ENG"))


def is_working_day(day: datetime.date, nation: str = Nation.ENGLAND) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation)


def add_working_days(day: datetime.date, count: int, nation: str = Nation.ENGLAND):
    """The date `count` working days after (or, if negative, before) `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, nation):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, nation=Nation.ENGLAND) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, nation)
    days, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, nation):
            days += 1
    return days


@lru_cache(maxsize=4096)  # every task row and meeting asks; the dates repeat
def agenda_deadline(decision_date: datetime.date, clear_days: int, nation=Nation.ENGLAND):
    """The last day the papers for a meeting on `decision_date` can be ready with `clear_days`
    clear working days before it: neither that day nor the meeting's day counts (as in "five
    clear days" under the Local Government Act 1972, s100B)."""
    return add_working_days(decision_date, -(clear_days + 1), nation)
