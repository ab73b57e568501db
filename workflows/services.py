"""Every write to an assessment's lifecycle goes through a function here.

Each function is keyword-only, takes the actor as `by=`, and runs in one transaction that holds
the process lock (viewflow's select_for_update lock on the process row) and the assessment's row
lock. Inside it: the rules are checked, the state machine transition runs, the viewflow task is
completed (which activates the task of the new state), the audit event is recorded, and emails
are queued for after commit. Any failure rolls all of it back.

Two people acting at once: the second waits for the lock, then finds the task already done or
the state moved on, and gets eia.errors.Conflict (a 409 page). On SQLite the IMMEDIATE
transaction mode serialises writers the same way.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

import screening_rules
from eia import audit, screening
from eia.errors import Conflict, InvalidInput, NotAllowed, NotFound, SubmissionBlocked
from eia.events import GROUPS, EventGroup, EventType
from eia.models import (
    Assessment,
    PipelineItem,
    Screening,
    ScreeningOutcome,
    SignOff,
    State,
    User,
)
from eia.services import authorship

from . import notifications, rules, summary
from .flows import AssessmentFlow
from .models import AssessmentProcess
from .stages import STAGE_BY_STATE

ACTIVE_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
COMMENT_MAX_LENGTH = 5000
DEFAULT_REVIEW_MONTHS = 12


class InvariantBroken(RuntimeError):
    """The active task does not match the record's state. Never expected; rolls back."""


# ---------------------------------------------------------------------------------------------
# Plumbing shared by every write


@contextmanager
def _process_lock(process_pk: int):
    try:
        with AssessmentFlow.lock(process_pk):
            yield
    except FlowLockFailed as error:
        raise Conflict(
            "Someone else is saving a change to this assessment right now. Wait a moment, "
            "reload the page and try again."
        ) from error


@contextmanager
def _locked(assessment_id: int, *, by) -> Iterator[Assessment]:
    """Open the transaction, take the process lock then the assessment row lock, check access."""
    with transaction.atomic():
        process_pk = (
            AssessmentProcess.objects.filter(assessment_id=assessment_id)
            .values_list("pk", flat=True)
            .first()
        )
        if process_pk is None:
            raise NotFound("No such assessment.")
        with _process_lock(process_pk):
            assessment = (
                Assessment.objects.select_for_update(of=("self",))
                .select_related("pipeline_item", "organisation")
                .get(pk=assessment_id)
            )
            if not rules.can_view(by, assessment):
                raise NotFound("No such assessment.")
            yield assessment


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


def _require_active_task(assessment: Assessment, task_id: int) -> Task:
    task = active_task(assessment)
    if task is None or task.pk != task_id:
        raise Conflict(
            "Someone else has already acted on this task, so your action was not saved. "
            "Reload the assessment to see where it is now."
        )
    return task


def _require_state(assessment: Assessment, expected_state: str) -> None:
    if assessment.state != expected_state:
        raise Conflict(
            f"This assessment moved on to the {assessment.get_state_display().lower()} stage "
            "since you opened the page, so your action was not saved. Reload the page to see "
            "where it is now."
        )


def _clean_text(value: str, *, what: str, required: bool) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise InvalidInput(f"Enter {what}")
    if len(value) > COMMENT_MAX_LENGTH:
        raise InvalidInput(
            f"{what[0].upper()}{what[1:]} must be {COMMENT_MAX_LENGTH:,} characters or fewer"
        )
    return value


def _author_ids(assessment: Assessment) -> set[int]:
    return authorship.author_ids(assessment)


def _authors(assessment: Assessment):
    return User.objects.filter(pk__in=_author_ids(assessment))


def _check_consistent(assessment: Assessment) -> Task | None:
    """The invariant: exactly the task of the record's stage is active, or none at all."""
    tasks = list(
        Task.objects.filter(
            process__pk=assessment.process.pk, status__in=ACTIVE_TASK_STATUSES
        ).select_related("owner")
    )
    stage = STAGE_BY_STATE[assessment.state]
    expected = [stage.node] if stage.has_task else []
    found = [task.flow_task.name for task in tasks]
    if found != expected:
        raise InvariantBroken(
            f"Assessment {assessment.pk} is {assessment.state} but active tasks are {found}"
        )
    return tasks[0] if tasks else None


