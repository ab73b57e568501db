"""The assessment record and its state machine.

`Assessment.state` is a protected django-fsm-2 field: the transition methods below are the only
way to change it, and workflows.services is the only caller of those methods (enforced by
tests/unit/test_one_door.py), always under the assessment's row lock, so two writers never
interleave (no optimistic check is needed on top). The transitions are the one table of moves:
the viewflow process, the process diagram and the docs are all derived from or checked against
them.
"""

from django.db import models
from django.utils import timezone
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition
from guardian.models import UserObjectPermissionBase

from ..limits import LONG_TEXT
from .organisations import Organisation, User
from .pipeline import PipelineItem


class State(models.TextChoices):
    # Order matters: it is the order stages are drawn in the process diagram.
    SCREENING = "screening", "Screening"
    SCREENING_REVIEW = "screening_review", "Screening review"
    FULL_ASSESSMENT = "full_assessment", "Full assessment"
    RURALITY_PROOFING = "rurality_proofing", "Rurality proofing"
    OFFICER_REVIEW = "officer_review", "Equality officer review"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "Superseded"


# The stages in which the author and co-authors edit the record.
AUTHOR_STATES = (State.SCREENING, State.FULL_ASSESSMENT, State.RURALITY_PROOFING)
# Work in progress: can still be withdrawn. A signed-off record is locked; it can only be published.
WITHDRAWABLE_STATES = (
    State.SCREENING,
    State.SCREENING_REVIEW,
    State.FULL_ASSESSMENT,
    State.RURALITY_PROOFING,
    State.OFFICER_REVIEW,
    State.AWAITING_SIGN_OFF,
)
FINISHED_STATES = (State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED)
# At most one assessment per pipeline item is in one of these at a time.
LIVE_STATES = tuple(state for state in State if state not in FINISHED_STATES)


