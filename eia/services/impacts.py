"""Section 4: the impact on each group in scope, with the aims of the duty that apply to it."""

from eia import screening
from eia.aims import AIM_FIELDS
from eia.errors import NotFound
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
