"""The lists an organisation's equality lead keeps: its decision bodies and their meeting dates
(directorates are in eia.models.organisations), and the history of its settings. Pipeline items
choose from them, and a decision date is checked against the body's meetings."""

from django.db import models
from django.utils import timezone

from .audit import AppendOnlyError
from .organisations import Organisation, User


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("This history cannot be changed.")

    def delete(self):
        raise AppendOnlyError("This history cannot be deleted.")


class DecisionBody(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_bodies"
    )
    name = models.CharField(max_length=120, help_text="For example 'Cabinet'.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="decision_body_unique_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    body = models.ForeignKey(DecisionBody, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["body", "date"], name="meeting_unique_date_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.body} on {self.date:%-d %B %Y}"


class SettingChange(models.Model):
    """One change to one of the organisation's settings (the agenda deadline), with before and
    after values. Written only by eia.services.reference_data; never changed or deleted."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="setting_changes"
    )
    setting = models.CharField(max_length=60)
    before = models.CharField(max_length=200)
    after = models.CharField(max_length=200)
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    actor_name = models.CharField(max_length=300)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.setting} changed by {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The organisation's settings history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The organisation's settings history cannot be deleted.")
