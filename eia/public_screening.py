"""A screening decision the public may read before its record is published: the quarterly
screening reports list every screening decision in the quarter it was made (Section 75
practice), not only those whose full record has since been published.

The allow-list: the organisation, the proposal's reference, title and directorate, the version,
when the screening was decided, the decision, the officer's reasons and mitigation, and what the
screening rules found. These are the screening decision's own words, which the published record
carries too (eia.redaction.PublicRecord). Nothing else of an unpublished record: no answers,
content, comments, internal notes or names. A decision is listed once the equality officer has
confirmed it, while the record goes on to its full assessment and sign-off; a withdrawn
proposal's decision is not listed."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from .models import Assessment, State
from .redaction import outcome_label, ruleset_of

# Past the officer's confirmation of the screening, before publication (then it is a
# PublicRecord), and not withdrawn.
DECIDED_UNPUBLISHED = (
    State.FULL_ASSESSMENT,
    State.RURALITY_PROOFING,
    State.OFFICER_REVIEW,
    State.AWAITING_SIGN_OFF,
    State.SIGNED_OFF,
)


@dataclass(frozen=True)
class PublicScreeningDecision:
    organisation: str
    reference: str
    title: str
    version: int
    directorate: str
    screening_decided_at: datetime | None
    screening_outcome: str
    screening_outcome_label: str
    screening_reasons: str
    screening_mitigation: str
    rule_reasons: tuple[str, ...]
    published_at: None = None  # the full record is not published yet
    superseded: bool = False


def decided_unpublished() -> QuerySet:
    return Assessment.objects.filter(
        state__in=DECIDED_UNPUBLISHED,
        published_at__isnull=True,
        screening_decided_at__isnull=False,
    ).select_related("organisation", "pipeline_item__directorate", "screening")


def public_screening_decision(assessment: Assessment) -> PublicScreeningDecision:
    if assessment.state not in DECIDED_UNPUBLISHED or assessment.screening_decided_at is None:
        raise ValueError("Only a confirmed, unpublished screening decision has this form")
    item = assessment.pipeline_item
    screening = getattr(assessment, "screening", None)
    result = screening.result if screening is not None and screening.result else {}
    return PublicScreeningDecision(
        organisation=assessment.organisation.name,
        reference=item.reference,
        title=item.title,
        version=assessment.version,
        directorate=item.directorate.name,
        screening_decided_at=assessment.screening_decided_at,
        screening_outcome=assessment.screening_outcome,
        screening_outcome_label=outcome_label(assessment.screening_outcome, ruleset_of(screening)),
        screening_reasons=assessment.screening_reasons,
        screening_mitigation=assessment.mitigation_summary,
        rule_reasons=tuple(reason["text"] for reason in result.get("reasons", ())),
    )
