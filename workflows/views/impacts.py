"""The groups with no different impact, recorded together: one page, one explanation each,
beside the level the screening recorded for each group."""

from eia import screening
from eia.models import Direction, Section
from eia.services import impacts as impact_services

from .. import presenters
from ..forms.impacts import PREFIX, NoDifferentImpactForm
from .sections import SectionPage


class NoDifferentImpactPage(SectionPage):
    section = Section.IMPACTS
    form_class = NoDifferentImpactForm
    template = "workflows/sections/no_different_impact.html"
    back_to = "section_impacts"
    saved_message = "Saved: each group's explanation of why there is no different impact."

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.recorded = {i.characteristic: i for i in self.assessment.impacts.all()}
        # Groups not yet recorded, and those already recorded as neutral (to change their text).
        self.groups = [
            group
            for group in screening.characteristics_in_scope(self.assessment.screening)
            if group.id not in self.recorded
            or self.recorded[group.id].direction == Direction.NEUTRAL
        ]

    def draft_records(self):
        return tuple(f"impact:{group.id}" for group in self.groups)

    def _neutral_text(self, characteristic: str) -> str | None:
        impact = self.recorded.get(characteristic)
        return impact.who_affected if impact is not None else None

    def initial(self):
        return {
            f"{PREFIX}{group.id}": self._neutral_text(group.id)
            for group in self.groups
            if self._neutral_text(group.id)
        }

    def form_kwargs(self):
        return {"groups": self.groups, "levels": presenters.screening_levels(self.assessment)}

    def extra(self):
        return {"groups": self.groups}

    def save(self, form, seen):
        changed = {
            characteristic: text
            for characteristic, text in form.explanations().items()
            if self._neutral_text(characteristic) != text
        }
        if changed:
            impact_services.record_no_different_impact(
                assessment_id=self.assessment.pk,
                seen=seen,
                by=self.request.user,
                explanations=changed,
            )
