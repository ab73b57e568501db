"""The organisation's security log: who changed whose access, and sign-in trouble.

A separate append-only table rather than the assessment trail (eia.models.audit): the trail is
hash-chained per assessment and every row needs one, while these events (a role change, an
invitation, a lockout) belong to no assessment, and some (a failed sign-in for a username that
does not exist) to no known person. Rows are written only by eia.security_log.record(); the
model and its queryset refuse updates and deletes, like the trail's, and so does the database
(triggers, migration 0017).
"""

from django.db import models
from django.utils import timezone

from .audit import AppendOnlyError
from .organisations import Organisation, User


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Security log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Security log entries cannot be deleted.")


class SecurityEvent(models.Model):
    # Null when the event belongs to no organisation (a sign-in as an unknown username).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    event_type = models.CharField(max_length=100)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=300, blank=True)
    # The person the event is about (the user whose role changed, who was invited...).
    subject = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_name = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-occurred_at", "-id"], name="security_log_page")
        ]

    def __str__(self) -> str:
        return f"{self.event_type} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Security log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Security log entries cannot be deleted.")
