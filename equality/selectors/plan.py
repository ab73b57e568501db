"""The action plan as its pages and files read it: the deliverables and the assessments'
actions linked to objectives, filtered in the database (objective, section, directorate, RAG,
overdue, owner). Each list is one query for its page, however big the plan."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from eia.models import Action, State

from ..models import ActionObjective, Objective, PlanRow, PlanSection


@dataclass(frozen=True)
class Filters:
    objective: int | None = None
    section: int | None = None
    directorate: int | None = None
    rag: str = ""
    overdue: bool = False
    owner: str = ""


_OPEN = [Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS]
# A superseded version's actions were copied into the version that replaced it, and a
# withdrawn proposal's are void: the plan lists neither.
_NOT_CURRENT = [State.SUPERSEDED, State.WITHDRAWN]


def rows(*, organisation_id: int, filters: Filters, today: datetime.date | None = None) -> QuerySet:
    today = today or datetime.date.today()
    found = PlanRow.objects.filter(organisation_id=organisation_id).select_related(
        "section__objective", "owner_user", "directorate", "peer_feedback"
    )
    if filters.objective:
        found = found.filter(section__objective_id=filters.objective)
    if filters.section:
        found = found.filter(section_id=filters.section)
    if filters.directorate:
        found = found.filter(directorate_id=filters.directorate)
    if filters.rag:
        found = found.filter(rag="" if filters.rag == "none" else filters.rag)
    if filters.overdue:
        found = found.filter(target_due__lt=today).exclude(rag=PlanRow.Rag.COMPLETE)
    if filters.owner:
        found = found.filter(
            Q(owner_name__icontains=filters.owner)
            | Q(owner_user__first_name__icontains=filters.owner)
            | Q(owner_user__last_name__icontains=filters.owner)
        )
    return found.order_by(
        "section__objective__position",
        "section__objective_id",
        "section__position",
        "section_id",
        "position",
        "pk",
    )


def linked_actions(
    *, organisation_id: int, filters: Filters, today: datetime.date | None = None
) -> QuerySet:
    """The assessments' actions linked to an objective, with their assessment (for the link
    back) and proposal. A section filter leaves none: actions sit under objectives."""
    today = today or datetime.date.today()
    found = (
        ActionObjective.objects.filter(objective__organisation_id=organisation_id)
        .exclude(action__assessment__state__in=_NOT_CURRENT)
        .select_related(
            "objective",
            "action__owner",
            "action__assessment__pipeline_item__directorate",
        )
    )
    if filters.section:
        return found.none()
    if filters.objective:
        found = found.filter(objective_id=filters.objective)
    if filters.directorate:
        found = found.filter(action__assessment__pipeline_item__directorate_id=filters.directorate)
    if filters.rag == "complete":
        found = found.filter(action__status=Action.Status.DONE)
    elif filters.rag == "none":
        found = found.filter(action__rag="")
    elif filters.rag:
        found = found.filter(action__rag=filters.rag)
    if filters.overdue:
        found = found.filter(action__target_date__lt=today, action__status__in=_OPEN)
    if filters.owner:
        found = found.filter(
            Q(action__owner__first_name__icontains=filters.owner)
            | Q(action__owner__last_name__icontains=filters.owner)
        )
    return found.order_by("objective__position", "objective_id", "action__target_date", "pk")


def unlinked_actions(*, organisation_id: int) -> QuerySet:
    """Open actions of the organisation's current assessments not yet linked to an objective."""
    return (
        Action.objects.filter(
            assessment__organisation_id=organisation_id,
            objective_link__isnull=True,
            status__in=_OPEN,
        )
        .exclude(assessment__state__in=_NOT_CURRENT)
        .select_related("assessment__pipeline_item")
        .order_by("target_date", "pk")
    )


def previous_links(actions) -> dict[int, Objective]:
    """For actions of a later version (a review copies its predecessor's actions, not their
    links), the objective the same action (same kind and title) served in an earlier version
    of the proposal, the newest first: one query for the lot."""
    actions = [action for action in actions if action.assessment.version > 1]
    if not actions:
        return {}
    earlier = (
        ActionObjective.objects.filter(
            action__assessment__pipeline_item_id__in={
                a.assessment.pipeline_item_id for a in actions
            }
        )
        .select_related("objective", "action__assessment")
        .order_by("action__assessment__version")
    )
    served = {
        (
            link.action.assessment.pipeline_item_id,
            link.action.assessment.version,
            link.action.kind,
            link.action.title,
        ): link.objective
        for link in earlier
    }
    found = {}
    for action in actions:
        item, version = action.assessment.pipeline_item_id, action.assessment.version
        for before in range(version - 1, 0, -1):
            objective = served.get((item, before, action.kind, action.title))
            if objective is not None:
                found[action.pk] = objective
                break
    return found


def choices(*, organisation_id: int) -> dict:
    """The filter lists: objectives and sections of this organisation (two queries)."""
    return {
        "objectives": list(Objective.objects.filter(organisation_id=organisation_id)),
        "sections": list(
            PlanSection.objects.filter(organisation_id=organisation_id).select_related("objective")
        ),
    }
