"""Fingerprints of long answers, so "copied word for word from another proposal" is an indexed
lookup instead of a scan of every content table.

One row per long answer (COPY_MIN_CHARS or more once stripped) of the fields in COPY_CHECKED:
the SHA-256 of the exact text, written by eia.services.fingerprints in the same transaction as
the edit that changed it (every content edit goes through eia.services.sections.edit, and a new
version's copied content through eia.services.versions). eia.quality reads them.
"""

from django.db import models

from ..aims import AIM_FIELDS
from .assessment import Assessment
from .content import Engagement, EvidenceItem, FullAssessment, Impact
from .organisations import Organisation
from .pipeline import PipelineItem

COPY_MIN_CHARS = 80

# The answers checked for copying, by model: their exact text is what is compared.
COPY_CHECKED = {
    Impact: ("who_affected", *AIM_FIELDS, "residual", "justification", "intersecting"),
    FullAssessment: (
        "aims",
        "who_affected",
        "what_changes",
        "justification",
        "changes_made",
        "cumulative_impact",
    ),
    Engagement: ("what_said", "what_changed"),
    EvidenceItem: ("shows",),
}


class TextFingerprint(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    pipeline_item = models.ForeignKey(PipelineItem, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="fingerprints"
    )
    # "<model>.<field>", e.g. "impact.who_affected": copying counts within the same field.
    field = models.CharField(max_length=60)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "digest"], name="fingerprint_org_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.field} of assessment {self.assessment_id}"