def _save_transition(assessment: Assessment, apply: Callable[[Assessment], object]) -> str:
    """Run one state machine transition and save it; returns the state it came from."""
    from_state = assessment.state
    try:
        apply(assessment)
        assessment.save()
    except TransitionNotAllowed as error:
        raise Conflict(
            "This cannot be done at the "
            f"{assessment.get_state_display().lower()} stage of the assessment."
        ) from error
    except ConcurrentTransition as error:
        raise Conflict(
            "Someone else changed this assessment at the same moment, so your action was not "
            "saved. Reload the page to see its current state."
        ) from error
    return from_state


def _finish_task(task: Task, by) -> None:
    """Complete the viewflow task; its `route` then activates the task of the new state."""
    activation = task.flow_task.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(by)  # acting on an unclaimed queue task claims it
    activation.start(None)
    activation.execute()


def _transition(
    *,
    assessment_id: int,
    task_id: int,
    expected_state: str,
    by,
    apply: Callable[[Assessment], object],
    event_type: str,
    comment: str = "",
    details: dict | None = None,
    check: Callable[[Assessment], None] | None = None,
    announce_next_task: bool = True,
) -> Assessment:
    """The shape of every task-completing move.

    `announce_next_task=False` for returns: the "returned with comments" email already tells the
    authors the work is back with them.
    """
    with _locked(assessment_id, by=by) as assessment:
        task = _require_active_task(assessment, task_id)
        _require_state(assessment, expected_state)
        if not rules.can_do_task(by, assessment, task):
            raise NotAllowed(rules.why_not(by, assessment, task))
        if check is not None:
            check(assessment)
        from_state = _save_transition(assessment, apply)
        _finish_task(task, by)
        new_task = _check_consistent(assessment)
        if event_type in GROUPS[EventGroup.AUTHORING]:
            authorship.note_authored(assessment, by)
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
            notifications.task_created(assessment, new_task, author_ids=_author_ids(assessment))
        return assessment


def _require_decision_maker(assessment: Assessment) -> None:
    """A record cannot go to sign-off without a decision-maker who is not one of its authors."""
    decision_maker_id = assessment.pipeline_item.decision_maker_id
    if decision_maker_id is None:
        raise InvalidInput(
            "No decision-maker is named for this proposal. Ask the equality lead to name one "
            "on the pipeline item before it goes for sign-off."
        )
    if decision_maker_id in _author_ids(assessment):
        raise InvalidInput(
            "The named decision-maker is also an author of this assessment and cannot sign off "
            "their own work. Ask the equality lead to name another decision-maker."
        )


# ---------------------------------------------------------------------------------------------
# Starting


def start_assessment(*, pipeline_item_id: int, by, previous: Assessment | None = None):
    """Start version 1 (or the next version) of the assessment of a pipeline item."""
    with transaction.atomic():
        item = (
            PipelineItem.objects.visible_to(by)
            .select_for_update(of=("self",))
            .filter(pk=pipeline_item_id)
            .first()
        )
        if item is None:
            raise NotFound("No such pipeline item.")
        if previous is None and not rules.can_start(by, item):
            raise NotAllowed(
                "Only the proposal's owner or the equality lead can start its assessment."
            )
        if item.assessments.live().exists():
            raise Conflict("This proposal already has an assessment in progress.")
        last_version = item.assessments.order_by("-version").values_list("version", flat=True)
        author = previous.author if previous is not None and previous.author.is_active else by
        assessment = Assessment.objects.create(
            organisation_id=item.organisation_id,
            pipeline_item=item,
            version=(last_version.first() or 0) + 1,
            previous=previous,
            author=author,
        )
        ruleset = screening.current_ruleset(item.organisation)
        Screening.objects.create(
            assessment=assessment,
            ruleset_id=ruleset.id,
            ruleset_version=ruleset.version,
            ruleset_sha256=ruleset.sha256,
            characteristics=screening.scope(item.organisation, ruleset),
            # A review starts from the answers it reviews; hidden or retired questions are
            # ignored by the rules, and the author confirms every answer before submitting.
            answers=dict(previous.screening.answers) if previous is not None else {},
        )
        if previous is not None:
            from .sections import copy_content  # sections builds on this module

            copy_content(source=previous, target=assessment)
        authorship.grant_authorship(assessment, author)
        authorship.sync_decision_maker(item)
        AssessmentFlow.start.run(assessment=assessment)
        task = _check_consistent(assessment)
        audit.record(
            EventType.ASSESSMENT_STARTED,
            assessment=assessment,
            by=by,
            to_state=assessment.state,
            details={"version": assessment.version, "pipeline_item": item.reference}
            | ({"reviews_version": previous.version} if previous is not None else {}),
        )
        if task is not None and task.owner_id != by.pk:
            notifications.task_created(assessment, task)
        return assessment


