"""Separation of duties as policy data: which pairs of duties on one version of an assessment
the organisation's written policy lets one person hold.

By default nobody holds two duties: whoever wrote, approved, signed off and published one
version are four different people. A `DutyException` names one pair that may be held by one
person, with the text of the policy that allows it. It takes effect only once a second person
(another equality lead of the organisation, or a superuser) has confirmed it, so an equality
lead can never grant themselves an exception alone. Rows are written only by
eia.services.duty_policy, which puts each step on the organisation's security log; every use of
an exception is recorded on the assessment's trail (workflows/duties.py).
"""

from django.db import models
from django.db.models import Q

from .organisations import Organisation, User


class Duty(models.TextChoices):
    AUTHOR = "author", "Write the assessment"
    REVIEW = "review", "Approve it for sign-off"
    SIGN_OFF = "sign_off", "Sign it off"
    PUBLISH = "publish", "Publish it"


class DutyExceptionQuerySet(models.QuerySet):
    def in_force(self) -> "DutyExceptionQuerySet":
        return self.filter(confirmed_at__isnull=False, ended_at__isnull=True)


class DutyException(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="duty_exceptions"
    )
    # Stored in Duty's order (first < second), so a pair is one row whichever way it was asked.
    first_duty = models.CharField(max_length=20, choices=Duty.choices)
    second_duty = models.CharField(max_length=20, choices=Duty.choices)
    policy_reference = models.TextField(
        help_text="The organisation's written policy that allows this, e.g. its paragraph."
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = DutyExceptionQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "first_duty", "second_duty"],
                condition=Q(ended_at__isnull=True),
                name="duty_exception_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(first_duty=models.F("second_duty")),
                name="duty_exception_two_different_duties",
            ),
        ]

    def __str__(self) -> str:
        return f"{Duty(self.first_duty).label} and {Duty(self.second_duty).label.lower()}"

    @property
    def duties(self) -> list[str]:
        return [Duty(self.first_duty).label, Duty(self.second_duty).label]

    @property
    def pair(self) -> frozenset[str]:
        return frozenset({self.first_duty, self.second_duty})
