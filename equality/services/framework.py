"""The Equality Framework self-assessment: the equality lead records, per area, the current
and target level with dates, the evidence and the peer challenge's feedback; links records
(assessments, objectives, plan rows) as evidence; records each point of the peer challenge's
feedback, which the equality team turns into a deliverable of the plan, linked back."""

from django.db import transaction

from eia.authorization import Permission
from eia.errors import InvalidInput, NotFound
from eia.events import EventType
from eia.limits import SHORT_TEXT, clean_text
from eia.models import Assessment

from ..framework import Area, Level
from ..models import FrameworkArea, FrameworkEvidence, Objective, PeerFeedback, PlanRow
from . import plan
from .common import locked_organisation, record

FIELDS = (
    "current_level",
    "assessed_on",
    "target_level",
    "target_date",
    "evidence",
    "peer_feedback",
)
_ORDER = list(Level.values)
_LEAD = "Only the equality lead records the self-assessment."


@transaction.atomic
def save_area(*, by, area: str, values: dict) -> FrameworkArea:
    organisation = locked_organisation(by, Permission.MANAGE_OBJECTIVES, _LEAD)
    if area not in Area.values:
        raise InvalidInput("Select an area of the framework")
    current, target = values.get("current_level"), values.get("target_level")
    if current not in Level.values or target not in Level.values:
        raise InvalidInput("Select a level from the list")
    if _ORDER.index(target) < _ORDER.index(current):
        raise InvalidInput("The target level cannot be below the current level")
    row = FrameworkArea.objects.filter(organisation=organisation, area=area).first()
    row = row or FrameworkArea(organisation=organisation, area=area)
    before = {name: getattr(row, name, None) for name in FIELDS} if row.pk else {}
    row.current_level, row.target_level = current, target
    row.assessed_on, row.target_date = values.get("assessed_on"), values.get("target_date")
    row.evidence = clean_text(values.get("evidence"), what="the evidence", required=False)
    row.peer_feedback = clean_text(
        values.get("peer_feedback"), what="the peer feedback", required=False
    )
    row.save()
    changes = {
        name: [before.get(name), getattr(row, name)]
        for name in FIELDS
        if before.get(name) != getattr(row, name)
    }
    record(
        EventType.FRAMEWORK_AREA_SAVED,
        organisation=organisation,
        by=by,
        details={"area": area, "changes": changes},
    )
    return row


def _evidence_target(organisation, values: dict) -> dict:
    """The one record linked: an assessment by its proposal's reference (its newest version),
    an objective or a plan row, each of this organisation."""
    kind = values.get("kind")
    if kind == "assessment":
        reference = clean_text(
            values.get("reference"), what="the assessment's reference", required=True, limit=60
        )
        found = (
            Assessment.objects.filter(
                organisation=organisation, pipeline_item__reference__iexact=reference
            )
            .order_by("-version")
            .first()
        )
        if found is None:
            raise InvalidInput("No assessment has that reference: enter one like NCC-2027-002")
        return {"assessment": found}
    if kind == "objective":
        found = Objective.objects.filter(
            pk=values.get("objective"), organisation=organisation
        ).first()
        if found is None:
            raise InvalidInput("Select an objective from the list")
        return {"objective": found}
    if kind == "plan_row":
        found = PlanRow.objects.filter(pk=values.get("plan_row"), organisation=organisation).first()
        if found is None:
            raise InvalidInput("Select a deliverable of the plan from the list")
        return {"plan_row": found}
    raise InvalidInput("Select what kind of record it is")


@transaction.atomic
def link_evidence(*, by, area: str, values: dict) -> FrameworkEvidence:
    organisation = locked_organisation(by, Permission.MANAGE_OBJECTIVES, _LEAD)
    if area not in Area.values:
        raise InvalidInput("Select an area of the framework")
    target = _evidence_target(organisation, values)
    if FrameworkEvidence.objects.filter(organisation=organisation, area=area, **target).exists():
        raise InvalidInput("That record is already evidence for this area")
    note = clean_text(values.get("note"), what="what it shows", required=False, limit=SHORT_TEXT)
    evidence = FrameworkEvidence.objects.create(
        organisation=organisation, area=area, note=note, linked_by=by, **target
    )
    ((kind, linked),) = target.items()
    record(
        EventType.FRAMEWORK_EVIDENCE_LINKED,
        organisation=organisation,
        by=by,
        details={"area": area, "evidence": evidence.pk, kind: linked.pk, "note": note},
    )
    return evidence


@transaction.atomic
def record_feedback(*, by, area: str, text: str, received_on=None) -> PeerFeedback:
    organisation = locked_organisation(by, Permission.MANAGE_OBJECTIVES, _LEAD)
    if area not in Area.values:
        raise InvalidInput("Select an area of the framework")
    feedback = PeerFeedback.objects.create(
        organisation=organisation,
        area=area,
        text=clean_text(text, what="what the peers said", required=True),
        received_on=received_on,
        recorded_by=by,
    )
    record(
        EventType.PEER_FEEDBACK_RECORDED,
        organisation=organisation,
        by=by,
        details={"area": area, "feedback": feedback.pk, "text": feedback.text},
    )
    return feedback


@transaction.atomic
def act_on_feedback(*, by, feedback_id: int, values: dict) -> PlanRow:
    """A deliverable of the plan made from one feedback item, linked back to it."""
    organisation = locked_organisation(
        by, Permission.KEEP_ACTION_PLAN, "Only the equality team keeps the action plan."
    )
    feedback = (
        PeerFeedback.objects.select_for_update()
        .filter(pk=feedback_id, organisation=organisation)
        .first()
    )
    if feedback is None:
        raise NotFound("No such feedback.")
    if feedback.plan_row_id is not None:
        raise InvalidInput("A deliverable has already been created from this feedback")
    row = plan.save_row(by=by, values=values)
    feedback.plan_row = row
    feedback.save(update_fields=["plan_row"])
    record(
        EventType.PEER_FEEDBACK_ACTIONED,
        organisation=organisation,
        by=by,
        details={"area": feedback.area, "feedback": feedback.pk, "plan_row": row.pk},
    )
    return row
