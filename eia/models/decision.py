"""The decision itself, recorded by an equality officer or the lead once it has been taken:
when, what was decided, by which body, and where the minute is. Rows are never changed or
deleted: a correction is a new row with its reason that names the row it corrects, so the
history of the record is the rows themselves. Written only by eia.services.decisions."""

from django.db import models
from django.utils import timezone

from .assessment import Assessment
from .audit import AppendOnlyError
from .organisations import User
from .reference import AppendOnlyQuerySet, DecisionBody


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
    DEFERRED = "deferred", "Deferred"
    REJECTED = "rejected", "Rejected"


class DecisionRecord(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="decision_records"
    )
    taken_on = models.DateField("date the decision was taken")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    body = models.ForeignKey(DecisionBody, on_delete=models.PROTECT, related_name="+")
    body_name = models.CharField(max_length=120)  # as it was called when recorded
    minute_reference = models.CharField(max_length=200, blank=True)
    minute_url = models.URLField("link to the minute", max_length=500, blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_by_name = models.CharField(max_length=300)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["assessment", "-id"], name="decision_record_newest")]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} by {self.body_name} on {self.taken_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("A decision record is corrected by a new one, never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A decision record cannot be deleted.")

    @property
    def safe_minute_url(self) -> str:
        """The link only if it is a web address: never a javascript: or file: URL as an href."""
        url = self.minute_url
        return url if url.lower().startswith(("https://", "http://")) else ""
