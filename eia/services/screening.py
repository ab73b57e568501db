"""Screening answers, evaluated with the rule set the assessment pinned when it started, and the
officer's override of the computed outcome (allowed only with a recorded reason)."""

from django.db import transaction

import screening_rules
from eia import audit, screening
from eia.authorization import can_edit
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.history import Changes
from eia.models import Assessment, Screening, ScreeningOutcome, State

from . import authorship
from .locking import locked

RECORD = "screening"


def save_screening_answers(*, assessment_id: int, seen: int, by, answers: dict) -> Assessment:
    """Save the answers as they are (save and return later). When every visible question is
    answered, evaluate them with the pinned rule set and keep the result."""
    with locked(assessment_id, by=by) as assessment:
        audit.require_fresh(assessment, seen=seen, record=RECORD)
        if not can_edit(by, assessment) or assessment.state != State.SCREENING:
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
        changes = Changes()
        changes.before(record)
        record.answers = answers
        record.characteristics = screening.scope(assessment.organisation, ruleset)
        errors = screening_rules.validate_answers(ruleset, answers, record.characteristics)
        result = (
            None if errors else screening_rules.evaluate(ruleset, answers, record.characteristics)
        )
        record.result = result.to_dict() if result else None
        record.save()
        changes.after(record)
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
                "section": RECORD,
                "record": RECORD,
                "changed_questions": changed,
                "complete": result is not None,
                "computed_outcome": result.outcome if result else None,
                "rows": changes.rows,
            },
        )
        return assessment


def screening_errors(assessment: Assessment) -> list:
    """What is still unanswered (screening_rules.AnswerError list), for the page and submit."""
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    return screening_rules.validate_answers(ruleset, record.answers, record.characteristics)


def require_complete(assessment: Assessment) -> None:
    if assessment.screening.result is None:
        count = len(screening_errors(assessment))
        raise InvalidInput(
            f"Answer every screening question before you submit it: {count} "
            f"{'answer is' if count == 1 else 'answers are'} missing or need correcting"
        )


def record_override(assessment: Assessment, *, by, confirmed: str, reason: str) -> None:
    """The officer decides differently from the rules: allowed only with a recorded reason.
    Runs inside the officer's decision, under its locks."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("an override is recorded inside the decision's transaction")
    record = assessment.screening
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
