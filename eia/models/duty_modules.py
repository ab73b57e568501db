"""Answers to a duty module (screening_rules/duties/): one row per assessment and module, pinned
to the module file's version and SHA-256 when first saved, so the answers are always read with
the questions they were given against. Written only through eia.services.duty_modules.
"""

from django.db import models

from ..limits import LONG_TEXT
from .assessment import Assessment
from .organisations import User


class DutyModuleAnswers(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="duty_answers"
    )
    module = models.CharField(max_length=60)
    module_version = models.PositiveIntegerField()
    module_sha256 = models.CharField(max_length=64)
    answers = models.JSONField(default=dict, blank=True)
    # The module's "assessment not required" declaration (Fairer Scotland, island communities):
    # the author's reasons, authorised by someone who wrote none of the assessment.
    not_required = models.BooleanField(default=False)
    not_required_reasons = models.TextField(
        "Reasons an assessment is not required", max_length=LONG_TEXT, blank=True
    )
    authorised_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_by_name = models.CharField(max_length=300, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["module"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "module"], name="duty_answers_one_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} of {self.assessment_id}"
