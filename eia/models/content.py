"""What a full assessment records: the proposal, evidence, engagement, impact on each group,
actions, the conclusion and rurality proofing. Written only through eia.services.

Free text has a length limit everywhere (enforced by forms and by PostgreSQL; SQLite would
silently accept more), and is escaped wherever it is shown: HTML, PDF and CSV.
"""

from django.db import models
from django.utils import timezone

from screening_rules import duty_modules

from ..limits import LONG_TEXT, SHORT_TEXT
from .assessment import Assessment
from .organisations import User
from .pipeline import PipelineItem

SHORT = SHORT_TEXT
LONG = LONG_TEXT  # the model fields below say max_length=LONG for brevity


class Section(models.TextChoices):
    """The sections of the full assessment, in the order of its task list."""

    PROPOSAL = "proposal", "About the proposal"
    EVIDENCE = "evidence", "Evidence"
    ENGAGEMENT = "engagement", "Engagement and consultation"
    IMPACTS = "impacts", "Impact on each group"
    ACTIONS = "actions", "Mitigations and actions"
    CONCLUSION = "conclusion", "Conclusion"
    RURALITY = "rurality", "Rurality proofing"


# The sections of a screened-in assessment, and those rurality proofing adds (its actions too).
FULL_SECTIONS = (
    Section.PROPOSAL,
    Section.EVIDENCE,
    Section.ENGAGEMENT,
    Section.IMPACTS,
    Section.ACTIONS,
    Section.CONCLUSION,
)
RURAL_SECTIONS = (Section.RURALITY, Section.ACTIONS)


class Direction(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"
    NEUTRAL = "neutral", "Neutral"
    UNCLEAR = "unclear", "Unclear"


class Size(models.TextChoices):
    MINOR = "minor", "Minor"
    MAJOR = "major", "Major"


class Conclusion(models.TextChoices):
    NO_MAJOR_CHANGE = "no_major_change", "No major change needed"
    ADJUST = "adjust", "Adjust the proposal"
    CONTINUE = "continue", "Continue despite adverse impact (justified)"
    STOP = "stop", "Stop the proposal"


class FullAssessment(models.Model):
    """The single-valued parts: about the proposal, the conclusion, section progress."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="full")
    # 1. About the proposal
    aims = models.TextField("Aims of the proposal", max_length=LONG, blank=True)
    who_affected = models.TextField("Who it affects", max_length=LONG, blank=True)
    what_changes = models.TextField("What changes", max_length=LONG, blank=True)
    budget = models.TextField("Budget", max_length=LONG, blank=True)
    timescale = models.TextField("Timescale", max_length=LONG, blank=True)
    # 6. Conclusion
    conclusion = models.CharField(max_length=30, choices=Conclusion.choices, blank=True)
    justification = models.TextField(
        "Justification for continuing despite adverse impact", max_length=LONG, blank=True
    )
    changes_made = models.TextField(
        "How the assessment changed the proposal", max_length=LONG, blank=True
    )
    cumulative_impact = models.TextField(
        "Cumulative impact with other proposals", max_length=LONG, blank=True
    )
    related_items = models.ManyToManyField(PipelineItem, blank=True, related_name="cumulative_with")
    review_date = models.DateField(null=True, blank=True)
    monitoring = models.TextField("Monitoring arrangements", max_length=LONG, blank=True)
    # 3. The public consultation (an EQIA's formal one; eia.consultation measures its length).
    consultation_starts_on = models.DateField("Consultation opened", null=True, blank=True)
    consultation_ends_on = models.DateField("Consultation closed", null=True, blank=True)
    consultation_responses = models.TextField(
        "Summary of the consultation responses", max_length=LONG, blank=True
    )
    # Sections the author has marked complete ("Have you completed this section?").
    completed_sections = models.JSONField(default=list, blank=True)
    # Internal: never published (see eia.redaction).
    internal_notes = models.TextField(max_length=LONG, blank=True)

    def __str__(self) -> str:
        return f"Full assessment of {self.assessment}"


class EvidenceItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=SHORT)
    source = models.CharField(max_length=SHORT, blank=True)
    dated = models.DateField("Date", null=True, blank=True)
    link = models.URLField(max_length=1000, blank=True)
    shows = models.TextField("What it shows", max_length=LONG)
    # Uploaded file, stored under a random name; see eia.uploads.
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True, max_length=200)
    file_name = models.CharField(max_length=SHORT, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField(
        "Publish with the assessment",
        default=True,
        help_text="Untick for internal or personal documents: they are never published.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """A mitigation, an evidence gap to close or a rural tailoring step: the equality action
    plan's row (owner, target date, status, RAG), as councils report it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    class Kind(models.TextChoices):
        MITIGATION = "mitigation", "Mitigation"
        EVIDENCE_GAP = "evidence_gap", "Close an evidence gap"
        RURAL = "rural", "Rural tailoring"
        MONITORING = "monitoring", "Monitoring"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MITIGATION)
    title = models.CharField(max_length=SHORT)
    description = models.TextField(max_length=LONG, blank=True)

    class OwnerKind(models.TextChoices):
        PERSON = "person", "A person in the organisation"
        TEAM = "team", "A team"
        PARTNER = "partner", "A partner organisation"

    # Who owns it: a person (`owner`), or a team or partner organisation named in `owner_name`.
    owner_kind = models.CharField(
        max_length=10, choices=OwnerKind.choices, default=OwnerKind.PERSON
    )
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="equality_actions", null=True, blank=True
    )
    owner_name = models.CharField("team or partner organisation", max_length=SHORT, blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    progress_note = models.TextField(max_length=LONG, blank=True)
    impacts = models.ManyToManyField("Impact", blank=True, related_name="actions")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.CANCELLED)

    @property
    def has_owner(self) -> bool:
        if self.owner_kind == self.OwnerKind.PERSON:
            return self.owner_id is not None
        return bool(self.owner_name.strip())

    @property
    def owner_label(self) -> str:
        """Who owns it, in words, for pages inside the organisation ("" when nobody)."""
        if self.owner_kind == self.OwnerKind.PERSON:
            return self.owner.display_name if self.owner is not None else ""
        if self.owner_kind == self.OwnerKind.PARTNER and self.owner_name:
            return f"{self.owner_name} (partner organisation)"
        return self.owner_name

    def overdue_on(self, today) -> bool:
        return self.is_open and self.target_date is not None and self.target_date < today

    @property
    def overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


