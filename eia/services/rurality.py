"""Rurality proofing (DEFRA's four stages): the rural impact of each theme, the evidence used,
how the proposal was tailored and how its rural effects will be monitored."""

from eia.errors import InvalidInput
from eia.models import RuralImpact, RuralityProofing, RuralTheme, Section

from .sections import assign, edit

PROOFING_FIELDS = ("evidence_used", "tailoring", "monitoring")


def save_rurality(*, assessment_id: int, seen: int, by, themes: dict, data: dict):
    """`themes`: {theme: {"kind": ..., "description": ..., "scale": ...}} for answered themes."""

    def change(assessment, changes):
        proofing = RuralityProofing.objects.filter(assessment=assessment).first()
        proofing = proofing or RuralityProofing(assessment=assessment)
        changes.before(proofing)
        assign(proofing, data, PROOFING_FIELDS)
        proofing.save()
        changes.after(proofing)
        existing = {row.theme: row for row in assessment.rural_impacts.all()}
        for theme, values in themes.items():
            if theme not in RuralTheme.values:
                raise InvalidInput(f"Unknown rural theme: {theme}")
            row = existing.get(theme) or RuralImpact(assessment=assessment, theme=theme)
            changes.before(row)
            values = dict(values)
            if values.get("kind") == RuralImpact.Kind.NONE:
                values["scale"] = ""
            assign(row, values, ("kind", "description", "scale"))
            row.save()
            changes.after(row)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.RURALITY,
        change=change,
        record="rurality",
    )
