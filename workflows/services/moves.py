"""The shape of every move of the process: one transaction, both locks, one staleness check.

A move opens a transaction, takes viewflow's lock on the process row and then the assessment's
row lock (eia.services.locking), refuses a decision made from an out-of-date page (the form's
`seen` token, eia.audit.require_fresh), checks workflows.rules, runs the django-fsm transition,
completes the viewflow task (its `route` switch activates the task of the new state), checks the
invariant that exactly the new stage's task is active, gives a resubmission's review back to the
officer who returned it (workflows.returns), records the audit event, and queues emails for
after commit. Any exception rolls all of it back.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django_fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from eia import audit
from eia.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eia.events import GROUPS, EventGroup, EventType
from eia.models import AUTHOR_STATES, Assessment, Duty, User
from eia.services import authorship, drafts
from eia.services.locking import locked

from .. import duties, notifications, returns, rules
from ..flows import ACTIVE_TASK_STATUSES, AssessmentFlow
from ..models import AssessmentProcess
from ..stages import stage_of, task_stage


class InvariantBroken(RuntimeError):
    """The active task does not match the record's state. Never expected; rolls back."""


@contextmanager
def locked_process(assessment_id: int, *, by) -> Iterator[Assessment]:
    """The process lock, then the assessment's row lock (always in that order)."""
    with transaction.atomic():
        process_pk = (
            AssessmentProcess.objects.filter(assessment_id=assessment_id)
            .values_list("pk", flat=True)
            .first()
        )
        if process_pk is None:
            raise NotFound("No such assessment.")
        try:
            with AssessmentFlow.lock(process_pk), locked(assessment_id, by=by) as assessment:
                yield assessment
        except FlowLockFailed as error:
            raise Conflict(
                "Someone else is saving a change to this assessment right now. Wait a moment, "
                "reload the page and try again."
            ) from error


def active_task(assessment: Assessment) -> Task | None:
    return (
        Task.objects.filter(
            process__pk=assessment.process.pk,
            status__in=ACTIVE_TASK_STATUSES,
            flow_task_type="HUMAN",
        )
        .select_related("owner")
        .first()
    )


def authors(assessment: Assessment):
    return User.objects.filter(pk__in=authorship.author_ids(assessment))


def check_consistent(assessment: Assessment) -> Task | None:
    """The invariant: exactly the task of the record's stage is active, or none at all."""
    tasks = list(
        Task.objects.filter(
            process__pk=assessment.process.pk, status__in=ACTIVE_TASK_STATUSES
        ).select_related("owner")
    )
    stage = stage_of(assessment.state)
    expected = [stage.node] if stage.has_task else []
    found = [task.flow_task.name for task in tasks]
    if found != expected:
        raise InvariantBroken(
            f"Assessment {assessment.pk} is {assessment.state} but active tasks are {found}"
        )
    return tasks[0] if tasks else None


def save_transition(assessment: Assessment, apply: Callable[[Assessment], object]) -> str:
    """Run one state machine transition and save it; returns the state it came from."""
    from_state = assessment.state
    try:
        apply(assessment)
    except TransitionNotAllowed as error:
        raise Conflict(
            "This cannot be done at the "
            f"{assessment.get_state_display().lower()} stage of the assessment."
        ) from error
    assessment.save()
    if assessment.state not in AUTHOR_STATES:
        # Out of the authors' hands nothing can be saved: their unsaved drafts go with it.
        drafts.discard_drafts_of(assessment)
    return from_state


def _finish_task(task: Task, by) -> None:
    """Complete the viewflow task; its `route` then activates the task of the new state."""
    activation = task.flow_task.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(by)  # acting on an unclaimed queue task claims it
    activation.start(None)
    activation.execute()


def move(
    *,
    assessment_id: int,
    seen: int,
    by,
    apply: Callable[[Assessment], object],
    event_type: EventType,
    comment: str = "",
    details: dict | None = None,
    check: Callable[[Assessment], None] | None = None,
    announce_next_task: bool = True,
) -> Assessment:
    """Complete the active task with one transition.

    `announce_next_task=False` for returns: the "returned with comments" email already tells the
    authors the work is back with them.
    """
    with locked_process(assessment_id, by=by) as assessment:
        audit.require_fresh(assessment, seen=seen)
        task = active_task(assessment)
        if task is None:
            raise Conflict(
                "There is nothing to do at this stage of the assessment. Reload it to see where "
                "it is now."
            )
        if not rules.can_do_task(by, assessment, task):
            raise NotAllowed(rules.why_not(by, assessment, task))
        duty = duties.DUTY_OF_STATE.get(task_stage(task).state)
        exceptions = duties.exceptions_used(by, assessment, duty)
        if check is not None:
            check(assessment)
        from_state = save_transition(assessment, apply)
        _finish_task(task, by)
        new_task = check_consistent(assessment)
        officer = returns.returner_for(assessment, new_task) if new_task is not None else None
        if officer is not None:  # a resubmission goes back to the officer who returned it
            new_task.flow_task.activation_class(new_task).assign(officer)
            details = {**(details or {}), "assigned_to": officer.display_name}
        if event_type in GROUPS[EventGroup.AUTHORING]:
            authorship.note_authored(assessment, by)
        for used in exceptions:
            _record_exception_used(assessment, used, by=by)
        audit.record(
            event_type,
            assessment=assessment,
            by=by,
            from_state=from_state,
            to_state=assessment.state,
            comment=comment,
            details=details,
        )
        if new_task is not None and announce_next_task:
            notifications.task_created(
                assessment, new_task, author_ids=authorship.author_ids(assessment)
            )
        return assessment


def _record_exception_used(assessment: Assessment, used: duties.Conflict, *, by) -> None:
    """Each use of a policy exception to separation of duties is on the trail, with the
    policy's own words."""
    audit.record(
        EventType.DUTY_EXCEPTION_USED,
        assessment=assessment,
        by=by,
        comment=used.allowed_by.policy_reference,
        details={
            "duties": [Duty(d).label for d in sorted((used.held, used.duty), key=list(Duty).index)],
            "exception": used.allowed_by.pk,
        },
    )


def require_decision_maker(assessment: Assessment) -> None:
    """A record cannot go to sign-off without a decision-maker who is not one of its authors."""
    decision_maker_id = assessment.pipeline_item.decision_maker_id
    if decision_maker_id is None:
        raise InvalidInput(
            "No decision-maker is named for this proposal. Ask the equality lead to name one "
            "on the pipeline item before it goes for sign-off."
        )
    if decision_maker_id in authorship.author_ids(assessment):
        raise InvalidInput(
            "The named decision-maker is also an author of this assessment and cannot sign off "
            "their own work. Ask the equality lead to name another decision-maker."
        )