class ScreeningOutcome(models.TextChoices):
    SCREENED_OUT = "screened_out", "Screened out: no full assessment needed"
    SCREENED_OUT_WITH_MITIGATION = (
        "screened_out_with_mitigation",
        "Screened out with mitigation",
    )
    FULL_ASSESSMENT = "full_assessment", "Full assessment required"


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssessmentQuerySet":
        """Assessments of the user's own organisation; nothing for anyone without one."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def live(self) -> "AssessmentQuerySet":
        return self.filter(state__in=LIVE_STATES)

    def published(self) -> "AssessmentQuerySet":
        return self.filter(state=State.PUBLISHED)

    def without_review_under_way(self) -> "AssessmentQuerySet":
        """Versions nobody has started to review (a withdrawn review does not count)."""
        under_way = Assessment.objects.filter(previous=models.OuterRef("pk")).exclude(
            state=State.WITHDRAWN
        )
        return self.exclude(models.Exists(under_way))


class Assessment(FSMModelMixin, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    pipeline_item = models.ForeignKey(
        PipelineItem, on_delete=models.PROTECT, related_name="assessments"
    )
    version = models.PositiveIntegerField(default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        help_text="The published version this one reviews. A withdrawn review does not stop "
        "another one being started.",
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="authored_assessments")
    state = FSMField(default=State.SCREENING, choices=State.choices, protected=True, db_index=True)

    # Screening: until the screening rules decide it, the author answers whether rural areas
    # could be affected differently.
    rurality_proofing_required = models.BooleanField(null=True, blank=True)
    screening_outcome = models.CharField(
        max_length=40, choices=ScreeningOutcome.choices, blank=True
    )
    screening_reasons = models.TextField(blank=True, max_length=LONG_TEXT)
    mitigation_summary = models.TextField(blank=True, max_length=LONG_TEXT)
    withdrawal_reason = models.TextField(blank=True, max_length=LONG_TEXT)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="signed_off"
    )
    # When an equality officer decided the screening (screened in or out): the quarterly
    # screening reports count decisions by it, not by publication.
    screening_decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The register lists published versions newest first (keyset on this order) and
            # by organisation; the reports read an organisation's publications by date.
            models.Index(
                fields=["state", "-published_at", "-id"], name="assessment_register_order"
            ),
            models.Index(
                fields=["organisation", "state", "-published_at"], name="assessment_org_published"
            ),
        ]
        permissions = [
            # guardian object permissions, held per assessment (eia.authorization reads them)
            ("contribute_to_assessment", "Can edit the assessment as its author or a co-author"),
            ("decide_assessment", "Can sign off the assessment as its named decision-maker"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pipeline_item", "version"], name="assessment_unique_version"
            ),
            models.UniqueConstraint(
                fields=["pipeline_item"],
                condition=models.Q(state__in=LIVE_STATES),
                name="assessment_one_live_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pipeline_item.title} (version {self.version})"

    @property
    def title(self) -> str:
        return self.pipeline_item.title

    @property
    def screened_in(self) -> bool:
        return self.screening_outcome == ScreeningOutcome.FULL_ASSESSMENT

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def review_under_way(self) -> "Assessment | None":
        """The next version reviewing this one, unless it was withdrawn."""
        return self.reviews.exclude(state=State.WITHDRAWN).order_by("-version").first()

    # ---- The transition table. Each method only records the facts of the move; its `label`
    # says the move in words for the process diagram and its description. ----

    @transition(
        field=state,
        source=State.SCREENING,
        target=State.SCREENING_REVIEW,
        custom={"label": "the author submits the screening"},
    )
    def submit_screening(self):
        pass

    @transition(
        field=state,
        source=State.SCREENING_REVIEW,
        target=State.SCREENING,
        custom={"label": "an equality officer returns it with comments"},
    )
    def return_screening(self):
        pass

    @transition(
        field=state,
        source=State.SCREENING_REVIEW,
        target=State.FULL_ASSESSMENT,
        custom={"label": "an equality officer confirms a full assessment is needed"},
    )
    def confirm_full_assessment(self, *, reasons: str):
        self.screening_outcome = ScreeningOutcome.FULL_ASSESSMENT
        self.screening_reasons = reasons
        self.screening_decided_at = timezone.now()

    @transition(
        field=state,
        source=State.SCREENING_REVIEW,
        target=RETURN_VALUE(State.RURALITY_PROOFING, State.AWAITING_SIGN_OFF),
        custom={"label": "an equality officer confirms it is screened out"},
    )
    def confirm_screened_out(self, *, reasons: str, mitigation: str = ""):
        self.screening_outcome = (
            ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION
            if mitigation
            else ScreeningOutcome.SCREENED_OUT
        )
        self.screening_reasons = reasons
        self.mitigation_summary = mitigation
        self.screening_decided_at = timezone.now()
        if self.rurality_proofing_required:
            return State.RURALITY_PROOFING
        return State.AWAITING_SIGN_OFF

    @transition(
        field=state,
        source=State.FULL_ASSESSMENT,
        target=State.OFFICER_REVIEW,
        custom={"label": "the author submits the full assessment and any rurality proofing"},
    )
    def submit_full_assessment(self):
        # Screened in, rurality proofing is a section of the full assessment (one submission,
        # one review, one resubmission after a return), not a stage after it.
        pass

    @transition(
        field=state,
        source=State.RURALITY_PROOFING,
        target=RETURN_VALUE(State.OFFICER_REVIEW, State.AWAITING_SIGN_OFF),
        custom={
            "label": "the author submits the rurality proofing",
            # One label per target, for the process diagram's text (workflows.diagram).
            "labels": {
                State.AWAITING_SIGN_OFF: "the author submits a screened-out proposal's rurality "
                "proofing",
                State.OFFICER_REVIEW: "the author submits the rurality proofing of a record "
                "screened in before it became part of the full assessment",
            },
        },
    )
    def submit_rurality_proofing(self):
        # Screened out, rurality proofing is the short path's one submission, and the officer
        # already confirmed the screening: the findings go straight to the decision-maker.
        # Screened in, only records submitted before rurality proofing became a section of the
        # full assessment are here (full assessment, then rurality proofing, as two stages):
        # they finish as they began and go to the officer, so none is stranded.
        if self.screened_in:
            return State.OFFICER_REVIEW
        return State.AWAITING_SIGN_OFF

    @transition(
        field=state,
        source=State.OFFICER_REVIEW,
        target=State.FULL_ASSESSMENT,
        custom={"label": "an equality officer returns it with comments"},
    )
    def return_for_changes(self):
        pass

    @transition(
        field=state,
        source=State.OFFICER_REVIEW,
        target=State.AWAITING_SIGN_OFF,
        custom={"label": "an equality officer approves it"},
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=State.AWAITING_SIGN_OFF,
        target=RETURN_VALUE(State.FULL_ASSESSMENT, State.SCREENING),
        custom={"label": "the decision-maker refers it back with comments"},
    )
    def refer_back(self):
        return State.FULL_ASSESSMENT if self.screened_in else State.SCREENING

    @transition(
        field=state,
        source=State.AWAITING_SIGN_OFF,
        target=State.SIGNED_OFF,
        custom={"label": "the named decision-maker signs it off"},
    )
    def sign_off(self, *, by: User):
        self.signed_off_by = by
        self.signed_off_at = timezone.now()

    @transition(
        field=state,
        source=State.SIGNED_OFF,
        target=State.PUBLISHED,
        custom={"label": "an equality officer publishes it"},
    )
    def publish(self, *, review_date):
        self.published_at = timezone.now()
        self.review_date = review_date

    @transition(
        field=state,
        source=list(WITHDRAWABLE_STATES),
        target=State.WITHDRAWN,
        custom={"label": "it is withdrawn, with a reason"},
    )
    def withdraw(self, *, reason: str):
        self.withdrawal_reason = reason

    @transition(
        field=state,
        source=State.PUBLISHED,
        target=State.SUPERSEDED,
        custom={"label": "a newer version is published"},
    )
    def supersede(self):
        pass


class AssessmentUserObjectPermission(UserObjectPermissionBase):
    """guardian object permissions on assessments, with a real foreign key (not a generic one)."""

    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)
