"""The decision calendar: upcoming decisions and whether due regard is on record in time.

A decision is *at risk* when it is at most AT_RISK_WORKING_DAYS working days away (counted with
the bank holidays of the organisation's nation), or passed in the last RECENT_DAYS days, and no
version of its assessment has been signed off. Task lists (workflows.selectors.tasks) use the same
rule through `working_days_left` and `flag_text`.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from eia.authorization import Permission, has_permission
from eia.calendar import add_working_days, agenda_deadline, working_days_between
from eia.models import Assessment, PipelineItem, State

from ..stages import stage_of

AT_RISK_WORKING_DAYS = 10
RECENT_DAYS = 30
# The calendar shows a window of dates (moved with next and previous), never every decision.
WINDOW_DAYS = 63  # nine weeks: a committee cycle or two
PAGE_ROWS = 60  # a busy window is cut between two dates; "Later" goes on from there
# A decision-maker has signed off some version: the decision has due regard on record.
SIGNED_OFF_STATES = frozenset({State.SIGNED_OFF, State.PUBLISHED, State.SUPERSEDED})


@lru_cache(maxsize=64)
def _horizon(today: datetime.date, nation: str, within: int) -> datetime.date:
    return add_working_days(today, within + 1, nation)


def working_days_left(
    decision_date: datetime.date,
    *,
    today: datetime.date,
    nation: str,
    within: int = AT_RISK_WORKING_DAYS,
) -> int | None:
    """Working days from `today` to the decision when it is at most `within` away: zero or
    negative once the date has come or gone; None when it is further off."""
    # Cheap test first: a date on or after the (within + 1)th working day is out of range, so a
    # list of far-off decisions never walks the calendar day by day.
    if decision_date >= _horizon(today, nation, within):
        return None
    return working_days_between(today, decision_date, nation)


def flag_text(*, days: int, decision_date: datetime.date, today: datetime.date) -> str:
    """The words of the flag: it must make sense without its red colour (WCAG 1.4.1)."""
    if decision_date < today:
        return "Decision date passed: not signed off"
    if decision_date == today:
        return "Decision today: not signed off"
    if days <= 0:
        return "Decision before the next working day: not signed off"
    return f"Decision in {days} working day{'' if days == 1 else 's'}: not signed off"


@dataclass(frozen=True)
class DecisionRow:
    item: PipelineItem
    # The version whose status is shown: a signed-off one if any, else the live one, else the
    # latest (withdrawn); None when no assessment was ever started.
    assessment: Assessment | None
    # A later version in progress while an earlier one is signed off (a review).
    in_progress: Assessment | None
    signed_off: bool
    days_left: int | None
    flag: str
    # The agenda deadline has passed and no version is signed off.
    sign_off_overdue: bool = False

    @property
    def status(self) -> str:
        if self.assessment is None:
            return "No assessment"
        return self.assessment.get_state_display()

    @property
    def status_colour(self) -> str:
        if self.assessment is None:
            return "grey"
        return stage_of(self.assessment.state).colour

    @property
    def flagged(self) -> bool:
        return bool(self.flag)


@dataclass(frozen=True)
class Meeting:
    """The decisions one body takes on one date."""

    body: str
    date: datetime.date
    rows: list[DecisionRow]
    # The organisation's agenda deadline for this meeting: when sign-off falls due.
    sign_off_due: datetime.date | None = None

    @property
    def flagged(self) -> int:
        return sum(row.flagged for row in self.rows)


@dataclass(frozen=True)
class Calendar:
    today: datetime.date
    meetings: list[Meeting] = field(default_factory=list)
    at_risk_days: int = AT_RISK_WORKING_DAYS
    recent_days: int = RECENT_DAYS
    # The window shown: decisions on `start` or later and before `end`.
    start: datetime.date | None = None
    end: datetime.date | None = None
    # Decisions of the window left for the next page (the window was cut at `end`).
    more: int = 0
    more_flagged: int = 0

    @property
    def at_risk(self) -> int:
        return len(self.flagged) + self.more_flagged

    @property
    def previous_start(self) -> datetime.date | None:
        return self.start - datetime.timedelta(days=WINDOW_DAYS) if self.start else None

    @property
    def last_day(self) -> datetime.date | None:
        return self.end - datetime.timedelta(days=1) if self.end else None

    @property
    def rows(self) -> list[DecisionRow]:
        return [row for meeting in self.meetings for row in meeting.rows]

    @property
    def flagged(self) -> list[DecisionRow]:
        return [row for row in self.rows if row.flagged]

    @property
    def upcoming_at_risk(self) -> int:
        return sum(row.item.decision_date >= self.today for row in self.flagged)

    @property
    def passed_at_risk(self) -> int:
        return sum(row.item.decision_date < self.today for row in self.flagged)


def _row(item: PipelineItem, *, today: datetime.date, nation: str, agenda_days: int) -> DecisionRow:
    versions = item.versions  # newest first
    signed = [a for a in versions if a.state in SIGNED_OFF_STATES]
    live = [a for a in versions if a.state not in SIGNED_OFF_STATES and a.state != State.WITHDRAWN]
    shown = signed[0] if signed else (live[0] if live else (versions[0] if versions else None))
    in_progress = live[0] if signed and live and live[0].version > signed[0].version else None
    days = working_days_left(item.decision_date, today=today, nation=nation)
    flagged = not signed and days is not None
    return DecisionRow(
        item=item,
        assessment=shown,
        in_progress=in_progress,
        signed_off=bool(signed),
        days_left=days,
        flag=flag_text(days=days, decision_date=item.decision_date, today=today) if flagged else "",
        sign_off_overdue=not signed
        and today > agenda_deadline(item.decision_date, agenda_days, nation),
    )


def _not_signed_off():
    """No version of the item's assessment has been signed off (an EXISTS, per item)."""
    return ~Exists(
        Assessment.objects.filter(pipeline_item_id=OuterRef("pk"), state__in=SIGNED_OFF_STATES)
    )


