"""A draft: one person's own unsaved typing on one form of one assessment.

It is not the record. Nobody else reads it; it is in no audit trail, summary, PDF, public
record or admin page. eia.services.drafts alone writes and deletes it: when the person saves
that form, discards the draft, when the assessment leaves the authors' stages, and after
`DRAFT_RETENTION` (`manage.py purge_drafts`). Kept on the server, not in the browser, so it
survives a closed tab or a timed-out session without leaving text on a shared computer.
"""

from django.conf import settings
from django.db import models

from .assessment import Assessment


class Draft(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    # The form's page, relative to the assessment's own address, e.g. "full/impacts/age/".
    page = models.CharField(max_length=200)
    # The form's long text fields as typed: {field name: text}.
    fields = models.JSONField(default=dict)
    # The page's staleness token (eia.audit.head) when the draft was typed: a later edit of
    # the same section means the record changed since.
    seen = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "assessment", "page"], name="one_draft_per_person_and_form"
            )
        ]
        indexes = [models.Index(fields=["saved_at"], name="draft_saved_at")]

    def __str__(self) -> str:  # never the text: nothing shows a draft but its own page
        return f"Draft of {self.page} on assessment {self.assessment_id}"
