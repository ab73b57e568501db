"""Section 5: mitigations and actions (owner, target date, status and RAG rating), and the
progress reported on them after sign-off."""

from eia import audit
from eia.authorization import can_report_progress
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.history import Changes
from eia.limits import clean_line, clean_text
from eia.models import Action, Impact, Section

from .locking import locked
from .sections import assign, colleague, edit, owned

ACTION_FIELDS = ("kind", "title", "description", "target_date", "status", "rag")


def save_action(
    *,
    assessment_id: int,
    seen: int,
    by,
    data: dict,
    owner_id=None,
    owner_kind: str = Action.OwnerKind.PERSON,
    owner_name: str = "",
    impact_ids=(),
    action_id: int | None = None,
) -> Action:
    """An action has an owner (a person in the organisation, a team, or a named partner
    organisation) and a target date, or it is refused."""
    if owner_kind not in Action.OwnerKind.values:
        raise InvalidInput("Choose who owns the action")
    if owner_kind == Action.OwnerKind.PERSON:
        owner_name = ""
        if owner_id in (None, ""):
            raise InvalidInput("Choose the person who owns the action")
    else:
        owner_id = None
        what = (
            "the team's name"
            if owner_kind == Action.OwnerKind.TEAM
            else "the partner organisation's name"
        )
        owner_name = clean_line(owner_name, what=what, required=True)
    saved = {}

    def change(assessment, changes):
        action = (
            Action(assessment=assessment)
            if action_id is None
            else owned(Action, assessment, action_id)
        )
        changes.before(action)
        assign(action, data, ACTION_FIELDS)
        action.owner_kind = owner_kind
        action.owner = colleague(assessment, owner_id)
        action.owner_name = owner_name
        if not action.target_date:
            raise InvalidInput("Enter the action's target date")
        action.save()
        action.impacts.set(Impact.objects.filter(assessment=assessment, pk__in=list(impact_ids)))
        changes.after(action)
        saved["action"] = action

    edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.ACTIONS,
        change=change,
        record=f"action:{action_id or 'new'}",
    )
    return saved["action"]


def remove_action(*, assessment_id: int, seen: int, by, action_id: int):
    def change(assessment, changes):
        action = owned(Action, assessment, action_id)
        if hasattr(action, "evidence_gap"):
            raise InvalidInput("Remove the evidence gap instead: this action closes it")
        changes.removed(action)
        action.delete()

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.ACTIONS,
        change=change,
        record=f"action:{action_id}",
    )


def update_action_progress(
    *, action_id: int, by, status: str, rag: str, progress_note: str
) -> Action:
    """The action plan goes on after sign-off: its owner, the authors and the equality team
    report progress at any time. This changes the plan's status, not the signed-off record."""
    assessment_id = (
        Action.objects.filter(pk=action_id).values_list("assessment_id", flat=True).first()
    )
    if assessment_id is None:
        raise NotFound("No such action.")
    progress_note = clean_text(progress_note, what="the progress note", required=False)
    with locked(assessment_id, by=by) as assessment:
        action = Action.objects.select_for_update().get(pk=action_id)
        if not can_report_progress(by, assessment, action):
            raise NotAllowed("Only the action's owner, the authors or the equality team can.")
        before = {"status": action.status, "rag": action.rag}
        changes = Changes()
        changes.before(action)
        action.status, action.rag, action.progress_note = status, rag, progress_note
        action.save(update_fields=["status", "rag", "progress_note", "updated_at"])
        changes.after(action)
        audit.record(
            EventType.ACTION_PROGRESS,
            assessment=assessment,
            by=by,
            comment=progress_note,
            details={
                "action": action.title,
                "before": before,
                "after": {"status": status, "rag": rag},
                "rows": changes.rows,
            },
        )
        return action