def _with_versions(items):
    return items.select_related("directorate").prefetch_related(
        Prefetch(
            "assessments", queryset=Assessment.objects.order_by("-version"), to_attr="versions"
        )
    )


ORDER = ("decision_date", "decision_body", "reference")


def decision_calendar(
    *,
    user,
    today: datetime.date | None = None,
    body: str = "",
    directorate_id: int | None = None,
    at_risk_only: bool = False,
    start: datetime.date | None = None,
    days: int = WINDOW_DAYS,
) -> Calendar:
    """Decisions in a window of `days` days from `start`, grouped by date and decision body.
    Without `start`: from today, with those of the last RECENT_DAYS days still not signed off.
    A fixed number of queries (a page of decisions with their versions and, when the window
    is cut, a count of those left), however many decisions the window or the organisation
    has: at most a page and a day of decisions is read."""
    today = today or timezone.localdate()
    first = start or today
    end = first + datetime.timedelta(days=days)
    if not user.is_authenticated or user.organisation_id is None:
        return Calendar(today=today, start=first, end=end)
    nation = user.organisation.nation
    agenda_days = user.organisation.agenda_deadline_days
    earliest = first if start is not None else today - datetime.timedelta(days=RECENT_DAYS)
    items = PipelineItem.objects.visible_to(user).filter(
        decision_date__gte=earliest, decision_date__lt=end
    )
    horizon = _horizon(today, nation, AT_RISK_WORKING_DAYS)
    if start is None:  # a past decision matters here only while its sign-off is missing
        # Those of the last RECENT_DAYS days found first: OR-ed with the later dates, the
        # test became one pass over every signed-off assessment (59,395 at 100,000: 30 ms).
        missing = items.filter(_not_signed_off(), decision_date__lt=today).values_list(
            "pk", flat=True
        )
        items = items.filter(Q(decision_date__gte=today) | Q(pk__in=list(missing)))
    if at_risk_only:
        items = items.filter(_not_signed_off(), decision_date__lt=horizon)
    if body:
        items = items.filter(decision_body=body)
    if directorate_id is not None:
        items = items.filter(directorate_id=directorate_id)
    shown, cut = _page(items.order_by(*ORDER))
    left = {"more": 0, "more_flagged": 0}
    if cut is not None:
        left = items.filter(decision_date__gte=cut).aggregate(
            more=Count("pk"),
            more_flagged=Count("pk", filter=Q(_not_signed_off(), decision_date__lt=horizon)),
        )
    rows = [_row(item, today=today, nation=nation, agenda_days=agenda_days) for item in shown]
    meetings = [
        Meeting(
            body=body_,
            date=date,
            rows=list(group),
            sign_off_due=agenda_deadline(date, agenda_days, nation),
        )
        for (date, body_), group in itertools.groupby(
            rows, key=lambda row: (row.item.decision_date, row.item.decision_body)
        )
    ]
    return Calendar(today=today, meetings=meetings, start=first, end=cut or end, **left)


