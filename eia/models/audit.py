"""The audit trail: append-only, sealed and chained per assessment.

Rows are written only by eia.audit.record(), inside the same transaction as the change they
describe. The model and its queryset refuse updates and deletes; the database refuses updates,
deletes and (PostgreSQL) TRUNCATE with triggers (migration 0017). Each event is sealed with a
keyed hash (eia.chain.seal) of every column that carries meaning and of the seal before it, and
each chain's head is anchored in eia.models.AuditHead, so a rewritten, removed or re-sealed row
breaks the chain and eia.chain.verify says where.
"""

from django.db import models
from django.utils import timezone

from .assessment import Assessment
from .organisations import Organisation, User


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def visible_to(self, user) -> "AuditEventQuerySet":
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class AuditEvent(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # None for the organisation's own events (its equality objectives and action plan): those
    # form one chain per organisation.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="audit_events", null=True, blank=True
    )
    sequence = models.PositiveIntegerField()
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The actor's name and roles as they were when they acted, not as they are now.
    actor_name = models.CharField(max_length=300)
    actor_roles = models.CharField(max_length=300, blank=True)
    event_type = models.CharField(max_length=100)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    comment = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    # The seal: HMAC-SHA256 of the event's canonical payload under the key named by key_id.
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=40, default="", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            # The duties a person holds, by the trail (workflows.duties): the team queue asks
            # on every view which versions an officer approved, signed or published.
            models.Index(fields=["actor", "event_type", "assessment"], name="audit_actor_duty"),
        ]
        constraints = [
            # Two writers can never both append event N to one assessment's chain.
            models.UniqueConstraint(
                fields=["assessment", "sequence"], name="audit_unique_sequence"
            ),
            models.UniqueConstraint(
                fields=["organisation", "sequence"],
                condition=models.Q(assessment__isnull=True),
                name="audit_unique_organisation_sequence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} by {self.actor_name} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
