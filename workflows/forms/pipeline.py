"""The pipeline item's form: the proposal's facts, with the people and lists to choose from."""

from django import forms

from eia.authorization import Role, roles_of
from eia.forms import GovukDateField, GovukForm
from eia.limits import LONG_TEXT
from eia.models import DecisionBody, PipelineItem, User


def person(user: User) -> str:
    """A name as a chooser needs it: with the job title and roles that make the choice."""
    roles = ", ".join(role.label for role in Role if role in roles_of(user))
    details = ", ".join(part for part in (user.job_title, roles) if part)
    return f"{user.display_name} ({details})" if details else user.display_name


def _people(organisation_id: int, role: Role):
    return (
        User.objects.filter(organisation_id=organisation_id, is_active=True, groups__name=role)
        .order_by("first_name", "last_name")
        .distinct()
    )


class PipelineItemForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(
        label="What kind of proposal is it?", choices=PipelineItem.Kind.choices
    )
    summary = forms.CharField(
        label="What is changing, in a few sentences",
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"This starts the assessment's 'about the proposal'. Up to {LONG_TEXT:,} "
        "characters.",
    )
    directorate = forms.ModelChoiceField(label="Directorate", queryset=None)
    decision_body = forms.ChoiceField(label="Which body takes the decision?")
    decision_date = GovukDateField(
        label="Decision date",
        help_text="The date of the meeting that decides, for example 24 3 2027.",
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        help_text="The project manager who starts and completes the assessment.",
    )
    decision_maker = forms.ModelChoiceField(
        label="Named decision-maker",
        queryset=None,
        required=False,
        help_text="The person who signs off the assessment. They cannot be its owner or an author.",
    )
    reason = forms.CharField(
        label="Why are you making this change? (optional)",
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept on the proposal's history and its assessment's trail.",
    )

    def __init__(self, *args, organisation, lead: bool, editing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = organisation.directorates.all()
        self.fields["directorate"].empty_label = "Choose a directorate"
        bodies = list(
            DecisionBody.objects.filter(organisation=organisation, active=True).values_list(
                "name", flat=True
            )
        )
        current = (self.initial or {}).get("decision_body")
        if current and current not in bodies:
            bodies.append(current)  # a retired body still shows on the items that name it
        self.fields["decision_body"].choices = [("", "Choose a decision body")] + [
            (name, name) for name in bodies
        ]
        if lead:
            self.fields["owner"].queryset = _people(organisation.pk, Role.PROJECT_MANAGER)
            self.fields["decision_maker"].queryset = _people(organisation.pk, Role.DECISION_MAKER)
            for name in ("owner", "decision_maker"):
                self.fields[name].label_from_instance = person
        else:
            # Only the lead names who acts: a project manager adds proposals they own.
            del self.fields["owner"], self.fields["decision_maker"]
        if not editing:
            del self.fields["reason"]
        self.apply_govuk_messages()

    def facts(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name != "reason" and name in self.cleaned_data
        }
