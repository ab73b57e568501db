"""Who has ever written part of a proposal's assessment, for segregation of duties.

One row per person and pipeline item, written only by eia.services.authorship in the same
transaction as the authoring event it summarises (a section edit, a submission, being made a
co-author). It survives removal as a co-author and new versions, so "never review your own
work" is an indexed lookup rather than a scan of the audit trail.
"""

from django.db import models

from .assessment import Assessment
from .organisations import Organisation, User
from .pipeline import PipelineItem


class Authorship(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    pipeline_item = models.ForeignKey(
        PipelineItem, on_delete=models.PROTECT, related_name="authorships"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="authorships")
    first_assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pipeline_item", "user"], name="authorship_one_per_person_and_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} wrote part of {self.pipeline_item}"
