"""Forms for the full assessment's sections. Every text field states its limit."""

from django import forms

from eia.forms import GovukDateField, GovukForm, GovukModelForm
from eia.limits import LONG_TEXT, SHORT_TEXT
from eia.models import (
    Action,
    Conclusion,
    Direction,
    Engagement,
    EvidenceItem,
    FullAssessment,
    RuralImpact,
    RuralTheme,
    Size,
)
from eia.uploads import ALLOWED_DESCRIPTION, MAX_UPLOAD_BYTES

from .base import seen_field

YES_NO = [("yes", "Yes"), ("no", "No, I'll come back to it later")]


def _limit_hints(form) -> None:
    """Say each text box's limit in its hint (and keep any hint it had)."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if limit and isinstance(field.widget, forms.Textarea):
            hint = str(field.help_text or "").strip()
            field.help_text = " ".join(filter(None, [hint, f"Up to {limit:,} characters."]))
            field.widget.attrs.setdefault("rows", 4)


class SectionForm(GovukForm):
    """Carries the staleness token (a stale save is a 409) and the completion question."""

    seen = seen_field()
    completed = forms.ChoiceField(
        label="Have you completed this section?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )


class _Model(GovukModelForm):
    seen = seen_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_hints(self)


class ProposalForm(_Model):
    completed = SectionForm.base_fields["completed"]

    class Meta:
        model = FullAssessment
        fields = ["aims", "who_affected", "what_changes", "budget", "timescale"]
        widgets = dict.fromkeys(fields, forms.Textarea)
        help_texts = {
            "aims": "What the proposal is for and what it will achieve.",
            "who_affected": "Service users, residents, staff and partners. Prefilled from the "
            "screening: check it.",
            "what_changes": "What will be different for people, and when.",
            "budget": "The money involved, for example a saving or investment, and over what "
            "period.",
        }


class ConclusionForm(_Model):
    completed = SectionForm.base_fields["completed"]
    review_date = GovukDateField(
        label="When should the assessment be reviewed?",
        required=False,
        help_text="For example, 27 3 2028. Leave blank to review 12 months after publication.",
    )

    class Meta:
        model = FullAssessment
        fields = [
            "conclusion",
            "justification",
            "changes_made",
            "cumulative_impact",
            "related_items",
            "monitoring",
            "review_date",
        ]
        widgets = {
            "monitoring": forms.Textarea,
            "conclusion": forms.RadioSelect,
            "justification": forms.Textarea,
            "changes_made": forms.Textarea,
            "cumulative_impact": forms.Textarea,
            "related_items": forms.CheckboxSelectMultiple,
        }
        labels = {
            "conclusion": "What is your conclusion?",
            "related_items": "Related proposals with a cumulative impact",
        }
        help_texts = {
            "justification": "Required if you continue despite an adverse impact: why it is "
            "proportionate and what alternatives were considered.",
            "changes_made": "How the proposal changed because of this assessment.",
            "cumulative_impact": "The combined effect with other decisions on the same groups.",
            "monitoring": "How the effect on each group will be monitored once the decision "
            "is in place: what is measured, by whom and how often.",
        }

    def __init__(self, *args, related_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].choices = Conclusion.choices
        self.fields["conclusion"].required = False
        self.fields["related_items"].queryset = related_queryset
        self.fields["related_items"].required = False
        self.fields["related_items"].label_from_instance = lambda item: (
            f"{item.reference}: {item.title}"
        )


class EvidenceForm(_Model):
    dated = GovukDateField(
        label="Date of the evidence", required=False, help_text="For example, 14 2 2026."
    )
    link = forms.URLField(
        label="Link",
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text="A web address, if it is published.",
    )
    upload = forms.FileField(
        label="Upload a file (optional)",
        required=False,
        help_text=f"{ALLOWED_DESCRIPTION}, up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    )

    class Meta:
        model = EvidenceItem
        fields = ["title", "source", "dated", "link", "shows", "is_public"]
        widgets = {"shows": forms.Textarea}
        help_texts = {
            "source": "Who produced it, for example the Census 2021 or a service survey.",
            "shows": "What it tells you about the people affected.",
        }


class GapForm(GovukForm):
    seen = seen_field()
    description = forms.CharField(
        label="What does the evidence not show?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        help_text="An action to close the gap is added to the action plan.",
        error_messages={"required": "Describe what the evidence does not show"},
    )
    owner = forms.ModelChoiceField(label="Who will close the gap?", queryset=None, required=False)
    target_date = GovukDateField(
        label="By when?", required=False, help_text="For example, 30 6 2027."
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = _person
        _limit_hints(self)


class EngagementForm(_Model):
    held_on = GovukDateField(label="When", required=False, help_text="For example, 9 1 2027.")

    class Meta:
        model = Engagement
        fields = ["who", "held_on", "method", "how_many", "what_said", "what_changed"]
        widgets = {
            "method": forms.RadioSelect,
            "what_said": forms.Textarea,
            "what_changed": forms.Textarea,
        }
        help_texts = {"who": "For example, the Disability Forum, library users, staff."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = Engagement.Method.choices
        self.fields["method"].error_messages["required"] = "Select how they were engaged"


class ConsultationForm(_Model):
    """The public consultation: its dates (its length is worked out, never typed) and what
    the responses said."""

    consultation_starts_on = GovukDateField(
        label="When did the consultation open?", required=False, help_text="For example, 6 1 2027."
    )
    consultation_ends_on = GovukDateField(
        label="When did it close?", required=False, help_text="For example, 31 3 2027."
    )

    class Meta:
        model = FullAssessment
        fields = ["consultation_starts_on", "consultation_ends_on", "consultation_responses"]
        widgets = {"consultation_responses": forms.Textarea}
        help_texts = {
            "consultation_responses": "How many responded, what they said, and what the "
            "organisation will do about it.",
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("consultation_starts_on"), data.get("consultation_ends_on")
        if starts and not ends and "consultation_ends_on" not in self.errors:
            self.add_error("consultation_ends_on", "Enter when the consultation closed")
        if ends and not starts and "consultation_starts_on" not in self.errors:
            self.add_error("consultation_starts_on", "Enter when the consultation opened")
        if starts and ends and ends < starts:
            self.add_error(
                "consultation_ends_on", "The closing date must be the same as or after the opening"
            )
        return data


def _person(user) -> str:
    return f"{user.display_name}{f' ({user.job_title})' if user.job_title else ''}"


class ImpactForm(GovukForm):
    seen = seen_field()
    direction = forms.ChoiceField(
        label="What is the likely impact?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the likely impact"},
    )
    size = forms.ChoiceField(
        label="If positive or negative: how big is it?",
        choices=Size.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    who_affected = forms.CharField(
        label="Who is affected and how?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
    )
    evidence = forms.ModelMultipleChoiceField(
        label="Which evidence shows this?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Add evidence in the evidence section first. A major impact must cite evidence.",
    )
    intersecting = forms.CharField(
        label="Intersecting identities",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
        help_text="For example, older disabled people in rural areas.",
    )
    residual = forms.CharField(
        label="What adverse impact remains after mitigation?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
    )
    justification = forms.CharField(
        label="Why is it justified to go ahead despite the adverse impact?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
        help_text="A negative impact needs a mitigation (in the actions section) or this.",
    )

    def __init__(self, *args, characteristic, evidence, duty, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = evidence
        self.fields["evidence"].label_from_instance = lambda item: item.title
        # Only the aims of the organisation's duty that apply to this characteristic (marriage
        # and civil partnership: aim (a) only; Section 75's good relations: three categories),
        # placed after "which evidence shows this?".
        fields = list(self.fields.items())
        at = [name for name, _ in fields].index("evidence") + 1
        aims = [
            (
                aim.field,
                forms.CharField(
                    label=f"How have you considered: {aim.heading.lower()}?",
                    help_text=aim.guidance,
                    max_length=LONG_TEXT,
                    widget=forms.Textarea,
                    required=False,
                ),
            )
            for aim in duty.aims_for(characteristic)
        ]
        self.fields = dict(fields[:at] + aims + fields[at:])
        self.fields["size"].error_messages["required"] = "Select the size of the impact"
        self.apply_govuk_messages()
        _limit_hints(self)

    def clean(self):
        data = super().clean()
        if data.get("direction") in (Direction.POSITIVE, Direction.NEGATIVE) and not data.get(
            "size"
        ):
            self.add_error("size", "Select whether the impact is minor or major")
        return data


class ActionForm(GovukForm):
    seen = seen_field()
    kind = forms.ChoiceField(
        label="What kind of action is it?",
        choices=Action.Kind.choices,
        widget=forms.RadioSelect,
        initial=Action.Kind.MITIGATION,
    )
    title = forms.CharField(
        error_messages={"required": "Enter the action"},
        label="Action",
        max_length=SHORT_TEXT,
        help_text="For example, run a mobile library to the rural west.",
    )
    description = forms.CharField(
        label="Details", max_length=LONG_TEXT, widget=forms.Textarea, required=False
    )
    owner_kind = forms.ChoiceField(
        label="Who owns it?",
        choices=Action.OwnerKind.choices,
        widget=forms.RadioSelect,
        initial=Action.OwnerKind.PERSON,
        error_messages={"required": "Select who owns the action"},
    )
    owner = forms.ModelChoiceField(
        label="If a person: who?",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Choose an owner from your organisation"},
    )
    owner_name = forms.CharField(
        label="If a team or partner organisation: its name",
        max_length=SHORT_TEXT,
        required=False,
        help_text="For example, Library Services, or Northshire Age Concern.",
    )
    target_date = GovukDateField(
        label="Target date",
        help_text="For example, 30 6 2027.",
        error_messages={"required": "Enter the target date"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        initial=Action.Status.NOT_STARTED,
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=[("", "Not rated"), *Action.Rag.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    impacts = forms.ModelMultipleChoiceField(
        label="Which impacts does it address?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, owners, impacts, impact_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = _person
        self.fields["impacts"].queryset = impacts
        self.fields["impacts"].label_from_instance = impact_label
        _limit_hints(self)

    def clean(self):
        data = super().clean()
        kind = data.get("owner_kind")
        if kind == Action.OwnerKind.PERSON and not data.get("owner"):
            self.add_error("owner", "Choose the person who owns the action")
        elif (
            kind in (Action.OwnerKind.TEAM, Action.OwnerKind.PARTNER)
            and not (data.get("owner_name") or "").strip()
        ):
            what = "team" if kind == Action.OwnerKind.TEAM else "partner organisation"
            self.add_error("owner_name", f"Enter the name of the {what} that owns it")
        return data


class ProgressForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, widget=forms.RadioSelect
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=[("", "Not rated"), *Action.Rag.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    progress_note = forms.CharField(
        label="Progress", max_length=LONG_TEXT, widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_hints(self)


class RuralityForm(SectionForm):
    evidence_used = forms.CharField(
        label="What rural evidence did you use?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
        help_text="Averages can hide pockets of rural deprivation: say how you looked below them.",
    )
    tailoring = forms.CharField(
        label="Stage 3: how was the proposal tailored for rural areas?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
        help_text="You can also add rural tailoring actions to the action plan.",
    )
    monitoring = forms.CharField(
        label="Stage 4: how will the rural effects be monitored and evaluated?",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for theme in RuralTheme:
            self.fields[f"{theme.value}__kind"] = forms.ChoiceField(
                label=f"Is there a rural impact on {theme.label.lower()}?",
                choices=RuralImpact.Kind.choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                required=False,
            )
            self.fields[f"{theme.value}__description"] = forms.CharField(
                label=f"Describe the impact on {theme.label.lower()}",
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            self.fields[f"{theme.value}__scale"] = forms.ChoiceField(
                label=f"Stage 2: how big is the impact on {theme.label.lower()}?",
                choices=Size.choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                required=False,
            )
        self.apply_govuk_messages()
        _limit_hints(self)

    def themes(self) -> dict:
        data = self.cleaned_data
        answered = {}
        for theme in RuralTheme:
            kind = data.get(f"{theme.value}__kind")
            if kind:
                answered[theme.value] = {
                    "kind": kind,
                    "description": data.get(f"{theme.value}__description", ""),
                    "scale": data.get(f"{theme.value}__scale", ""),
                }
        return answered

    def theme_rows(self):
        return [
            (
                theme,
                self[f"{theme.value}__kind"],
                self[f"{theme.value}__description"],
                self[f"{theme.value}__scale"],
            )
            for theme in RuralTheme
        ]
