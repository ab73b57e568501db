"""The policy pipeline: the register of upcoming decisions that need due regard."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..limits import LONG_TEXT
from .organisations import Directorate, Organisation, User


class PipelineItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PipelineItemQuerySet":
        """Items of the user's own organisation; nothing for anyone without one."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class PipelineItem(models.Model):
    class Kind(models.TextChoices):
        POLICY = "policy", "Policy"
        STRATEGY = "strategy", "Strategy"
        SERVICE_REDESIGN = "service_redesign", "Service redesign"
        SERVICE_CLOSURE = "service_closure", "Service closure or reduction"
        BUDGET_PROPOSAL = "budget_proposal", "Budget proposal"
        PROCUREMENT = "procurement", "Procurement or commissioning"
        WORKFORCE = "workforce", "Workforce or employment policy"
        CHANNEL_SHIFT = "channel_shift", "Change in how people reach a service"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pipeline_items"
    )
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, related_name="pipeline_items"
    )
    reference = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    summary = models.TextField(max_length=LONG_TEXT, blank=True)
    owner = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="owned_pipeline_items",
        help_text="The project manager who starts and completes the assessment.",
    )
    decision_body = models.CharField(
        max_length=120, help_text="Who takes the decision, for example 'Cabinet'."
    )
    decision_maker = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="pipeline_decisions",
        null=True,
        blank=True,
        help_text="The named person who signs off the assessment.",
    )
    decision_date = models.DateField(
        validators=[
            MinValueValidator(datetime.date(1900, 1, 1)),
            MaxValueValidator(datetime.date(2200, 12, 31)),
        ]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PipelineItemQuerySet.as_manager()

    class Meta:
        ordering = ["decision_date", "reference"]
        indexes = [
            # The pipeline list and the decision calendar: one organisation's items by date.
            models.Index(
                fields=["organisation", "decision_date", "reference"], name="pipeline_org_date"
            ),
            models.Index(fields=["organisation", "decision_body"], name="pipeline_org_body"),
            models.Index(fields=["directorate", "decision_date"], name="pipeline_directorate_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="pipeline_unique_reference_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"