def start_review(*, assessment_id: int, by, expected_state: str = State.PUBLISHED):
    """Reopen a published assessment as its next version (Brown: the duty is continuing)."""
    with _locked(assessment_id, by=by) as published:
        _require_state(published, expected_state)
        if not rules.can_start_review(by, published):
            raise NotAllowed("Only an equality officer or the proposal's owner can start a review.")
        if published.review_under_way is not None:
            raise Conflict("A review of this version has already been started.")
        audit.record(
            EventType.REVIEW_STARTED,
            assessment=published,
            by=by,
            from_state=published.state,
            to_state=published.state,
            details={"next_version": published.version + 1},
        )
        return start_assessment(
            pipeline_item_id=published.pipeline_item_id, by=by, previous=published
        )


# ---------------------------------------------------------------------------------------------
# The author's stages


def save_screening_answers(
    *, assessment_id: int, by, expected_state: str, answers: dict
) -> Assessment:
    """Save the screening answers as they are (save and return later). When every visible
    question is answered, evaluate them with the pinned rule set and keep the result."""
    with _locked(assessment_id, by=by) as assessment:
        _require_state(assessment, expected_state)
        if not rules.can_edit(by, assessment) or assessment.state != State.SCREENING:
            raise NotAllowed("Only the author or a co-author can edit the screening.")
        record = Screening.objects.select_for_update().get(assessment=assessment)
        ruleset = screening.pinned_ruleset(record)
        unknown = sorted(set(answers) - {question.id for question in ruleset.questions})
        if unknown:
            raise InvalidInput(f"Unknown screening questions: {', '.join(unknown)}")
        changed = sorted(
            key
            for key in set(answers) | set(record.answers)
            if answers.get(key) != record.answers.get(key)
        )
        record.answers = answers
        record.characteristics = screening.scope(assessment.organisation, ruleset)
        errors = screening_rules.validate_answers(ruleset, answers, record.characteristics)
        result = (
            None if errors else screening_rules.evaluate(ruleset, answers, record.characteristics)
        )
        record.result = result.to_dict() if result else None
        record.save()
        authorship.note_authored(assessment, by)
        assessment.rurality_proofing_required = (
            "rurality_proofing_required" in result.flags if result else None
        )
        assessment.save(update_fields=["rurality_proofing_required", "updated_at"])
        audit.record(
            EventType.SECTION_EDITED,
            assessment=assessment,
            by=by,
            details={
                "section": "screening",
                "changed_questions": changed,
                "complete": result is not None,
                "computed_outcome": result.outcome if result else None,
            },
        )
        return assessment


def screening_errors(assessment: Assessment) -> list:
    """What is still unanswered (screening_rules.AnswerError list), for the page and submit."""
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    return screening_rules.validate_answers(ruleset, record.answers, record.characteristics)


def _screening_complete(assessment: Assessment) -> None:
    if assessment.screening.result is None:
        count = len(screening_errors(assessment))
        raise InvalidInput(
            f"Answer every screening question before you submit it: {count} "
            f"{'answer is' if count == 1 else 'answers are'} missing or need correcting"
        )


def submit_screening(*, assessment_id: int, task_id: int, expected_state: str, by):
    return _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=lambda a: a.submit_screening(),
        event_type=EventType.SCREENING_SUBMITTED,
        check=_screening_complete,
    )


def _no_problems(find):
    def check(assessment):
        from . import quality  # quality reads content models that import nothing from here

        problems = getattr(quality, find)(assessment)
        if problems:
            raise SubmissionBlocked(
                f"There {'is 1 thing' if len(problems) == 1 else f'are {len(problems)} things'}"
                " to finish before you can submit",
                problems,
            )

    return check


def submit_full_assessment(*, assessment_id: int, task_id: int, expected_state: str, by):
    return _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=lambda a: a.submit_full_assessment(),
        event_type=EventType.FULL_ASSESSMENT_SUBMITTED,
        check=_no_problems("full_assessment_problems"),
    )


