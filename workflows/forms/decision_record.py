"""The form an officer records the decision with (and corrects it)."""

from django import forms

from eia.forms import GovukDateField, GovukForm
from eia.models import Outcome

from .base import long_text


class DecisionRecordForm(GovukForm):
    current = forms.IntegerField(widget=forms.HiddenInput, required=False)
    taken_on = GovukDateField(
        label="Date the decision was taken",
        help_text="For example 24 3 2027",
        error_messages={"required": "Enter the date the decision was taken"},
    )
    outcome = forms.ChoiceField(
        label="What was decided?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the decision"},
    )
    body = forms.TypedChoiceField(
        label="Body that took the decision",
        coerce=int,
        error_messages={"required": "Choose the body that took the decision"},
    )
    minute_reference = forms.CharField(
        label="Minute reference",
        required=False,
        max_length=200,
        help_text="For example 'Cabinet minute 47/2027'. Give a reference, a link, or both.",
    )
    minute_url = forms.CharField(
        label="Link to the minute",
        required=False,
        max_length=500,
        help_text="A web address starting with https://",
    )
    reason = long_text(
        "Why are you correcting the decision record?",
        required=False,
        help_text="Required to correct it. The record before and after is kept with your reason.",
    )

    def __init__(self, *args, bodies=(), correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "Choose a body"), *bodies]
        self.correcting = correcting
        if not correcting:
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if (
            not (data.get("minute_reference") or "").strip()
            and not (data.get("minute_url") or "").strip()
        ):
            self.add_error("minute_reference", "Enter the minute reference, a link, or both")
        if self.correcting and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why you are correcting the decision record")
        return data
