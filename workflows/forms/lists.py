"""Forms for the lists the equality lead keeps: directorates, decision bodies, meeting dates,
and the public contact details."""

import datetime
import re

from django import forms

from eia.forms import GovukForm
from eia.services.reference_data import PUBLIC_CONTACT_LIMIT


class PublicContactForm(GovukForm):
    """What every public page of the organisation's records says about contact and formats."""

    contact = forms.CharField(
        label="Public contact details",
        required=False,
        max_length=PUBLIC_CONTACT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How residents contact the equality team: email, phone, address.",
    )
    other_formats = forms.CharField(
        label="How to ask for another format",
        required=False,
        max_length=PUBLIC_CONTACT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: easy read, large print, audio, Braille, another language.",
    )


class NameForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)


class DecisionBodyForm(GovukForm):
    name = forms.CharField(label="Name", max_length=120, help_text="For example 'Cabinet'.")
    active = forms.BooleanField(label="Proposals can still choose it", required=False, initial=True)
    meetings = forms.CharField(
        label="Meeting dates from today on",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One date a line, for example 24 3 2027. Leave blank if it has no fixed "
        "meetings: decision dates are then checked only against working days.",
    )

    def clean_meetings(self) -> list[datetime.date]:
        dates, problems = [], []
        for line in (self.cleaned_data.get("meetings") or "").splitlines():
            text = line.strip()
            if not text:
                continue
            parts = re.split(r"[\s/.-]+", text)
            try:
                day, month, year = (int(part) for part in parts)
                date = datetime.date(year, month, day)
            except ValueError:
                problems.append(text)
                continue
            if not 2000 <= date.year <= 2100:
                problems.append(text)
                continue
            dates.append(date)
        if problems:
            raise forms.ValidationError(
                "Enter each date as day month year, for example 24 3 2027. These are not dates: "
                + ", ".join(problems[:5])
            )
        return dates


class AgendaDeadlineForm(GovukForm):
    working_days = forms.IntegerField(
        label="Clear working days before the meeting",
        min_value=0,
        max_value=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        help_text="The decision-maker's sign-off falls due this many clear working days before "
        "the meeting (neither that day nor the meeting's day counts), with the bank holidays of "
        "your organisation's nation. Council papers are published five clear days before.",
        error_messages={
            "required": "Enter the number of clear working days",
            "invalid": "Enter a whole number of working days, for example 5",
            "min_value": "Enter 0 or more working days",
            "max_value": "Enter 30 working days or fewer",
        },
    )


class ScreeningRulesetForm(GovukForm):
    """Which released rule set of the organisation's nation screenings start with."""

    choice = forms.ChoiceField(
        label="Screening rules for screenings started from now on",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the screening rules to use",
            "invalid_choice": "Select one of the released screening rule sets listed",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        latest = {}
        for option in choices:
            latest[option.id] = option  # the last of each id is its newest version
        self.fields["choice"].choices = [
            (option.id, f"Always the latest released version of {option.title}")
            for option in latest.values()
        ] + [(option.ref, f"{option.title}, version {option.version}") for option in choices]
