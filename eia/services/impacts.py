"""Section 4: the impact on each group in scope, with the aims of the duty that apply to it;
and, from one page, the groups with no different impact, each with its explanation."""

from django.db import transaction

from eia import screening
from eia.aims import AIM_FIELDS
from eia.errors import InvalidInput, NotFound
from eia.limits import clean_text
from eia.models import Direction, EvidenceItem, Impact, Section

from .sections import assign, edit

IMPACT_FIELDS = (
    "direction",
    "size",
    "who_affected",
    *AIM_FIELDS,
    "intersecting",
    "residual",
    "justification",
)


def save_impact(
    *, assessment_id: int, seen: int, by, characteristic: str, data: dict, evidence_ids=()
):
    def change(assessment, changes):
        in_scope = {c.id for c in screening.characteristics_in_scope(assessment.screening)}
        if characteristic not in in_scope:
            raise NotFound("That group is not in scope for this assessment.")
        impact = Impact.objects.filter(assessment=assessment, characteristic=characteristic).first()
        impact = impact or Impact(assessment=assessment, characteristic=characteristic)
        changes.before(impact)
        values = dict(data)
        if values.get("direction") in (Direction.NEUTRAL, Direction.UNCLEAR):
            values["size"] = ""  # size describes a positive or negative impact only
        assign(impact, values, IMPACT_FIELDS)
        impact.save()
        if evidence_ids is not None:  # None keeps the evidence the impact cites
            impact.evidence.set(
                EvidenceItem.objects.filter(assessment=assessment, pk__in=list(evidence_ids))
            )
        changes.after(impact)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.IMPACTS,
        change=change,
        record=f"impact:{characteristic}",
        details={"characteristic": characteristic},
    )


@transaction.atomic
def record_no_different_impact(*, assessment_id: int, seen: int, by, explanations: dict):
    """Several groups with no different impact, from one page, with one explanation each:
    each group's impact becomes neutral with its explanation, one edit (and one event) per
    group, all or none. Each group's record is checked for staleness on its own, so an edit of
    one group's impact page since `seen` is a 409 here too."""
    if not explanations:
        raise InvalidInput("Explain, for at least one group, why there is no different impact")
    assessment = None
    for characteristic, text in explanations.items():
        explanation = clean_text(
            text, what=f"why there is no different impact on {characteristic}", required=True
        )
        assessment = save_impact(
            assessment_id=assessment_id,
            seen=seen,
            by=by,
            characteristic=characteristic,
            data={"direction": Direction.NEUTRAL, "size": "", "who_affected": explanation},
            evidence_ids=None,
        )
    return assessment
