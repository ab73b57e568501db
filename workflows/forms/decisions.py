from django import forms

from eia.forms import GovukDateField, GovukForm
from eia.limits import LONG_TEXT
from eia.models import ScreeningOutcome

from ..services.reviewing import RETURN
from .base import SeenForm
from .base import long_text as _text


class SubmitForm(SeenForm):
    pass


class ScreeningReviewForm(SeenForm):
    decision = forms.ChoiceField(
        label="What is your decision?",
        error_messages={"required": "Select your decision"},
        choices=[
            (ScreeningOutcome.FULL_ASSESSMENT, "A full assessment is needed"),
            (ScreeningOutcome.SCREENED_OUT, "Screened out: no full assessment is needed"),
            (ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION, "Screened out with mitigation"),
            (RETURN, "Return the screening to the author for changes"),
        ],
        widget=forms.RadioSelect,
    )
    reasons = _text(
        "Reasons for your decision",
        help_text="These are published with the screening decision. If you return it, tell the "
        "author what to change.",
    )
    mitigation = _text(
        "Mitigation",
        required=False,
        help_text="Only for 'screened out with mitigation': what will be done to reduce the "
        "impacts found.",
    )
    override_reason = _text(
        "If you disagree with the outcome the screening rules gave, explain why",
        required=False,
        help_text="Required when your decision differs from the rules' outcome. It is recorded "
        "in the audit trail.",
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") == ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION
            and not (data.get("mitigation") or "").strip()
        ):
            self.add_error("mitigation", "Enter the mitigation")
        return data


class AssessmentReviewForm(SeenForm):
    decision = forms.ChoiceField(
        label="What is your decision?",
        error_messages={"required": "Select your decision"},
        choices=[
            ("approve", "Approve it for sign-off"),
            ("return", "Return it to the author for changes"),
        ],
        widget=forms.RadioSelect,
    )
    comment = _text(
        "Overall comments",
        required=False,
        help_text="If you return it, say what to change here or against the sections below.",
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = []
        for section in sections:
            name = f"section_{section.value}"
            self.fields[name] = _text(
                f"Comments on '{section.label}'",
                required=False,
                help_text="Shown to the author on that section's page if you return it.",
            )
            self.section_keys.append((section.value, name))
        self.apply_govuk_messages()

    def section_fields(self) -> list:
        return [self[name] for _key, name in self.section_keys]

    def section_comments(self) -> dict:
        return {
            key: self.cleaned_data[name].strip()
            for key, name in self.section_keys
            if self.cleaned_data.get(name, "").strip()
        }

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (
            (data.get("comment") or "").strip() or self.section_comments()
        ):
            self.add_error("comment", "Enter comments for the author")
        return data


class SignOffForm(SeenForm):
    seen_hash = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    decision = forms.ChoiceField(
        label="What is your decision?",
        error_messages={"required": "Select your decision"},
        choices=[
            ("sign", "Sign off the assessment"),
            ("refer_back", "Refer it back to the author"),
        ],
        widget=forms.RadioSelect,
    )
    attested = forms.BooleanField(
        label="I have read the impacts above and I make the statement shown",
        required=False,
        help_text="Required to sign off. The statement names each adverse impact you accept.",
    )
    comment = _text(
        "Comments",
        required=False,
        help_text="Required if you refer it back: say what is missing.",
    )
    late_reason = _text(
        "Why are you signing on or after the decision date?",
        required=False,
        help_text="Your statement will say that you signed after the decision date, with this "
        "reason, and the record will show it was signed late.",
    )

    def __init__(self, *args, late: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.late = late

    def clean(self):
        data = super().clean()
        if (
            self.late
            and data.get("decision") == "sign"
            and not (data.get("late_reason") or "").strip()
        ):
            self.add_error("late_reason", "Enter why you are signing on or after the decision date")
        if data.get("decision") == "refer_back" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Enter why you are referring it back")
        if data.get("decision") == "sign" and not data.get("attested"):
            self.add_error(
                "attested", "Confirm that you have read the impacts and make the statement"
            )
        return data


class PublishForm(SeenForm):
    review_date = GovukDateField(
        label="Review date",
        required=False,
        help_text="Leave blank to review it in 12 months. For example, 27 3 2028.",
    )


class WithdrawForm(SeenForm):
    reason = forms.CharField(
        label="Why is the assessment being withdrawn?",
        max_length=LONG_TEXT,
        help_text=f"The reason stays on the record. Up to {LONG_TEXT:,} characters.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the assessment is being withdrawn"},
    )


class CommentForm(GovukForm):
    text = _text("Add a comment", help_text="Comments are kept in the audit trail.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter your comment"


class ReassignForm(GovukForm):
    to = forms.ModelChoiceField(
        label="Who should do this task?",
        queryset=None,
        error_messages={"required": "Select who should do this task"},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = candidates
        self.fields["to"].label_from_instance = lambda user: (
            f"{user.display_name}{f' ({user.job_title})' if user.job_title else ''}"
        )


class CoAuthorForm(GovukForm):
    user = forms.ModelChoiceField(
        label="Add a co-author",
        queryset=None,
        error_messages={"required": "Select the person to add as a co-author"},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda user: user.display_name


class FactChangeReasonForm(GovukForm):
    reason = _text(
        "Why does this change not need a fresh sign-off?",
        help_text="For example: a typing error in the title, or a new meeting date for the same "
        "decision. It is kept in the audit trail. If the decision-maker would have to see the "
        "change to decide, start a review instead.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why no fresh sign-off is needed"
