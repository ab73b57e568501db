"""The organisation's equality duty: its objectives, the action plan that follows them, the
links from assessments' actions to the objective each serves, and programmes (budget rounds)
that group proposals so their impacts can be read together.

Rows are written only by `equality/services/`, each write on the organisation's own audit
trail (`eia.audit.record(assessment=None, organisation=...)`)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from eia.limits import LONG_TEXT, SHORT_TEXT
from eia.models import Action, Assessment, Directorate, Organisation, PipelineItem, User

from .framework import Area, Level
from .targets import Kind

MAX_TARGET_DAYS = 120  # about six months of working days


class Objective(models.Model):
    """An equality objective, agreed by a body (usually Cabinet) for a period of at most four
    years (the specific duties: publish objectives at least every four years)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="equality_objectives"
    )
    title = models.CharField(max_length=SHORT_TEXT)
    statement = models.TextField(max_length=LONG_TEXT, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    agreed_by = models.CharField("Agreed by", max_length=120)
    agreed_on = models.DateField("Agreed on")
    evidence = models.TextField("Evidence it rests on", max_length=LONG_TEXT, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["organisation", "ends_on"], name="objective_org_ends")]

    def __str__(self) -> str:
        return self.title


class PlanSection(models.Model):
    """A section of the action plan ("Customers", "Communities", "Workforce", "Organisational
    support"), each under the objective it delivers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="sections")
    title = models.CharField(max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanRow(models.Model):
    """One deliverable of the plan, with the columns councils report: overview, key
    deliverables, owner, target date, comment and RAG rating."""

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        COMPLETE = "complete", "Complete"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    section = models.ForeignKey(PlanSection, on_delete=models.PROTECT, related_name="rows")
    overview = models.CharField(max_length=SHORT_TEXT)
    key_deliverables = models.TextField(max_length=LONG_TEXT)
    owner_name = models.CharField("Owner", max_length=200, help_text="A team, person or partner")
    owner_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_text = models.CharField("Target date", max_length=120)
    target_kind = models.CharField(max_length=10, choices=[(k.value, k.value) for k in Kind])
    target_due = models.DateField(null=True, blank=True)  # from equality.targets.parse
    comment = models.TextField(max_length=LONG_TEXT, blank=True)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["section__position", "section_id", "position", "pk"]
        indexes = [
            models.Index(fields=["organisation", "rag"], name="planrow_org_rag"),
            models.Index(fields=["organisation", "target_due"], name="planrow_org_due"),
        ]

    def __str__(self) -> str:
        return self.overview


class PlanRowChange(models.Model):
    """Each update of a plan row, with the values before and after: the row's history."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    by_name = models.CharField(max_length=300)
    changes = models.JSONField(default=dict)  # {field: [before, after]}

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.row_id} changed by {self.by_name}"


class ActionObjective(models.Model):
    """An assessment's action (a mitigation or an evidence gap to close) linked to the
    objective it serves, so it appears in the action plan under that objective."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="objective_link")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions")
    linked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.action_id} serves {self.objective_id}"


class Programme(models.Model):
    """A programme or budget round: proposals decided together, whose impacts add up."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=LONG_TEXT, blank=True)
    items = models.ManyToManyField(PipelineItem, blank=True, related_name="programmes")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="programme_unique_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProgressReport(models.Model):
    """A dated report of the action plan ("Progress November 2026"): every row's published
    columns frozen as they stood when it was taken (from the allow-list in equality/public.py),
    so what Cabinet or Scrutiny read never changes afterwards."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rows = models.JSONField(default=list)  # [{id, section, objective, overview, ...}]
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class FrameworkArea(models.Model):
    """The organisation's self-assessment in one area of the Equality Framework: its current
    and target level, the evidence, and what the peer challenge said."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=20, choices=Area.choices)
    current_level = models.CharField(max_length=20, choices=Level.choices)
    assessed_on = models.DateField(null=True, blank=True)
    target_level = models.CharField(max_length=20, choices=Level.choices)
    target_date = models.DateField(null=True, blank=True)
    evidence = models.TextField(max_length=LONG_TEXT, blank=True)
    peer_feedback = models.TextField("Peer challenge feedback", max_length=LONG_TEXT, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area"], name="framework_area_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.current_level}"


class DutySettings(models.Model):
    """The organisation's own timeliness targets for its equality duty, in working days (bank
    holidays of its nation), that the dashboard and the annual report measure assessments
    against. Without a row, the defaults below apply (`equality/selectors/timeliness.py`). The
    reporting year the annual report covers is the organisation's own
    (`eia.models.Organisation.reporting_year`), the one its quarterly reports count in."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="duty_settings"
    )
    started_before_days = models.PositiveSmallIntegerField(
        "Start at least this many working days before the decision",
        default=20,
        validators=[MaxValueValidator(MAX_TARGET_DAYS)],
    )
    publish_within_days = models.PositiveSmallIntegerField(
        "Publish within this many working days of sign-off",
        default=20,
        validators=[MaxValueValidator(MAX_TARGET_DAYS)],
    )

    def __str__(self) -> str:
        return f"Duty settings of {self.organisation_id}"


class AnnualReport(models.Model):
    """The annual equality report for one reporting year (the publication duty): objectives
    and progress, the action plan's state, what was published that year, the adverse impacts
    found and what was done, and timeliness. Frozen when taken, only from public allow-lists
    and aggregate figures (`equality/annual.py`), so the published report is redacted by
    construction and never changes afterwards; the equality lead publishes it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()  # the calendar year the reporting year starts in
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(default=dict)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-taken_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(published_at__isnull=False),
                name="annual_report_one_published_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"Annual equality report {self.year}"


class FrameworkEvidence(models.Model):
    """A record the peer challenge can look at for one area of the Equality Framework: an
    assessment, an equality objective or a deliverable of the action plan (exactly one)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=20, choices=Area.choices)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan_row = models.ForeignKey(
        PlanRow, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField("What it shows", max_length=SHORT_TEXT, blank=True)
    linked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["linked_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(assessment__isnull=False, objective=None, plan_row=None)
                    | models.Q(assessment=None, objective__isnull=False, plan_row=None)
                    | models.Q(assessment=None, objective=None, plan_row__isnull=False)
                ),
                name="framework_evidence_links_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"Evidence for {self.area}"


class PeerFeedback(models.Model):
    """One point the peer challenge made about an area, and the plan deliverable created to
    act on it (linked back: the deliverable says which feedback it answers)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=20, choices=Area.choices)
    text = models.TextField("What the peers said", max_length=LONG_TEXT)
    received_on = models.DateField("Date of the peer challenge", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    plan_row = models.OneToOneField(
        PlanRow, on_delete=models.PROTECT, null=True, blank=True, related_name="peer_feedback"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Peer feedback on {self.area}"
