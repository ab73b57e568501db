"""The equality action plan: its sections (each under an objective), its rows (deliverables)
and their updates, each kept on the row's history; and the links that put an assessment's
actions in the plan under the objective they serve."""

from django.db import transaction
from django.utils import timezone

from eia.authorization import Permission, has_permission, is_author
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.limits import LONG_TEXT, SHORT_TEXT, clean_text
from eia.models import Action, Directorate, User

from ..models import ActionObjective, Objective, PlanRow, PlanRowChange, PlanSection
from ..selectors import plan as selectors
from ..targets import parse
from .common import locked_organisation, record

ROW_FIELDS = (
    "section_id",
    "overview",
    "key_deliverables",
    "owner_name",
    "owner_user_id",
    "directorate_id",
    "target_text",
    "comment",
    "rag",
)
ROW_LABELS = {
    "section_id": "Section",
    "overview": "Overview",
    "key_deliverables": "Key deliverables",
    "owner_name": "Owner",
    "owner_user_id": "Person responsible",
    "directorate_id": "Directorate",
    "target_text": "Target date",
    "comment": "Comment",
    "rag": "RAG rating",
}
_KEEPERS = "Only the equality team keeps the action plan."


@transaction.atomic
def add_section(*, by, objective_id: int, title: str) -> PlanSection:
    organisation = locked_organisation(by, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    objective = Objective.objects.filter(pk=objective_id, organisation=organisation).first()
    if objective is None:
        raise NotFound("No such objective.")
    section = PlanSection.objects.create(
        organisation=organisation,
        objective=objective,
        title=clean_text(title, what="the section's title", required=True, limit=120),
        position=PlanSection.objects.filter(organisation=organisation).count(),
    )
    record(
        EventType.PLAN_SECTION_ADDED,
        organisation=organisation,
        by=by,
        details={"section": section.pk, "title": section.title, "objective": objective.pk},
    )
    return section


def _clean_row(organisation, values: dict) -> dict:
    section_id, user_id, directorate_id = (
        values.get("section"),
        values.get("owner_user"),
        values.get("directorate"),
    )
    if not PlanSection.objects.filter(pk=section_id, organisation=organisation).exists():
        raise InvalidInput("Select a section of the plan")
    if user_id and not User.objects.filter(pk=user_id, organisation=organisation).exists():
        raise InvalidInput("Select a person from the list")
    if (
        directorate_id
        and not Directorate.objects.filter(pk=directorate_id, organisation=organisation).exists()
    ):
        raise InvalidInput("Select a directorate from the list")
    rag = values.get("rag") or ""
    if rag not in {"", *PlanRow.Rag.values}:
        raise InvalidInput("Select a RAG rating from the list")
    return {
        "section_id": section_id,
        "overview": clean_text(
            values.get("overview"), what="the overview", required=True, limit=SHORT_TEXT
        ),
        "key_deliverables": clean_text(
            values.get("key_deliverables"),
            what="the key deliverables",
            required=True,
            limit=LONG_TEXT,
        ),
        "owner_name": clean_text(
            values.get("owner_name"), what="the owner", required=True, limit=200
        ),
        "owner_user_id": user_id or None,
        "directorate_id": directorate_id or None,
        "target_text": clean_text(
            values.get("target_text"), what="the target date", required=True, limit=120
        ),
        "comment": clean_text(values.get("comment"), what="the comment", required=False),
        "rag": rag,
    }


@transaction.atomic
def save_row(*, by, values: dict, row_id: int | None = None) -> PlanRow:
    """Add a deliverable or update one (its comment and RAG rating as progress is reported);
    the values before and after go on the row's history and the organisation's trail."""
    organisation = locked_organisation(by, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    cleaned = _clean_row(organisation, values)
    if row_id is None:
        row, before = PlanRow(organisation=organisation), {}
        row.position = PlanRow.objects.filter(section_id=cleaned["section_id"]).count()
    else:
        row = PlanRow.objects.filter(pk=row_id, organisation=organisation).first()
        if row is None:
            raise NotFound("No such row in the action plan.")
        before = {name: getattr(row, name) for name in ROW_FIELDS}
    for name, value in cleaned.items():
        setattr(row, name, value)
    target = parse(row.target_text)
    row.target_kind, row.target_due = target.kind.value, target.due
    row.updated_at = timezone.now()
    row.save()
    changes = {
        name: [before.get(name), cleaned[name]]
        for name in ROW_FIELDS
        if before.get(name) != cleaned[name]
    }
    if before and not changes:
        return row
    PlanRowChange.objects.create(row=row, by=by, by_name=by.display_name, changes=changes)
    record(
        EventType.PLAN_ROW_ADDED if not before else EventType.PLAN_ROW_UPDATED,
        organisation=organisation,
        by=by,
        details={"row": row.pk, "overview": row.overview, "changes": changes},
    )
    return row


def can_link(user, action: Action) -> bool:
    """The assessment's author or co-author, or the equality team."""
    assessment = action.assessment
    return is_author(user, assessment) or has_permission(
        user, Permission.KEEP_ACTION_PLAN, organisation_id=assessment.organisation_id
    )


@transaction.atomic
def link_action(*, by, action_id: int, objective_id: int | None) -> ActionObjective | None:
    """Put an assessment's action in the plan under an objective (None: take it out)."""
    organisation_id = getattr(by, "organisation_id", None)
    action = (
        Action.objects.select_related("assessment")
        .filter(pk=action_id, assessment__organisation_id=organisation_id)
        .first()
    )
    if action is None:
        raise NotFound("No such action.")
    if not can_link(by, action):
        raise NotAllowed("Only the assessment's authors or the equality team link its actions.")
    organisation = locked_organisation(by, Permission.VIEW_RECORDS, _KEEPERS)
    link = ActionObjective.objects.filter(action=action).first()
    before = link.objective_id if link else None
    if objective_id is None:
        if link is not None:
            link.delete()
        link = None
    else:
        objective = Objective.objects.filter(pk=objective_id, organisation=organisation).first()
        if objective is None:
            raise InvalidInput("Select an objective from the list")
        link = link or ActionObjective(action=action)
        link.objective, link.linked_by, link.linked_at = objective, by, timezone.now()
        link.save()
    if before != objective_id:
        record(
            EventType.ACTION_LINKED,
            organisation=organisation,
            by=by,
            details={
                "action": action.pk,
                "assessment": action.assessment_id,
                "objective": [before, objective_id],
            },
        )
    return link


@transaction.atomic
def carry_links_forward(*, by) -> int:
    """Link each open, unlinked action of a later version to the objective the same action
    served in the version before (a review copies the actions, not their links); returns how
    many were linked, each on the trail as a link."""
    organisation = locked_organisation(by, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    unlinked = list(selectors.unlinked_actions(organisation_id=organisation.pk))
    found = selectors.previous_links(unlinked)
    for action_id, objective in found.items():
        link_action(by=by, action_id=action_id, objective_id=objective.pk)
    return len(found)
