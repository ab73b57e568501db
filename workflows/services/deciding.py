"""The decision-maker's sign-off (or referral back), publication, superseding the version a
review replaces, and withdrawal of unfinished work."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from eia import audit, summary
from eia.errors import Conflict, InvalidInput, NotAllowed
from eia.events import EventType
from eia.limits import clean_text
from eia.models import Assessment, State
from eia.register import tasks as register_tasks
from eia.services.signoff import freeze_what_was_seen

from .. import notifications, rules
from ..flows import AssessmentFlow
from .moves import authors, check_consistent, locked_process, move, save_transition

DEFAULT_REVIEW_MONTHS = 12


def decide_sign_off(
    *,
    assessment_id: int,
    seen: int,
    by,
    sign: bool,
    comment: str,
    attested: bool = False,
    seen_hash: str = "",
    late_reason: str = "",
):
    """Sign off (freezing exactly what was shown, with its hash) or refer back with comments.

    `seen_hash` is the hash of the summary the decision-maker's page showed: if the record
    changed since, signing is refused rather than attesting to something unseen. Signing on or
    after the decision date is refused without `late_reason`, the decision-maker's own words for
    why; with it, the attestation and the trail say it was signed late."""
    if not sign:
        comment = clean_text(comment, what="why you are referring it back", required=True)
        assessment = move(
            assessment_id=assessment_id,
            seen=seen,
            by=by,
            apply=lambda a: a.refer_back(),
            event_type=EventType.REFERRED_BACK,
            comment=comment,
            announce_next_task=False,
        )
        notifications.returned(assessment, comment=comment, by=by, recipients=authors(assessment))
        return assessment
    comment = clean_text(comment, what="your comments", required=False)
    if not attested:
        raise InvalidInput("Confirm that you have read the impacts and accept those that remain")
    if not seen_hash:
        raise InvalidInput("Reload the page and read the summary before you sign")
    today = timezone.localdate()
    decision_date = (
        Assessment.objects.filter(pk=assessment_id)
        .values_list("pipeline_item__decision_date", flat=True)
        .first()
    )
    late = summary.signed_late(today, decision_date)
    late_reason = clean_text(
        late_reason, what="why you are signing on or after the decision date", required=False
    )
    frozen: dict = {}  # filled in under the lock, then written with the audit event

    def freeze(assessment):
        # Before anything is written: a second sign-off (by someone who may do the next task)
        # would otherwise insert a second snapshot before the transition refuses.
        if assessment.state != State.AWAITING_SIGN_OFF:
            raise Conflict(
                "This assessment is already signed off, or no longer waiting for sign-off. "
                "Reload it to see where it is now."
            )
        if summary.signed_late(today, assessment.pipeline_item.decision_date) != late:
            raise Conflict("The decision date changed while you were reading. Reload the page.")
        if late and not late_reason:
            raise InvalidInput(
                f"The decision date, {decision_date:%-d %B %Y}, has come: say why you are "
                "signing on or after it"
            )
        record = freeze_what_was_seen(
            assessment, by=by, seen_hash=seen_hash, signed_on=today, late_reason=late_reason
        )
        frozen["snapshot_hash"] = record.content_hash
        frozen["accepted_impacts"] = record.accepted_impacts
        if late:
            frozen["decision_date"] = decision_date.isoformat()
            frozen["signed_on"] = today.isoformat()
            frozen["late_reason"] = late_reason

    return move(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        apply=lambda a: a.sign_off(by=by),
        event_type=EventType.SIGNED_OFF_LATE if late else EventType.SIGNED_OFF,
        comment=comment,
        details=frozen,
        check=freeze,
    )


def publish(*, assessment_id: int, seen: int, by, review_date: datetime.date | None = None):
    today = timezone.localdate()
    if review_date is not None and review_date <= today:
        raise InvalidInput("The review date must be in the future")
    chosen: dict = {}

    def apply(assessment):
        # The officer's date, else the one the author proposed in the conclusion, else a year.
        proposed = getattr(getattr(assessment, "full", None), "review_date", None)
        day = review_date or (proposed if proposed and proposed > today else None)
        day = day or today + relativedelta(months=DEFAULT_REVIEW_MONTHS)
        chosen["review_date"] = day.isoformat()
        assessment.publish(review_date=day)

    # Publishing a new version and superseding the old one commit together or not at all.
    with transaction.atomic():
        assessment = move(
            assessment_id=assessment_id,
            seen=seen,
            by=by,
            apply=apply,
            event_type=EventType.PUBLISHED,
            details=chosen,
        )
        if assessment.previous_id is not None:
            _supersede(assessment_id=assessment.previous_id, by=by, successor=assessment)
    # The whole-register downloads are rebuilt in the background once this is committed.
    transaction.on_commit(register_tasks.after_publication)
    recipients = [*authors(assessment), by]
    if assessment.pipeline_item.decision_maker is not None:
        recipients.append(assessment.pipeline_item.decision_maker)
    notifications.published(assessment, recipients=recipients)
    return assessment


def _supersede(*, assessment_id: int, by, successor: Assessment) -> None:
    with locked_process(assessment_id, by=by) as previous:
        if previous.state != State.PUBLISHED:
            return
        from_state = save_transition(previous, lambda a: a.supersede())
        audit.record(
            EventType.SUPERSEDED,
            assessment=previous,
            by=by,
            from_state=from_state,
            to_state=previous.state,
            details={"superseded_by_version": successor.version},
        )


def withdraw(*, assessment_id: int, seen: int, by, reason: str) -> Assessment:
    reason = clean_text(reason, what="the reason for withdrawing", required=True)
    with locked_process(assessment_id, by=by) as assessment:
        audit.require_fresh(assessment, seen=seen)
        if not rules.can_withdraw(by, assessment):
            raise NotAllowed("Only the author, a co-author or the equality lead can withdraw it.")
        from_state = save_transition(assessment, lambda a: a.withdraw(reason=reason))
        AssessmentFlow.instance.cancel(assessment.process)
        check_consistent(assessment)
        audit.record(
            EventType.WITHDRAWN,
            assessment=assessment,
            by=by,
            from_state=from_state,
            to_state=assessment.state,
            comment=reason,
        )
        return assessment
