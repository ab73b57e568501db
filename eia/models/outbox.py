"""The outbox: every email the service sends, written in the transaction of the change that
caused it and delivered afterwards by the task worker (eia/outbox.py), with retries."""

from django.db import models
from django.utils import timezone

from .organisations import Organisation


class OutboxEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent: every attempt failed"

    # Whose email it is: the lead of this organisation sees the ones that could not be sent.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    recipient = models.CharField(max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outbox email"
        indexes = [
            # The sweep (`manage.py deliver_outbox`): what is due now.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["organisation", "status"], name="outbox_org_status"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.recipient} ({self.get_status_display().lower()})"
