"""The register's filter form, shared by its pages, downloads and feed."""

from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import QueryDict

from eia.forms import GovukDateField, GovukForm
from eia.models import (
    Assessment,
    Direction,
    Directorate,
    Impact,
    Organisation,
    ScreeningOutcome,
    State,
)
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
        choices = filter_choices()
        self.fields["organisation"].choices = [("", "All organisations"), *choices["organisation"]]
        self.fields["directorate"].choices = [("", "All directorates"), *choices["directorate"]]
        self.fields["characteristic"].choices = [
            ("", "Any characteristic"),
            *choices["characteristic"],
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


CHOICES_CACHE_KEY = "register:filter-choices"
CHOICES_SECONDS = 600


def _directorates() -> list[tuple[str, str]]:
    published = Assessment.objects.filter(
        pipeline_item__directorate_id=OuterRef("pk"), state=State.PUBLISHED
    )
    rows = (
        Directorate.objects.filter(Exists(published))
        .order_by("organisation__name", "name")
        .values_list("pk", "name", "organisation__short_name")
    )
    return [(str(pk), f"{name} ({short_name})") for pk, name, short_name in rows]


def _characteristics() -> list[tuple[str, str]]:
    # .order_by() clears Impact's default ordering by pk, which would otherwise be selected too
    # and make DISTINCT return one row per impact instead of one per characteristic.
    adverse = (
        Impact.objects.filter(assessment__state=State.PUBLISHED, direction=Direction.NEGATIVE)
        .order_by()
        .values_list("characteristic", flat=True)
        .distinct()
    )
    names = characteristic_names()
    labelled = sorted((names.get(c, c.replace("_", " ").capitalize()), c) for c in adverse)
    return [(c, name) for name, c in labelled]


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The options of the register's filters, from the database, kept in the cache for a few
    minutes (and forgotten when something is published) so a page does not recount them."""
    choices = cache.get(CHOICES_CACHE_KEY)
    if choices is None:
        choices = {
            "organisation": list(Organisation.objects.order_by("name").values_list("slug", "name")),
            "directorate": _directorates(),
            "characteristic": _characteristics(),
        }
        cache.set(CHOICES_CACHE_KEY, choices, CHOICES_SECONDS)
    return choices


def forget_filter_choices() -> None:
    cache.delete(CHOICES_CACHE_KEY)


def register_filters(query: QueryDict) -> tuple[RegisterFilterForm, dict]:
    """The form for a query string (unbound when there is none) and the filters it gives.

    Every list of the register (page, CSV, JSON, feed) reads its filters here, so a download
    selects exactly what the page with the same query string shows."""
    form = RegisterFilterForm(query or None)
    return form, form.filters() if query else {}
