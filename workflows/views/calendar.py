"""The decision calendar page: upcoming decisions by body and date, and which are at risk."""

from django import forms
from django.shortcuts import render

from eia.forms import GovukForm

from ..selectors import calendar as decisions


class DecisionFilterForm(GovukForm):
    body = forms.ChoiceField(
        label="Decision body",
        required=False,
        error_messages={"invalid_choice": "Select a decision body from the list"},
    )
    directorate = forms.TypedChoiceField(
        label="Directorate",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a directorate from the list"},
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The calendar's start date is not a date"},
    )
    at_risk = forms.BooleanField(
        label="Only decisions at risk",
        required=False,
        help_text="Within 10 working days, or passed, with no signed-off assessment",
    )

    def __init__(self, *args, bodies, directorates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "All decision bodies")] + [(b, b) for b in bodies]
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (str(pk), name) for pk, name in directorates
        ]

    def filters(self) -> dict:
        """The valid filters only: a value that is not on offer is ignored, with its error shown."""
        if self.is_valid():
            data = self.cleaned_data
        else:
            data = {name: self.cleaned_data.get(name) for name in self.fields}
        return {
            "body": data.get("body") or "",
            "directorate_id": data.get("directorate"),
            "at_risk_only": bool(data.get("at_risk")),
            "start": data.get("start"),
        }


def _moved(request, start) -> str:
    if start is None:
        return ""
    query = request.GET.copy()
    query["start"] = start.isoformat()
    return "?" + query.urlencode()


def decision_calendar(request):
    form = DecisionFilterForm(request.GET, **decisions.filter_choices(user=request.user))
    filters = form.filters()
    result = decisions.decision_calendar(user=request.user, **filters)
    return render(
        request,
        "workflows/decisions.html",
        {
            "form": form,
            "calendar": result,
            "filtered": any(value for name, value in filters.items() if name != "start"),
            "previous": _moved(request, result.previous_start),
            "next": _moved(request, result.end),
            "page_has_errors": bool(form.errors),
        },
    )
