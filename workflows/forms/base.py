"""What every form that changes an assessment carries: the staleness token.

`seen` is the sequence of the assessment's newest audit event when the page was loaded
(eia.audit.head); the service refuses the change if the record moved on since
(eia.audit.require_fresh). It is the one guard against acting on an out-of-date page.
"""

from django import forms

from eia.audit import head
from eia.forms import GovukForm
from eia.limits import LONG_TEXT


def seen_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": "The page was incomplete. Reload it and try again.",
            "invalid": "The page was incomplete. Reload it and try again.",
            "min_value": "The page was incomplete. Reload it and try again.",
        },
    )


def seen_initial(assessment) -> dict:
    return {"seen": head(assessment)}


class SeenForm(GovukForm):
    """A form whose only job is to act on the assessment as the page showed it."""

    seen = seen_field()


def long_text(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text or f"Up to {LONG_TEXT:,} characters.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