def _page(items) -> tuple[list[PipelineItem], datetime.date | None]:
    """At most PAGE_ROWS of the ordered items, with their versions, cut between two dates: the
    items, and the first date left out (None when nothing is). A day with more decisions than
    a page is shown whole. Never more than a page and a day is read."""
    first = list(_with_versions(items)[: PAGE_ROWS + 1])
    if len(first) <= PAGE_ROWS:
        return first, None
    cut = first[PAGE_ROWS].decision_date
    shown = [item for item in first if item.decision_date < cut]
    if shown:
        return shown, cut
    day = first[0].decision_date  # the page's first day is longer than a page
    whole_day = list(_with_versions(items.filter(decision_date=day)))
    later = items.filter(decision_date__gt=day).exists()
    return whole_day, day + datetime.timedelta(days=1) if later else None


@dataclass(frozen=True)
class AtRisk:
    """The decisions at risk, counted in the database, and the soonest of them by name."""

    soonest: list[DecisionRow]
    upcoming_at_risk: int  # from today on
    passed_at_risk: int  # in the last RECENT_DAYS days
    at_risk_days: int = AT_RISK_WORKING_DAYS
    recent_days: int = RECENT_DAYS

    @property
    def total(self) -> int:
        return self.upcoming_at_risk + self.passed_at_risk

    @property
    def rows(self) -> list[DecisionRow]:
        return self.soonest


# The team queue names this many; the calendar's "at risk" filter lists every one.
AT_RISK_SHOWN = 10


def decisions_at_risk(
    *, user, today: datetime.date | None = None, shown: int = AT_RISK_SHOWN
) -> AtRisk:
    """The decisions at risk (for the home page and the head of the team queue): counted in
    one query and the `shown` soonest fetched, so neither grows with how many there are.
    In date order, those whose date passed first."""
    today = today or timezone.localdate()
    if not user.is_authenticated or user.organisation_id is None:
        return AtRisk(soonest=[], upcoming_at_risk=0, passed_at_risk=0)
    nation = user.organisation.nation
    items = PipelineItem.objects.visible_to(user).filter(
        _not_signed_off(),
        decision_date__gte=today - datetime.timedelta(days=RECENT_DAYS),
        decision_date__lt=_horizon(today, nation, AT_RISK_WORKING_DAYS),
    )
    counts = items.aggregate(
        upcoming=Count("pk", filter=Q(decision_date__gte=today)),
        passed=Count("pk", filter=Q(decision_date__lt=today)),
    )
    agenda_days = user.organisation.agenda_deadline_days
    soonest = [
        _row(item, today=today, nation=nation, agenda_days=agenda_days)
        for item in _with_versions(items).order_by(*ORDER)[:shown]
    ]
    return AtRisk(
        soonest=soonest, upcoming_at_risk=counts["upcoming"], passed_at_risk=counts["passed"]
    )


def at_risk_for_officers(*, user) -> AtRisk | None:
    """The decisions at risk for the equality team's pages; nothing for anyone else."""
    if not has_permission(user, Permission.REVIEW_ASSESSMENT, organisation_id=user.organisation_id):
        return None
    return decisions_at_risk(user=user)


def filter_choices(*, user) -> dict:
    """The decision bodies and directorates the calendar can be filtered by."""
    items = PipelineItem.objects.visible_to(user)
    bodies = items.order_by("decision_body").values_list("decision_body", flat=True).distinct()
    directorates = []
    if user.is_authenticated and user.organisation_id is not None:
        directorates = list(
            user.organisation.directorates.order_by("name").values_list("pk", "name")
        )
    return {"bodies": list(bodies), "directorates": directorates}
