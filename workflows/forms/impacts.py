"""The groups with no different impact, on one page: one explanation box per group."""

from django import forms

from eia.forms import GovukForm
from eia.limits import LONG_TEXT

from .base import seen_field

PREFIX = "explain__"


class NoDifferentImpactForm(GovukForm):
    """One box per group offered (`groups`: characteristics, with the screening's level in
    words by id); an empty box leaves that group as it is."""

    seen = seen_field()

    def __init__(self, *args, groups, levels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for group in groups:
            level = levels.get(group.id)
            hint = f"Screening recorded: {level}. " if level else ""
            self.fields[f"{PREFIX}{group.id}"] = forms.CharField(
                label=f"Why is there no different impact on {group.phrase}?",
                max_length=LONG_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=f"{hint}Leave it empty to record this group on its own page.",
            )
        self.apply_govuk_messages()

    def clean(self):
        data = super().clean()
        if not self.errors and not self.explanations():
            raise forms.ValidationError(
                "Explain, for at least one group, why there is no different impact"
            )
        return data

    def explanations(self) -> dict[str, str]:
        """{characteristic id: explanation} for every box filled in."""
        return {
            name.removeprefix(PREFIX): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX) and value and value.strip()
        }