def submit_rurality_proofing(*, assessment_id: int, task_id: int, expected_state: str, by):
    def check(assessment):
        _no_problems("rurality_problems")(assessment)
        if not assessment.screened_in:  # screened out: rurality findings go to sign-off
            _require_decision_maker(assessment)

    return _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=lambda a: a.submit_rurality_proofing(),
        event_type=EventType.RURALITY_PROOFING_SUBMITTED,
        check=check,
    )


# ---------------------------------------------------------------------------------------------
# The equality officer's reviews


@dataclass(frozen=True)
class ScreeningDecision:
    outcome: str  # a ScreeningOutcome value, or "return"
    reasons: str = ""
    mitigation: str = ""
    override_reason: str = ""


def review_screening(
    *, assessment_id: int, task_id: int, expected_state: str, by, decision: ScreeningDecision
):
    if decision.outcome == "return":
        comment = _clean_text(decision.reasons, what="comments for the author", required=True)
        assessment = _transition(
            assessment_id=assessment_id,
            task_id=task_id,
            expected_state=expected_state,
            by=by,
            apply=lambda a: a.return_screening(),
            event_type=EventType.SCREENING_RETURNED,
            comment=comment,
            announce_next_task=False,
        )
        notifications.returned(assessment, comment=comment, by=by, recipients=_authors(assessment))
        return assessment

    if decision.outcome not in ScreeningOutcome.values:
        raise InvalidInput("Select your decision")
    reasons = _clean_text(decision.reasons, what="the reasons for the decision", required=True)
    with_mitigation = decision.outcome == ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION
    mitigation = _clean_text(decision.mitigation, what="the mitigation", required=with_mitigation)
    override_reason = _clean_text(
        decision.override_reason, what="why you are overriding the outcome", required=False
    )
    screened_in = decision.outcome == ScreeningOutcome.FULL_ASSESSMENT

    def check(assessment):
        record = assessment.screening
        if record.outcome != decision.outcome:
            _override(assessment, record, by=by, confirmed=decision.outcome, reason=override_reason)
        if not screened_in and not assessment.rurality_proofing_required:
            _require_decision_maker(assessment)

    return _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=(
            (lambda a: a.confirm_full_assessment(reasons=reasons))
            if screened_in
            else (
                lambda a: a.confirm_screened_out(
                    reasons=reasons, mitigation=mitigation if with_mitigation else ""
                )
            )
        ),
        event_type=(
            EventType.SCREENING_CONFIRMED_FULL if screened_in else EventType.SCREENING_CONFIRMED_OUT
        ),
        comment=reasons,
        details={"mitigation": mitigation} if with_mitigation else None,
        check=check,
    )


def _override(assessment, record, *, by, confirmed: str, reason: str) -> None:
    """The officer decides differently from the rules: allowed only with a recorded reason."""
    computed = record.outcome
    if not reason:
        computed_label = ScreeningOutcome(computed).label if computed else "no outcome"
        raise InvalidInput(
            f"The screening rules gave '{computed_label}'. Explain why you are deciding differently"
        )
    record.override_reason = reason
    record.save(update_fields=["override_reason", "updated_at"])
    audit.record(
        EventType.SCREENING_OVERRIDDEN,
        assessment=assessment,
        by=by,
        comment=reason,
        details={"computed_outcome": computed, "confirmed_outcome": confirmed},
    )


def review_assessment(
    *,
    assessment_id: int,
    task_id: int,
    expected_state: str,
    by,
    approve: bool,
    comment: str,
    section_comments: dict | None = None,
):
    """Approve for sign-off, or return with comments; per-section comments travel with the
    return event and are shown to the author on each section's page."""
    section_comments = {
        key: _clean_text(text, what="the section comment", required=False)
        for key, text in (section_comments or {}).items()
        if text and text.strip()
    }
    details = {"section_comments": section_comments} if section_comments else None
    if approve:
        comment = _clean_text(comment, what="your comments", required=False)
        return _transition(
            assessment_id=assessment_id,
            task_id=task_id,
            expected_state=expected_state,
            by=by,
            apply=lambda a: a.approve(),
            event_type=EventType.ASSESSMENT_APPROVED,
            comment=comment,
            details=details,
            check=_require_decision_maker,
        )
    comment = _clean_text(comment, what="comments for the author", required=not section_comments)
    assessment = _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=lambda a: a.return_for_changes(),
        event_type=EventType.ASSESSMENT_RETURNED,
        comment=comment,
        details=details,
        announce_next_task=False,
    )
    summary = "\n\n".join(
        [comment, *(f"{key}: {text}" for key, text in section_comments.items())]
    ).strip()
    notifications.returned(assessment, comment=summary, by=by, recipients=_authors(assessment))
    return assessment


