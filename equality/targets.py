"""Target dates as councils write them in an action plan: "October 2019", "From April 2019",
"Annually in April", "Ongoing", "31 March 2020". `parse()` reads one into a `Target`: what kind
it is and, when it has one, the day it is due by, so "overdue" is a date comparison the database
can make. Text it cannot read is kept as written (kind "text") and is never overdue."""

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    BY = "by"  # due by a day (or the end of a month)
    FROM = "from"  # starting then and continuing
    ANNUALLY = "annually"  # every year in a month
    ONGOING = "ongoing"
    TEXT = "text"  # kept as written


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class Target:
    text: str
    kind: Kind
    due: datetime.date | None = None  # the last day it is due by; None when never overdue
    starts: datetime.date | None = None
    month: int | None = None  # for "annually in <month>"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today

    @property
    def reads(self) -> str:
        """The target in words, as the plan prints it."""
        if self.kind == Kind.BY and self.due is not None:
            return self.due.strftime("%-d %B %Y")
        if self.kind == Kind.FROM and self.starts is not None:
            return "From " + self.starts.strftime("%B %Y")
        if self.kind == Kind.ANNUALLY and self.month:
            return f"Annually in {calendar.month_name[self.month]}"
        if self.kind == Kind.ONGOING:
            return "Ongoing"
        return self.text


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: str, month: str, day: str | None) -> datetime.date | None:
    number = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
    if not number or not 1 <= number <= 12:
        return None
    try:
        if day is None:
            return _month_end(int(year), number)
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


def _a_date(text: str) -> datetime.date | None:
    """ "31 March 2020", "March 2020", "31/03/2020", "2020-03-31"."""
    for pattern in (
        rf"^{_DAY}\s+{_MONTH}\s+{_YEAR}$",
        rf"^{_MONTH}\s+{_YEAR}$",
        r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})$",
        r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$",
    ):
        match = re.match(pattern, text)
        if match:
            parts = match.groupdict()
            return _date(parts["year"], parts["month"], parts.get("day"))
    return None


def parse(text: str) -> Target:
    written = " ".join((text or "").split())
    lowered = written.lower().rstrip(".")
    if lowered in {"ongoing", "on-going", "on going", "continuous"}:
        return Target(written, Kind.ONGOING)
    match = re.match(rf"^(?:annually|every year|each year)(?: in)? {_MONTH}$", lowered)
    if match and match["month"] in MONTHS:
        return Target(written, Kind.ANNUALLY, month=MONTHS[match["month"]])
    if lowered.startswith("from "):
        starts = _a_date(lowered[5:].strip())
        if starts is not None:
            first = starts.replace(day=1) if not re.match(r"^\d", lowered[5:]) else starts
            return Target(written, Kind.FROM, starts=first)
    due = _a_date(re.sub(r"^(?:by|before)\s+", "", lowered))
    if due is not None:
        return Target(written, Kind.BY, due=due)
    return Target(written, Kind.TEXT)
