"""Forms for the equality duty's pages: objectives, plan rows, links, filters, programmes."""

from django import forms

from eia.forms import GovukDateField, GovukForm
from eia.limits import LONG_TEXT, SHORT_TEXT
from eia.models import ReportingYear

from .framework import Level
from .models import MAX_TARGET_DAYS, PlanRow


def _text(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ObjectiveForm(GovukForm):
    title = forms.CharField(label="Objective", max_length=SHORT_TEXT)
    statement = _text("What it means", required=False)
    starts_on = GovukDateField(label="Start of the period")
    ends_on = GovukDateField(
        label="End of the period", help_text="At most four years after it starts."
    )
    agreed_by = forms.CharField(
        label="Agreed by", max_length=120, help_text="For example 'Cabinet'."
    )
    agreed_on = GovukDateField(label="Date it was agreed")
    evidence = _text(
        "Evidence it rests on", required=False, help_text="For example the equality needs analysis."
    )


class SectionForm(GovukForm):
    title = forms.CharField(label="Section", max_length=120, help_text="For example 'Customers'.")
    objective = forms.TypedChoiceField(label="Objective it delivers", coerce=int)

    def __init__(self, *args, objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [("", "Select an objective")] + [
            (objective.pk, objective.title) for objective in objectives
        ]


class PlanRowForm(GovukForm):
    section = forms.TypedChoiceField(label="Section", coerce=int)
    overview = forms.CharField(label="Overview", max_length=SHORT_TEXT)
    key_deliverables = _text("Key deliverables")
    owner_name = forms.CharField(
        label="Owner", max_length=200, help_text="A team, a person or a partner organisation."
    )
    owner_user = forms.TypedChoiceField(
        label="Person responsible in the system (optional)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    directorate = forms.TypedChoiceField(
        label="Directorate (optional)", coerce=int, required=False, empty_value=None
    )
    target_text = forms.CharField(
        label="Target date",
        max_length=120,
        help_text="As the plan says it: 'October 2027', 'From April 2027', 'Annually in April' "
        "or 'Ongoing'.",
    )
    comment = _text("Comment", required=False)
    rag = forms.ChoiceField(
        label="RAG rating", required=False, choices=[("", "Not rated"), *PlanRow.Rag.choices]
    )

    def __init__(self, *args, sections=(), users=(), directorates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "Select a section")] + [
            (section.pk, f"{section.title} ({section.objective.title})") for section in sections
        ]
        self.fields["owner_user"].choices = [("", "Nobody in particular")] + [
            (user.pk, user.display_name) for user in users
        ]
        self.fields["directorate"].choices = [("", "None")] + [
            (directorate.pk, directorate.name) for directorate in directorates
        ]
        self.apply_govuk_messages()


class LinkForm(GovukForm):
    objective = forms.TypedChoiceField(
        label="Objective this action serves", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [("", "Not linked to an objective")] + [
            (objective.pk, objective.title) for objective in objectives
        ]


class PlanFilterForm(GovukForm):
    objective = forms.TypedChoiceField(
        label="Objective", coerce=int, required=False, empty_value=None
    )
    section = forms.TypedChoiceField(label="Section", coerce=int, required=False, empty_value=None)
    directorate = forms.TypedChoiceField(
        label="Directorate", coerce=int, required=False, empty_value=None
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=[("", "Any rating"), *PlanRow.Rag.choices, ("none", "Not rated")],
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)
    owner = forms.CharField(label="Owner", required=False, max_length=100)

    def __init__(self, *args, objectives=(), sections=(), directorates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [("", "Any objective")] + [
            (objective.pk, objective.title) for objective in objectives
        ]
        self.fields["section"].choices = [("", "Any section")] + [
            (section.pk, section.title) for section in sections
        ]
        self.fields["directorate"].choices = [("", "Any directorate")] + [
            (directorate.pk, directorate.name) for directorate in directorates
        ]


class DashboardFilterForm(GovukForm):
    directorate = forms.TypedChoiceField(
        label="Directorate", coerce=int, required=False, empty_value=None
    )
    since = GovukDateField(label="Started on or after", required=False)
    until = GovukDateField(label="Started on or before", required=False)

    def __init__(self, *args, directorates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (directorate.pk, directorate.name) for directorate in directorates
        ]


class ProgrammeForm(GovukForm):
    name = forms.CharField(
        label="Name", max_length=200, help_text="For example 'Budget 2027 to 2028'."
    )
    description = _text("What it is", required=False)
    items = forms.TypedMultipleChoiceField(
        label="Proposals in it",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (item.pk, f"{item.reference} {item.title}") for item in items
        ]


class CumulativeFilterForm(GovukForm):
    programme = forms.TypedChoiceField(
        label="Programme or budget round", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", "All proposals")] + [
            (programme.pk, programme.name) for programme in programmes
        ]


class ReportForm(GovukForm):
    title = forms.CharField(
        label="Title of the report",
        max_length=200,
        help_text="For example 'Progress November 2026'.",
    )


class FrameworkAreaForm(GovukForm):
    current_level = forms.ChoiceField(label="Current level", choices=Level.choices)
    assessed_on = GovukDateField(label="Date assessed", required=False)
    target_level = forms.ChoiceField(label="Target level", choices=Level.choices)
    target_date = GovukDateField(label="Date to reach it", required=False)
    evidence = _text(
        "Evidence",
        required=False,
        help_text="Assessments, objectives and plan rows that show it, with their references.",
    )
    peer_feedback = _text("Peer challenge feedback", required=False)


class AnnualReportForm(GovukForm):
    year = forms.TypedChoiceField(label="Reporting year", coerce=int)

    def __init__(self, *args, years=(), label=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, label(year)) for year in years]


class DutySettingsForm(GovukForm):
    reporting_year = forms.ChoiceField(
        label="Reporting year",
        choices=ReportingYear.choices,
        widget=forms.RadioSelect,
        help_text="The annual equality report covers one, and the quarterly screening reports "
        "count their quarters in it.",
    )
    started_before_days = forms.IntegerField(
        label="Start the assessment at least this many working days before the decision",
        min_value=0,
        max_value=MAX_TARGET_DAYS,
    )
    publish_within_days = forms.IntegerField(
        label="Publish within this many working days of sign-off",
        min_value=0,
        max_value=MAX_TARGET_DAYS,
    )


class FrameworkEvidenceForm(GovukForm):
    kind = forms.ChoiceField(
        label="The kind of record",
        choices=[
            ("assessment", "An equality impact assessment"),
            ("objective", "An equality objective"),
            ("plan_row", "A deliverable of the action plan"),
        ],
        widget=forms.RadioSelect,
    )
    reference = forms.CharField(
        label="The assessment's reference (for an assessment)",
        max_length=60,
        required=False,
        help_text="For example NCC-2027-002. The newest version is linked.",
    )
    objective = forms.TypedChoiceField(
        label="The objective (for an objective)", coerce=int, required=False, empty_value=None
    )
    plan_row = forms.TypedChoiceField(
        label="The deliverable (for a deliverable)", coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label="What it shows (optional)", max_length=SHORT_TEXT, required=False)

    def __init__(self, *args, objectives=(), rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [("", "Select an objective")] + [
            (objective.pk, objective.title) for objective in objectives
        ]
        self.fields["plan_row"].choices = [("", "Select a deliverable")] + [
            (row.pk, f"{row.section.title}: {row.overview}") for row in rows
        ]


class PeerFeedbackForm(GovukForm):
    text = _text("What the peers said")
    received_on = GovukDateField(label="Date of the peer challenge", required=False)