# ---------------------------------------------------------------------------------------------
# The decision-maker and publication


def decide_sign_off(
    *,
    assessment_id: int,
    task_id: int,
    expected_state: str,
    by,
    sign: bool,
    comment: str,
    attested: bool = False,
    seen_hash: str = "",
):
    """Sign off (freezing exactly what was shown, with its hash) or refer back with comments.

    `seen_hash` is the hash of the summary the decision-maker's page showed: if the record
    changed since, signing is refused rather than attesting to something unseen."""
    if sign:
        comment = _clean_text(comment, what="your comments", required=False)
        if not attested:
            raise InvalidInput(
                "Confirm that you have read the impacts and accept those that remain"
            )
        if not seen_hash:
            raise InvalidInput("Reload the page and read the summary before you sign")

        def freeze(assessment):
            shown = summary.decision_summary(assessment)
            digest = summary.content_hash(shown)
            if seen_hash != digest:
                raise Conflict(
                    "The assessment changed while you were reading it. Reload the page, read "
                    "the summary again, then sign."
                )
            SignOff.objects.create(
                assessment=assessment,
                decision_maker=by,
                decision_maker_name=by.display_name,
                attestation=summary.attestation_text(shown, by.display_name),
                accepted_impacts=[item["characteristic"] for item in shown["adverse"]],
                snapshot=summary.canonical(shown),
                content_hash=digest,
            )
            frozen["snapshot_hash"] = digest
            frozen["accepted_impacts"] = [item["characteristic"] for item in shown["adverse"]]

        frozen: dict = {}  # filled in under the lock, then written with the audit event
        assessment = _transition(
            assessment_id=assessment_id,
            task_id=task_id,
            expected_state=expected_state,
            by=by,
            apply=lambda a: a.sign_off(by=by),
            event_type=EventType.SIGNED_OFF,
            comment=comment,
            details=frozen,
            check=freeze,
        )
        return assessment
    comment = _clean_text(comment, what="why you are referring it back", required=True)
    assessment = _transition(
        assessment_id=assessment_id,
        task_id=task_id,
        expected_state=expected_state,
        by=by,
        apply=lambda a: a.refer_back(),
        event_type=EventType.REFERRED_BACK,
        comment=comment,
        announce_next_task=False,
    )
    notifications.returned(assessment, comment=comment, by=by, recipients=_authors(assessment))
    return assessment


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def publish(
    *,
    assessment_id: int,
    task_id: int,
    expected_state: str,
    by,
    review_date: datetime.date | None = None,
):
    today = timezone.localdate()
    if review_date is not None and review_date <= today:
        raise InvalidInput("The review date must be in the future")
    chosen: dict = {}

    def apply(assessment):
        # The officer's date, else the one the author proposed in the conclusion, else a year.
        proposed = getattr(getattr(assessment, "full", None), "review_date", None)
        day = review_date or (proposed if proposed and proposed > today else None)
        chosen["review_date"] = (day or _add_months(today, DEFAULT_REVIEW_MONTHS)).isoformat()
        assessment.publish(review_date=day or _add_months(today, DEFAULT_REVIEW_MONTHS))

    # Publishing a new version and superseding the old one commit together or not at all.
    with transaction.atomic():
        assessment = _transition(
            assessment_id=assessment_id,
            task_id=task_id,
            expected_state=expected_state,
            by=by,
            apply=apply,
            event_type=EventType.PUBLISHED,
            details=chosen,
        )
        if assessment.previous_id is not None:
            _supersede(assessment_id=assessment.previous_id, by=by, successor=assessment)
    recipients = [*_authors(assessment), by]
    if assessment.pipeline_item.decision_maker is not None:
        recipients.append(assessment.pipeline_item.decision_maker)
    notifications.published(assessment, recipients=recipients)
    return assessment


