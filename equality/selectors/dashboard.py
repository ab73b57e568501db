"""The dashboard's figures for one organisation, each an aggregate the database computes
(timeliness excepted: one query reads the dates, counted in working days in Python): a fixed
number of queries however many assessments, actions or plan rows there are
(`tests/integration/equality/test_dashboard.py` counts them with 20 and 200,
`benchmarks/equality_duty.py` with 20 and 2,000)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from eia.models import Action, Assessment, Direction, Impact, ScreeningOutcome, State
from eia.screening import current_ruleset

from ..models import PlanRow
from .timeliness import Timeliness, measure, targets_for

# A screened-out share above this in a quarter (of at least MIN_SCREENINGS) is a warning sign.
SCREENED_OUT_WARNING = 0.75
MIN_SCREENINGS = 4
REVIEWS_AHEAD = datetime.timedelta(days=90)

_CURRENT = ~Q(state__in=[State.SUPERSEDED, State.WITHDRAWN])
_OUT = [ScreeningOutcome.SCREENED_OUT, ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION]


@dataclass(frozen=True)
class Period:
    directorate: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def _assessments(organisation_id: int, period: Period):
    found = Assessment.objects.filter(organisation_id=organisation_id)
    if period.directorate:
        found = found.filter(pipeline_item__directorate_id=period.directorate)
    if period.since:
        found = found.filter(created_at__date__gte=period.since)
    if period.until:
        found = found.filter(created_at__date__lte=period.until)
    return found


def by_stage(organisation_id: int, period: Period) -> list[tuple[str, int]]:
    counts = dict(
        _assessments(organisation_id, period)
        .exclude(state=State.SUPERSEDED)
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    return [
        (state.label, counts.get(state.value, 0)) for state in State if state != State.SUPERSEDED
    ]


def by_outcome(organisation_id: int, period: Period) -> list[tuple[str, int]]:
    counts = dict(
        _assessments(organisation_id, period)
        .filter(_CURRENT)
        .exclude(screening_outcome="")
        .values_list("screening_outcome")
        .annotate(n=Count("pk"))
    )
    return [(outcome.label, counts.get(outcome.value, 0)) for outcome in ScreeningOutcome]


def by_directorate(organisation_id: int, period: Period) -> list[tuple[str, int]]:
    rows = (
        _assessments(organisation_id, period)
        .filter(_CURRENT)
        .values_list("pipeline_item__directorate__name")
        .annotate(n=Count("pk"))
        .order_by("pipeline_item__directorate__name")
    )
    return [(name, n) for name, n in rows]


def timeliness(organisation, period: Period, today: datetime.date) -> Timeliness:
    """In working days, against the organisation's own targets (see selectors/timeliness.py)."""
    return measure(
        _assessments(organisation.pk, period).filter(_CURRENT),
        nation=organisation.nation,
        targets=targets_for(organisation.pk),
        today=today,
    )


@dataclass(frozen=True)
class Quarter:
    starts: datetime.date
    screened: int
    screened_out: int

    @property
    def label(self) -> str:
        return f"{self.starts:%b %Y}"

    @property
    def share(self) -> int:
        return round(100 * self.screened_out / self.screened) if self.screened else 0

    @property
    def warn(self) -> bool:
        return self.screened >= MIN_SCREENINGS and self.share > 100 * SCREENED_OUT_WARNING


def screening_over_time(organisation_id: int, period: Period) -> list[Quarter]:
    rows = (
        _assessments(organisation_id, period)
        .filter(_CURRENT)
        .exclude(screening_outcome="")
        .annotate(quarter=TruncQuarter("created_at"))
        .values("quarter")
        .annotate(
            screened=Count("pk"), screened_out=Count("pk", filter=Q(screening_outcome__in=_OUT))
        )
        .order_by("quarter")
    )
    quarters = []
    for row in rows:
        starts = row["quarter"]
        if isinstance(starts, datetime.datetime):
            starts = (
                timezone.localtime(starts).date() if timezone.is_aware(starts) else starts.date()
            )
        quarters.append(Quarter(starts, row["screened"], row["screened_out"]))
    return quarters[-8:]


def adverse_by_characteristic(organisation, period: Period) -> list[tuple[str, int]]:
    impacts = Impact.objects.filter(
        assessment__organisation_id=organisation.pk, direction=Direction.NEGATIVE
    ).filter(~Q(assessment__state__in=[State.SUPERSEDED, State.WITHDRAWN]))
    if period.directorate:
        impacts = impacts.filter(assessment__pipeline_item__directorate_id=period.directorate)
    if period.since:
        impacts = impacts.filter(assessment__created_at__date__gte=period.since)
    if period.until:
        impacts = impacts.filter(assessment__created_at__date__lte=period.until)
    rows = impacts.values_list("characteristic").annotate(n=Count("pk")).order_by("-n")
    ruleset = current_ruleset(organisation)
    return [(_name(ruleset, characteristic), n) for characteristic, n in rows]


def _name(ruleset, characteristic: str) -> str:
    found = ruleset.characteristic(characteristic)
    return found.name if found else characteristic.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ActionFigures:
    by_rag: list[tuple[str, int]]
    overdue: int
    open: int


def actions(organisation_id: int, period: Period, today: datetime.date) -> ActionFigures:
    found = Action.objects.filter(assessment__organisation_id=organisation_id)
    if period.directorate:
        found = found.filter(assessment__pipeline_item__directorate_id=period.directorate)
    open_ = Q(status__in=[Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS])
    figures = found.aggregate(
        red=Count("pk", filter=open_ & Q(rag=Action.Rag.RED)),
        amber=Count("pk", filter=open_ & Q(rag=Action.Rag.AMBER)),
        green=Count("pk", filter=open_ & Q(rag=Action.Rag.GREEN)),
        unrated=Count("pk", filter=open_ & Q(rag="")),
        complete=Count("pk", filter=Q(status=Action.Status.DONE)),
        overdue=Count("pk", filter=open_ & Q(target_date__lt=today)),
        open=Count("pk", filter=open_),
    )
    return ActionFigures(
        by_rag=[
            ("Red", figures["red"]),
            ("Amber", figures["amber"]),
            ("Green", figures["green"]),
            ("Not rated", figures["unrated"]),
            ("Complete", figures["complete"]),
        ],
        overdue=figures["overdue"],
        open=figures["open"],
    )


def plan_rows(organisation_id: int, today: datetime.date) -> tuple[list[tuple[str, int]], int]:
    found = PlanRow.objects.filter(organisation_id=organisation_id)
    figures = found.aggregate(
        **{rag.value: Count("pk", filter=Q(rag=rag.value)) for rag in PlanRow.Rag},
        unrated=Count("pk", filter=Q(rag="")),
        overdue=Count("pk", filter=Q(target_due__lt=today) & ~Q(rag=PlanRow.Rag.COMPLETE)),
    )
    bars = [(rag.label, figures[rag.value]) for rag in PlanRow.Rag]
    return [*bars, ("Not rated", figures["unrated"])], figures["overdue"]


def reviews_due(organisation_id: int, period: Period, today: datetime.date):
    """Published assessments whose review date has passed or falls in the next 90 days."""
    found = _assessments(organisation_id, period).filter(
        state=State.PUBLISHED, review_date__lte=today + REVIEWS_AHEAD
    )
    return found.select_related("pipeline_item").order_by("review_date", "pk")[:10]
