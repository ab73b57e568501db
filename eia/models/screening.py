"""Screening: which rule set an organisation uses, which local characteristics it has switched on,
and each assessment's screening answers with the result they were evaluated to.

The result stores the rule-set id, version and sha256 and the characteristics in scope, so it can
be re-evaluated years later with exactly the same rules (tests/integration/test_screening.py).
"""

import datetime

from django.db import models

from ..limits import LONG_TEXT
from .assessment import Assessment
from .organisations import Organisation


class LocalCharacteristicQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> "LocalCharacteristicQuerySet":
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=day)
        )


class LocalCharacteristic(models.Model):
    """A local characteristic (rurality, carers, care experience...) an organisation considers
    alongside the protected characteristics, from a start date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="local_characteristics"
    )
    characteristic = models.CharField(
        max_length=60, help_text="The characteristic's id in the screening catalogue."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = LocalCharacteristicQuerySet.as_manager()

    class Meta:
        ordering = ["characteristic", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "characteristic", "starts_on"],
                name="local_characteristic_unique_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.characteristic} from {self.starts_on:%d %B %Y}"


class Screening(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="screening"
    )
    # The rule set is pinned when the screening starts: later releases never change it.
    ruleset_id = models.CharField(max_length=60)
    ruleset_version = models.PositiveIntegerField()
    ruleset_sha256 = models.CharField(max_length=64)
    characteristics = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    # screening_rules.Result.to_dict() once every visible question is answered, else null.
    result = models.JSONField(null=True, blank=True)
    override_reason = models.TextField(blank=True, max_length=LONG_TEXT)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Screening of {self.assessment}"

    @property
    def outcome(self) -> str | None:
        return self.result["outcome"] if self.result else None

    @property
    def flags(self) -> list[str]:
        return list(self.result["flags"]) if self.result else []
