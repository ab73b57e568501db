"""What the decision-maker signed: the summary they read, frozen with its SHA-256, and the
attestation naming every adverse impact they accept (Bracking: the duty is theirs personally)."""

import datetime

from django.db import transaction

from eia import summary
from eia.errors import Conflict
from eia.models import Assessment, SignOff, User


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
