"""Timeliness in working days (the bank holidays of the organisation's nation, from
`eia/calendar.py`, as the decision calendar counts them): started at least N working days
before the decision (due regard before the decision, Brown principle 2), signed off on or
before it, published within M working days of sign-off. N and M are the organisation's own
(`equality.models.DutySettings`), with the defaults here; its reporting year is the one its
quarterly reports count in (`Organisation.reporting_year`, eia.reporting_year).

One query reads the four dates of each assessment; the working days are counted in Python
(holidays is a calendar, not a table), each distinct date once."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

from eia.calendar import add_working_days
from eia.models import Organisation, ReportingYear
from eia.reporting_year import first_month

from ..models import DutySettings

DEFAULTS = DutySettings()


@dataclass(frozen=True)
class Targets:
    year_starts_month: int = first_month(ReportingYear.CALENDAR)
    started_before_days: int = DEFAULTS.started_before_days
    publish_within_days: int = DEFAULTS.publish_within_days
    reporting_year: str = ReportingYear.CALENDAR


def targets_for(organisation_id: int) -> Targets:
    kind = (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("reporting_year", flat=True)
        .first()
    ) or ReportingYear.CALENDAR
    found = DutySettings.objects.filter(organisation_id=organisation_id).first() or DEFAULTS
    return Targets(first_month(kind), found.started_before_days, found.publish_within_days, kind)


def reporting_year(targets: Targets, year: int) -> tuple[datetime.date, datetime.date]:
    """The first day of the reporting year starting in `year`, and the first day after it."""
    starts = datetime.date(year, targets.year_starts_month, 1)
    return starts, datetime.date(year + 1, targets.year_starts_month, 1)


def year_of(targets: Targets, day: datetime.date) -> int:
    """The reporting year (by the calendar year it starts in) that `day` falls in."""
    return day.year if day.month >= targets.year_starts_month else day.year - 1


def year_label(targets: Targets, year: int) -> str:
    return str(year) if targets.year_starts_month == 1 else f"{year} to {year + 1}"


@dataclass(frozen=True)
class Timeliness:
    decided: int = 0
    started_in_time: int = 0
    signed_before_decision: int = 0
    signed_off: int = 0
    published_in_time: int = 0
    started_before_days: int = DEFAULTS.started_before_days
    publish_within_days: int = DEFAULTS.publish_within_days

    @staticmethod
    def share(part: int, whole: int) -> int:
        return round(100 * part / whole) if whole else 0

    def rows(self) -> list[tuple[str, int, int, int]]:
        """(measure, number, of how many, per cent): the table the dashboard and report show."""
        return [
            (
                f"Started at least {self.started_before_days} working days before the decision",
                self.started_in_time,
                self.decided,
                self.share(self.started_in_time, self.decided),
            ),
            (
                "Signed off on or before the decision date",
                self.signed_before_decision,
                self.decided,
                self.share(self.signed_before_decision, self.decided),
            ),
            (
                f"Published within {self.publish_within_days} working days of sign-off",
                self.published_in_time,
                self.signed_off,
                self.share(self.published_in_time, self.signed_off),
            ),
        ]


@lru_cache(maxsize=4096)  # decision and sign-off dates repeat across assessments
def _shifted(day: datetime.date, days: int, nation: str) -> datetime.date:
    return add_working_days(day, days, nation)


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def measure(assessments, *, nation: str, targets: Targets, today: datetime.date) -> Timeliness:
    """The figures for `assessments` (a queryset): decided ones are those whose decision date
    has come; published in time is counted among those signed off."""
    decided = started = signed_before = signed = published = 0
    dates = assessments.values_list(
        "pipeline_item__decision_date", "created_at", "signed_off_at", "published_at"
    )
    for decision_date, created_at, signed_at, published_at in dates:
        signed_on = _day(signed_at)
        if decision_date is not None and decision_date <= today:
            decided += 1
            latest = _shifted(decision_date, -targets.started_before_days, nation)
            started += _day(created_at) <= latest
            signed_before += signed_on is not None and signed_on <= decision_date
        if signed_on is not None:
            signed += 1
            deadline = _shifted(signed_on, targets.publish_within_days, nation)
            published += published_at is not None and _day(published_at) <= deadline
    return Timeliness(
        decided,
        started,
        signed_before,
        signed,
        published,
        targets.started_before_days,
        targets.publish_within_days,
    )
