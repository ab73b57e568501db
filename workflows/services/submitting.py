"""The author's submissions: screening for review, the full assessment, the rurality proofing.
Each is refused until the record is complete enough to be a lawful record (eia.quality).

Screened in, the full assessment and its rurality proofing (when the screening asked for it) are
one submission, straight to the officer's review. Rurality proofing is submitted on its own only
on a screened-out proposal's short path, or by a screened-in record that reached the rurality
proofing stage before it became a section of the full assessment."""

from eia import quality
from eia.errors import SubmissionBlocked
from eia.events import EventType
from eia.services.screening import require_complete

from .moves import move, require_decision_maker


def submit_screening(*, assessment_id: int, seen: int, by):
    return move(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        apply=lambda a: a.submit_screening(),
        event_type=EventType.SCREENING_SUBMITTED,
        check=_screening_check,
    )


def _screening_check(assessment) -> None:
    require_complete(assessment)
    # Screened out, the duty modules the screening called for are the short path's record.
    _refuse_problems(quality.short_path_problems(assessment))


def _refuse_problems(problems) -> None:
    if problems:
        raise SubmissionBlocked(
            f"There {'is 1 thing' if len(problems) == 1 else f'are {len(problems)} things'}"
            " to finish before you can submit",
            problems,
        )


def submit_full_assessment(*, assessment_id: int, seen: int, by):
    return move(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        apply=lambda a: a.submit_full_assessment(),
        event_type=EventType.FULL_ASSESSMENT_SUBMITTED,
        check=lambda a: _refuse_problems(quality.full_assessment_problems(a)),
    )


def submit_rurality_proofing(*, assessment_id: int, seen: int, by):
    """The short path's submission (screened out: to sign-off), and the way on for a
    screened-in record left at this stage by the two-step path (to the officer's review)."""

    def check(assessment):
        _refuse_problems(quality.rurality_problems(assessment))
        if not assessment.screened_in:  # screened out: rurality findings go to sign-off
            require_decision_maker(assessment)

    return move(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        apply=lambda a: a.submit_rurality_proofing(),
        event_type=EventType.RURALITY_PROOFING_SUBMITTED,
        check=check,
    )
