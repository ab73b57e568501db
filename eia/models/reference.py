"""The lists an organisation's equality lead keeps: its decision bodies and their meeting dates
(directorates are in eia.models.organisations). Pipeline items choose from them, and a decision
date is checked against the body's meetings."""

from django.db import models

from .organisations import Organisation


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
