"""Who holds a task: an officer claims it from the team queue or releases it back; the equality
lead reassigns it (never to an author of the assessment). A task's id is what these act on: a
task that has finished since the page was loaded is a 409."""

from viewflow.workflow.models import Task

from eia import audit
from eia.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.models import User

from .. import notifications, rules
from ..models import AssessmentProcess
from .moves import active_task, locked_process


def _assessment_id_of_task(task_id: int) -> int:
    assessment_id = (
        AssessmentProcess.objects.filter(task__pk=task_id)
        .values_list("assessment_id", flat=True)
        .first()
    )
    if assessment_id is None:
        raise NotFound("No such task.")
    return assessment_id


def _still_active(assessment, task_id: int) -> Task:
    task = active_task(assessment)
    if task is None or task.pk != task_id:
        raise Conflict(
            "Someone else has already acted on this task, so your action was not saved. "
            "Reload the assessment to see where it is now."
        )
    return task


def claim_task(*, task_id: int, by) -> Task:
    with locked_process(_assessment_id_of_task(task_id), by=by) as assessment:
        task = _still_active(assessment, task_id)
        if task.owner_id is not None:
            raise Conflict(f"{task.owner.display_name} has already claimed this task.")
        if not rules.can_claim(by, assessment, task):
            raise NotAllowed(rules.why_not(by, assessment, task))
        task.flow_task.activation_class(task).assign(by)
        audit.record(
            EventType.TASK_CLAIMED,
            assessment=assessment,
            by=by,
            details={"task": task.flow_task.name},
        )
        return task


def release_task(*, task_id: int, by) -> Task:
    with locked_process(_assessment_id_of_task(task_id), by=by) as assessment:
        task = _still_active(assessment, task_id)
        if not rules.can_release(by, assessment, task):
            raise NotAllowed("Only the officer who claimed this task or the equality lead can.")
        released_from = task.owner.display_name
        task.flow_task.activation_class(task).unassign()
        audit.record(
            EventType.TASK_RELEASED,
            assessment=assessment,
            by=by,
            details={"task": task.flow_task.name, "released_from": released_from},
        )
        return task


def reassign_task(*, task_id: int, to_user_id: int, by) -> Task:
    with locked_process(_assessment_id_of_task(task_id), by=by) as assessment:
        task = _still_active(assessment, task_id)
        if not rules.can_reassign(by, assessment):
            raise NotAllowed("Only the equality lead can reassign tasks.")
        to = User.objects.filter(
            pk=to_user_id, organisation_id=assessment.organisation_id, is_active=True
        ).first()
        if to is None or not rules.may_hold(to, assessment, task.flow_task.name):
            raise InvalidInput(
                "Choose someone who may do this task and is not an author of this assessment"
            )
        previous_owner = task.owner.display_name if task.owner else None
        activation = task.flow_task.activation_class(task)
        if task.owner_id is None:
            activation.assign(to)
        else:
            activation.reassign(to)
        audit.record(
            EventType.TASK_REASSIGNED,
            assessment=assessment,
            by=by,
            details={"task": task.flow_task.name, "from": previous_owner, "to": to.display_name},
        )
        notifications.reassigned(assessment, task)
        return task
