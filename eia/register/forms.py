"""The register's filter form, shared by its pages, downloads and feed."""

from django import forms
from django.http import QueryDict

from eia.forms import GovukDateField, GovukForm
from eia.models import Direction, Directorate, Impact, Organisation, ScreeningOutcome, State
from eia.redaction import characteristic_names


class RegisterFilterForm(GovukForm):
    """The register's search and filters, submitted by GET so every result page has an address."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the title, reference, summary or directorate",
    )
    organisation = forms.ChoiceField(label="Organisation", required=False)
    directorate = forms.ChoiceField(label="Directorate", required=False)
    characteristic = forms.ChoiceField(
        label="Characteristic with an adverse impact", required=False
    )
    outcome = forms.MultipleChoiceField(
        label="Screening decision",
        required=False,
        choices=ScreeningOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    published_from = GovukDateField(
        label="Published on or after", required=False, help_text="For example, 1 4 2026"
    )
    published_to = GovukDateField(
        label="Published on or before", required=False, help_text="For example, 30 6 2026"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All organisations")] + [
            (org.slug, org.name) for org in Organisation.objects.order_by("name")
        ]
        directorates = (
            Directorate.objects.filter(pipeline_items__assessments__state=State.PUBLISHED)
            .select_related("organisation")
            .order_by("organisation__name", "name")
            .distinct()
        )
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (str(d.pk), f"{d.name} ({d.organisation.short_name})") for d in directorates
        ]
        names = characteristic_names()
        adverse = (
            Impact.objects.filter(assessment__state=State.PUBLISHED, direction=Direction.NEGATIVE)
            .values_list("characteristic", flat=True)
            .distinct()
        )
        labelled = sorted((names.get(c, c.replace("_", " ").capitalize()), c) for c in adverse)
        self.fields["characteristic"].choices = [("", "Any characteristic")] + [
            (c, name) for name, c in labelled
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error(
                "published_to", "The 'published on or before' date must be on or after the other"
            )
        return data

    def filters(self) -> dict:
        """The valid filters: a field with an error filters nothing (its message is shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value and name not in self.errors}


def register_filters(query: QueryDict) -> tuple[RegisterFilterForm, dict]:
    """The form for a query string (unbound when there is none) and the filters it gives.

    Every list of the register (page, CSV, JSON, feed) reads its filters here, so a download
    selects exactly what the page with the same query string shows."""
    form = RegisterFilterForm(query or None)
    return form, form.filters() if query else {}