def _supersede(*, assessment_id: int, by, successor: Assessment) -> None:
    with _locked(assessment_id, by=by) as previous:
        if previous.state != State.PUBLISHED:
            return
        from_state = _save_transition(previous, lambda a: a.supersede())
        audit.record(
            EventType.SUPERSEDED,
            assessment=previous,
            by=by,
            from_state=from_state,
            to_state=previous.state,
            details={"superseded_by_version": successor.version},
        )


# ---------------------------------------------------------------------------------------------
# Withdrawal, tasks, comments, co-authors


def withdraw(*, assessment_id: int, by, expected_state: str, reason: str) -> Assessment:
    reason = _clean_text(reason, what="the reason for withdrawing", required=True)
    with _locked(assessment_id, by=by) as assessment:
        _require_state(assessment, expected_state)
        if not rules.can_withdraw(by, assessment):
            raise NotAllowed("Only the author, a co-author or the equality lead can withdraw it.")
        from_state = _save_transition(assessment, lambda a: a.withdraw(reason=reason))
        AssessmentFlow.instance.cancel(assessment.process)
        _check_consistent(assessment)
        audit.record(
            EventType.WITHDRAWN,
            assessment=assessment,
            by=by,
            from_state=from_state,
            to_state=assessment.state,
            comment=reason,
        )
        return assessment


def _assessment_id_of_task(task_id: int, by) -> int:
    assessment_id = (
        AssessmentProcess.objects.filter(task__pk=task_id)
        .values_list("assessment_id", flat=True)
        .first()
    )
    if assessment_id is None:
        raise NotFound("No such task.")
    return assessment_id


def claim_task(*, task_id: int, by) -> Task:
    with _locked(_assessment_id_of_task(task_id, by), by=by) as assessment:
        task = _require_active_task(assessment, task_id)
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
    with _locked(_assessment_id_of_task(task_id, by), by=by) as assessment:
        task = _require_active_task(assessment, task_id)
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
    with _locked(_assessment_id_of_task(task_id, by), by=by) as assessment:
        task = _require_active_task(assessment, task_id)
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


def add_comment(*, assessment_id: int, by, text: str) -> None:
    text = _clean_text(text, what="a comment", required=True)
    with _locked(assessment_id, by=by) as assessment:
        if not rules.can_comment(by, assessment):
            raise NotAllowed("Only the authors and the equality team can comment.")
        audit.record(EventType.COMMENT_ADDED, assessment=assessment, by=by, comment=text)


def add_co_author(*, assessment_id: int, by, user_id: int) -> User:
    with _locked(assessment_id, by=by) as assessment:
        if not rules.can_manage_co_authors(by, assessment):
            raise NotAllowed("Only the author or the equality lead can add co-authors.")
        co_author = User.objects.filter(
            pk=user_id, organisation_id=assessment.organisation_id, is_active=True
        ).first()
        if co_author is None:
            raise InvalidInput("Choose a person from your organisation")
        if co_author.pk in _author_ids(assessment):
            raise InvalidInput(f"{co_author.display_name} is already an author")
        if co_author.pk == assessment.pipeline_item.decision_maker_id:
            raise InvalidInput(
                "The named decision-maker cannot be a co-author: they sign off the assessment"
            )
        authorship.grant_authorship(assessment, co_author)
        audit.record(
            EventType.CO_AUTHOR_ADDED,
            assessment=assessment,
            by=by,
            # The id keeps them an author for segregation of duties even after removal.
            details={"co_author": co_author.display_name, "user_id": co_author.pk},
        )
        return co_author


def remove_co_author(*, assessment_id: int, by, user_id: int) -> None:
    with _locked(assessment_id, by=by) as assessment:
        if not rules.can_manage_co_authors(by, assessment):
            raise NotAllowed("Only the author or the equality lead can remove co-authors.")
        co_author = User.objects.filter(
            pk=user_id, organisation_id=assessment.organisation_id
        ).first()
        if (
            co_author is None
            or co_author.pk == assessment.author_id
            or co_author.pk not in _author_ids(assessment)
        ):
            raise InvalidInput("Choose a co-author to remove")
        authorship.revoke_co_author(assessment, co_author)
        audit.record(
            EventType.CO_AUTHOR_REMOVED,
            assessment=assessment,
            by=by,
            details={"co_author": co_author.display_name},
        )
