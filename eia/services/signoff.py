"""What the decision-maker signed: the summary they read, frozen with its SHA-256, and the
attestation naming every adverse impact they accept (Bracking: the duty is theirs personally);
and an officer's recorded reason when a fact they saw changes afterwards (`eia.facts`)."""

import datetime

from django.db import transaction

from eia import audit, facts, summary
from eia.authorization import Permission, has_permission
from eia.errors import Conflict, InvalidInput, NotAllowed
from eia.events import EventType
from eia.limits import clean_text
from eia.models import Assessment, FactChangeReason, SignOff, User

from .locking import locked


def freeze_what_was_seen(
    assessment: Assessment,
    *,
    by: User,
    seen_hash: str,
    signed_on: datetime.date,
    late_reason: str = "",
) -> SignOff:
    """Inside the sign-off move: refuse if the summary changed since the page showed it,
    else store exactly what was shown. Signed on or after the decision date (the caller has
    made sure there is a reason), the attestation says so."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a sign-off is frozen inside the transaction of the sign-off")
    shown = summary.decision_summary(assessment)
    digest = summary.content_hash(shown)
    if seen_hash != digest:
        raise Conflict(
            "The assessment changed while you were reading it. Reload the page, read the "
            "summary again, then sign."
        )
    decision_date = assessment.pipeline_item.decision_date
    late = summary.signed_late(signed_on, decision_date)
    return SignOff.objects.create(
        assessment=assessment,
        decision_maker=by,
        decision_maker_name=by.display_name,
        attestation=summary.attestation_text(
            shown, by.display_name, signed_on=signed_on, late_reason=late_reason
        ),
        decision_date=decision_date,
        signed_late=late,
        late_reason=late_reason if late else "",
        accepted_impacts=[item["characteristic"] for item in shown["adverse"]],
        snapshot=summary.canonical(shown),
        content_hash=digest,
    )


def explain_fact_change(*, assessment_id: int, by: User, reason: str) -> FactChangeReason:
    """An officer records why a change to a fact the decision-maker saw needs no fresh
    sign-off. The reason covers the facts as they are now; it is on the trail."""
    reason = clean_text(reason, what="the reason", required=True)
    with locked(assessment_id, by=by) as assessment:
        if not has_permission(
            by, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
        ):
            raise NotAllowed("Only an equality officer can record why a change needs no sign-off")
        status = facts.facts_status(assessment)
        if not status.changed:
            raise InvalidInput("Nothing the decision-maker saw has changed since they signed")
        if status.reason is not None:
            raise InvalidInput("A reason is already recorded for these changes")
        now = facts.facts_of(assessment.pipeline_item)
        row = FactChangeReason.objects.create(
            sign_off=assessment.sign_off_record,
            facts=now,
            reason=reason,
            recorded_by=by,
            recorded_by_name=by.display_name,
        )
        audit.record(
            EventType.FACTS_CHANGE_EXPLAINED,
            assessment=assessment,
            by=by,
            comment=reason,
            details={
                "changes": {c.name: [c.signed, c.now] for c in status.changes},
            },
        )
        return row