class EvidenceGap(models.Model):
    """Something the evidence does not show. Declaring it creates the action to close it."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence_gaps"
    )
    description = models.TextField(max_length=LONG)
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="evidence_gap")

    def __str__(self) -> str:
        return self.description[:80]


class Engagement(models.Model):
    class Method(models.TextChoices):
        SURVEY = "survey", "Survey or questionnaire"
        MEETING = "meeting", "Public meeting or drop-in"
        FOCUS_GROUP = "focus_group", "Focus group or workshop"
        INTERVIEWS = "interviews", "Interviews"
        FORMAL = "formal", "Formal consultation"
        STAFF = "staff", "Staff or trade union consultation"
        OTHER = "other", "Other"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="engagement")
    who = models.CharField("Who was engaged", max_length=SHORT)
    held_on = models.DateField("When", null=True, blank=True)
    method = models.CharField("How", max_length=20, choices=Method.choices)
    how_many = models.PositiveIntegerField("How many took part", null=True, blank=True)
    what_said = models.TextField("What they said", max_length=LONG)
    what_changed = models.TextField("What changed as a result", max_length=LONG, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return self.who


class Impact(models.Model):
    """The impact on one characteristic in scope."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="impacts")
    characteristic = models.CharField(max_length=60)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    size = models.CharField(max_length=10, choices=Size.choices, blank=True)
    who_affected = models.TextField("Who is affected and how", max_length=LONG, blank=True)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="impacts")
    aim_eliminate = models.TextField(
        "Eliminating discrimination, harassment and victimisation", max_length=LONG, blank=True
    )
    aim_advance = models.TextField("Advancing equality of opportunity", max_length=LONG, blank=True)
    aim_foster = models.TextField("Fostering good relations", max_length=LONG, blank=True)
    # Northern Ireland's disability duties (Disability Discrimination Act 1995 s49A); the
    # labels each jurisdiction uses for every aim field are in eia.aims.
    aim_positive_attitudes = models.TextField(
        "Promoting positive attitudes towards disabled people", max_length=LONG, blank=True
    )
    aim_participation = models.TextField(
        "Encouraging participation by disabled people in public life", max_length=LONG, blank=True
    )
    intersecting = models.TextField("Intersecting identities", max_length=LONG, blank=True)
    residual = models.TextField("What adverse impact remains", max_length=LONG, blank=True)
    justification = models.TextField(
        "Why it is justified despite the adverse impact", max_length=LONG, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "characteristic"], name="impact_one_per_characteristic"
            )
        ]
        indexes = [
            # The register's "characteristic with an adverse impact" filter and its options.
            models.Index(
                fields=["characteristic", "direction", "assessment"], name="impact_adverse"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.characteristic}: {self.direction}"

    @property
    def adverse(self) -> bool:
        return self.direction == Direction.NEGATIVE


# DEFRA's rural proofing themes, in the words and order of the rurality proofing module
# (screening_rules/duties/rurality_proofing/v1.toml): the stage's questions come from its file.
RURALITY_MODULE = duty_modules.load_module("rurality_proofing", 1)
RuralTheme = models.TextChoices(
    "RuralTheme", [(aim.id.upper(), (aim.id, aim.label)) for aim in RURALITY_MODULE.aims]
)


class RuralityProofing(models.Model):
    """DEFRA's four stages: identify (the RuralImpact rows), assess scale, tailor, monitor."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="rurality")
    evidence_used = models.TextField(
        "Rural evidence used",
        max_length=LONG,
        blank=True,
        help_text="Averages can hide pockets of rural deprivation: say how you looked below them.",
    )
    tailoring = models.TextField("How the proposal was tailored", max_length=LONG, blank=True)
    monitoring = models.TextField(
        "How the rural effects will be monitored and evaluated", max_length=LONG, blank=True
    )

    def __str__(self) -> str:
        return f"Rurality proofing of {self.assessment}"


class RuralImpact(models.Model):
    class Kind(models.TextChoices):
        NONE = "none", "No rural impact"
        DIRECT = "direct", "Direct impact"
        INDIRECT = "indirect", "Indirect impact"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="rural_impacts"
    )
    theme = models.CharField(max_length=30, choices=RuralTheme.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(max_length=LONG, blank=True)
    scale = models.CharField(max_length=10, choices=Size.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "theme"], name="rural_impact_one_per_theme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.kind}"


class SignOff(models.Model):
    """What the decision-maker saw and accepted, frozen at the moment of signing."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="sign_off_record"
    )
    decision_maker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decision_maker_name = models.CharField(max_length=300)
    signed_at = models.DateTimeField(default=timezone.now)
    attestation = models.TextField()
    accepted_impacts = models.JSONField(default=list, blank=True)
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    # The decision date when it was signed, and whether it was signed on or after it (then
    # only with the decision-maker's reason, which the attestation repeats).
    decision_date = models.DateField(null=True, blank=True)
    signed_late = models.BooleanField("signed after the decision date", default=False)
    late_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Sign-off of {self.assessment} by {self.decision_maker_name}"


class FactChangeReason(models.Model):
    """An officer's recorded reason why a change to a fact the decision-maker saw (after they
    signed) does not need a fresh sign-off. It covers the facts as they stood when recorded:
    any further change flags the record again (eia.facts)."""

    sign_off = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="fact_reasons")
    facts = models.JSONField()
    reason = models.TextField(max_length=LONG)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_by_name = models.CharField(max_length=300)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Reason recorded by {self.recorded_by_name}"


class ReminderSent(models.Model):
    """One row per reminder per day: `send_reminders` may run often but emails once a day."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    sent_on = models.DateField()
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} on {self.sent_on:%Y-%m-%d}"
