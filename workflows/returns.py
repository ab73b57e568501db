"""Returns: whether a record is back with its authors because an officer returned it, who
returned it, and what the authors changed since.

A resubmission goes back to the officer who returned it (they may release it to the team
queue), and that officer sees what changed since the return, rebuilt from the trail.
"""

from django.db.models import OuterRef, Subquery

from eia import compare
from eia.events import GROUPS, EventGroup
from eia.history import content_at
from eia.models import Assessment, AuditEvent, User

from . import rules
from .stages import Holder, task_stage

RETURN_EVENTS = GROUPS[EventGroup.RETURNS]


def _moves(assessment_id):
    """The trail's moves (events that changed the state), newest first."""
    return AuditEvent.objects.filter(assessment_id=assessment_id).exclude(to_state="")


def last_move_type(assessment_ref=None):
    """A subquery: the type of the assessment's latest move (annotate a list with it)."""
    return Subquery(
        _moves(assessment_ref or OuterRef("pk")).order_by("-sequence").values("event_type")[:1]
    )


def was_returned(last_move: str | None) -> bool:
    return last_move in RETURN_EVENTS


def last_return(assessment: Assessment) -> AuditEvent | None:
    """The return that sent the record back to its authors, if that was its latest move."""
    event = _moves(assessment.pk).order_by("-sequence").first()
    return event if event is not None and event.event_type in RETURN_EVENTS else None


def _last_left(assessment: Assessment) -> AuditEvent | None:
    """The latest move out of the stage the record is in now."""
    return _moves(assessment.pk).filter(from_state=assessment.state).order_by("-sequence").first()


def return_before_resubmission(assessment: Assessment) -> AuditEvent | None:
    """For a record under review again: the return it comes back after, when the last time it
    left this review stage was that return (not an approval later referred back)."""
    event = _last_left(assessment)
    return event if event is not None and event.event_type in RETURN_EVENTS else None


def returner_for(assessment: Assessment, task) -> User | None:
    """Who should hold the review task of a resubmission: the officer who returned it from
    this review stage, when they may still hold its task."""
    stage = task_stage(task)
    if stage is None or stage.holder is not Holder.OFFICERS or task.owner_id is not None:
        return None
    returned = return_before_resubmission(assessment)
    if returned is None:
        return None
    officer = User.objects.filter(pk=returned.actor_id, is_active=True).first()
    if officer is None or not rules.may_hold(officer, assessment, task.flow_task.name):
        return None
    return officer


def since_return(assessment: Assessment) -> list[compare.Difference] | None:
    """What the authors changed between the return and the resubmission (None if there was
    no return before this review)."""
    returned = return_before_resubmission(assessment)
    if returned is None:
        return None
    then = content_at(assessment, sequence=returned.sequence).content
    return compare.differences(assessment, then, content_at(assessment).content)
