"""The equality officer's reviews: of the screening (return, screen in, or screen out with the
reasons, overriding the rules only with a recorded reason), and of the full assessment."""

from dataclasses import dataclass

from eia.errors import InvalidInput
from eia.events import EventType
from eia.limits import clean_text
from eia.models import ScreeningOutcome
from eia.services.screening import record_override

from .. import notifications
from .moves import authors, move, require_decision_maker

RETURN = "return"


@dataclass(frozen=True)
class ScreeningDecision:
    outcome: str  # a ScreeningOutcome value, or RETURN
    reasons: str = ""
    mitigation: str = ""
    override_reason: str = ""


def review_screening(*, assessment_id: int, seen: int, by, decision: ScreeningDecision):
    if decision.outcome == RETURN:
        comment = clean_text(decision.reasons, what="comments for the author", required=True)
        assessment = move(
            assessment_id=assessment_id,
            seen=seen,
            by=by,
            apply=lambda a: a.return_screening(),
            event_type=EventType.SCREENING_RETURNED,
            comment=comment,
            announce_next_task=False,
        )
        notifications.returned(assessment, comment=comment, by=by, recipients=authors(assessment))
        return assessment

    if decision.outcome not in ScreeningOutcome.values:
        raise InvalidInput("Select your decision")
    reasons = clean_text(decision.reasons, what="the reasons for the decision", required=True)
    with_mitigation = decision.outcome == ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION
    mitigation = clean_text(decision.mitigation, what="the mitigation", required=with_mitigation)
    override_reason = clean_text(
        decision.override_reason, what="why you are overriding the outcome", required=False
    )
    screened_in = decision.outcome == ScreeningOutcome.FULL_ASSESSMENT

    def check(assessment):
        if assessment.screening.outcome != decision.outcome:
            record_override(assessment, by=by, confirmed=decision.outcome, reason=override_reason)
        if not screened_in and not assessment.rurality_proofing_required:
            require_decision_maker(assessment)

    return move(
        assessment_id=assessment_id,
        seen=seen,
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


def review_assessment(
    *,
    assessment_id: int,
    seen: int,
    by,
    approve: bool,
    comment: str,
    section_comments: dict | None = None,
):
    """Approve for sign-off, or return with comments; per-section comments travel with the
    return event and are shown to the author on each section's page."""
    section_comments = {
        key: clean_text(text, what="the section comment", required=False)
        for key, text in (section_comments or {}).items()
        if text and text.strip()
    }
    details = {"section_comments": section_comments} if section_comments else None
    if approve:
        comment = clean_text(comment, what="your comments", required=False)
        return move(
            assessment_id=assessment_id,
            seen=seen,
            by=by,
            apply=lambda a: a.approve(),
            event_type=EventType.ASSESSMENT_APPROVED,
            comment=comment,
            details=details,
            check=require_decision_maker,
        )
    comment = clean_text(comment, what="comments for the author", required=not section_comments)
    assessment = move(
        assessment_id=assessment_id,
        seen=seen,
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
    notifications.returned(assessment, comment=summary, by=by, recipients=authors(assessment))
    return assessment
