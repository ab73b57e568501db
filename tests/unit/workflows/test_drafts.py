"""What a draft keeps of a form: its long text boxes with their own limits, nothing else."""

from django import forms

from eia.limits import LONG_TEXT, SHORT_TEXT
from workflows.drafts import text_fields
from workflows.forms.base import long_text, seen_field
from workflows.forms.sections import ProposalForm


class _Form(forms.Form):
    seen = seen_field()
    title = forms.CharField(label="Title", max_length=SHORT_TEXT)
    reasons = long_text("Reasons")
    choice = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)


def test_a_draft_keeps_the_long_text_boxes_with_their_limits():
    assert text_fields(_Form()) == {"reasons": ("Reasons", LONG_TEXT)}


def test_the_proposal_forms_text_boxes_each_have_a_limit():
    fields = text_fields(ProposalForm())
    assert set(fields) == {"aims", "who_affected", "what_changes", "budget", "timescale"}
    assert all(limit == LONG_TEXT for _, limit in fields.values())
