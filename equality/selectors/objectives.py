"""The organisation's objectives and when they fall due to be refreshed."""

import datetime
from dataclasses import dataclass

from django.db.models import Min

from ..models import Objective
from ..services.objectives import latest_end

# How far ahead the home page and the dashboard warn: agreeing new objectives takes evidence,
# engagement and a Cabinet date, so six months' notice.
REFRESH_NOTICE_DAYS = 183


@dataclass(frozen=True)
class Refresh:
    due: datetime.date | None  # None: the organisation has no objectives at all
    today: datetime.date

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - self.today).days

    @property
    def warn(self) -> bool:
        return self.due is None or self.days_left <= REFRESH_NOTICE_DAYS

    @property
    def overdue(self) -> bool:
        return self.due is None or self.due < self.today


def objectives_of(*, organisation_id: int):
    return Objective.objects.filter(organisation_id=organisation_id).prefetch_related("sections")


def refresh_for(*, organisation_id: int, today: datetime.date | None = None) -> Refresh:
    """When the objectives now in force must be refreshed: the earliest end of a current
    objective, and never later than four years after it was agreed (one query)."""
    today = today or datetime.date.today()
    current = Objective.objects.filter(organisation_id=organisation_id, ends_on__gte=today)
    earliest = current.aggregate(ends=Min("ends_on"), agreed=Min("agreed_on"))
    if earliest["ends"] is None:
        return Refresh(due=None, today=today)
    return Refresh(due=min(earliest["ends"], latest_end(earliest["agreed"])), today=today)
