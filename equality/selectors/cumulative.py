"""Cumulative impact: for each group, the live and recently decided proposals with an adverse
impact on it, with the size, who is affected, what remains and the mitigations. Three queries
(impacts with their proposals, their mitigations, the rule set's names) however many; the page
shows them a page at a time (`impacts()` to page, `totals()` for each group's whole count,
`grouped()` for the page's rows)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from eia.models import LIVE_STATES, Action, Assessment, Direction, Impact, State
from eia.screening import current_ruleset

# "Recently decided": signed off or published in the last year still counts towards the
# combined effect a decision-maker must consider.
RECENT = datetime.timedelta(days=365)


@dataclass
class Group:
    characteristic: str
    name: str
    impacts: list = field(default_factory=list)
    # Over every page, when the impacts shown are one page of them (see totals()).
    total: tuple[int, int] | None = None

    @property
    def proposals(self) -> int:
        return self.total[0] if self.total is not None else len(self.impacts)

    @property
    def major(self) -> int:
        if self.total is not None:
            return self.total[1]
        return sum(1 for impact in self.impacts if impact.size == "major")


def _impacts(organisation_id: int, *, programme_id: int | None, today: datetime.date):
    since = timezone.make_aware(datetime.datetime.combine(today - RECENT, datetime.time.min))
    current = Assessment.objects.filter(organisation_id=organisation_id).without_review_under_way()
    current = current.filter(
        Q(state__in=LIVE_STATES)
        | Q(state__in=[State.SIGNED_OFF, State.PUBLISHED], signed_off_at__gte=since)
    )
    if programme_id is not None:
        current = current.filter(pipeline_item__programmes=programme_id)
    return (
        Impact.objects.filter(direction=Direction.NEGATIVE, assessment__in=current)
        .select_related("assessment__pipeline_item__directorate")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("target_date", "pk"))
        )
        .order_by("characteristic", "-size", "assessment__pipeline_item__decision_date", "pk")
    )


def impacts(*, organisation, programme_id: int | None = None, today: datetime.date | None = None):
    """Every adverse impact the cumulative view lists, in group order: a queryset to page."""
    return _impacts(organisation.pk, programme_id=programme_id, today=today or timezone.localdate())


def totals(impacts) -> dict[str, tuple[int, int]]:
    """characteristic -> (proposals, major ones) over all of `impacts`, in one query."""
    rows = (
        impacts.order_by()
        .values("characteristic")
        .annotate(count=Count("pk"), major=Count("pk", filter=Q(size="major")))
    )
    return {row["characteristic"]: (row["count"], row["major"]) for row in rows}


def grouped(impacts, *, organisation, totals: dict | None = None) -> list[Group]:
    """`impacts` (rows, in group order) as groups, in that order, named from the rule set."""
    ruleset = current_ruleset(organisation)
    groups: dict[str, Group] = {}
    for impact in impacts:
        if impact.characteristic not in groups:
            found = ruleset.characteristic(impact.characteristic)
            name = found.name if found else impact.characteristic.replace("_", " ").capitalize()
            total = totals.get(impact.characteristic) if totals is not None else None
            groups[impact.characteristic] = Group(impact.characteristic, name, total=total)
        groups[impact.characteristic].impacts.append(impact)
    return list(groups.values())


def by_group(
    *,
    organisation,
    programme_id: int | None = None,
    characteristics: list[str] | None = None,
    exclude_item: int | None = None,
    today: datetime.date | None = None,
) -> list[Group]:
    """Every group at once, the most often hit first (the review and sign-off pages)."""
    found = impacts(organisation=organisation, programme_id=programme_id, today=today)
    if characteristics is not None:
        found = found.filter(characteristic__in=characteristics)
    if exclude_item:
        found = found.exclude(assessment__pipeline_item_id=exclude_item)
    groups = grouped(found, organisation=organisation)
    return sorted(groups, key=lambda group: (-len(group.impacts), group.name))


def others_hitting(assessment) -> list[Group]:
    """The other live or recently decided proposals with an adverse impact on the groups this
    assessment finds adversely affected: what the officer and the decision-maker weigh as
    the combined effect (three queries; none when it has no adverse impact)."""
    hit = list(
        assessment.impacts.filter(direction=Direction.NEGATIVE).values_list(
            "characteristic", flat=True
        )
    )
    if not hit:
        return []
    return by_group(
        organisation=assessment.organisation,
        characteristics=hit,
        exclude_item=assessment.pipeline_item_id,
    )
