"""Where each audit chain ends, kept outside the event table, and digests over all of them.

`AuditHead` is one row per chain (an assessment's trail, or an organisation's own trail of its
equality duty, with no assessment) naming its newest event's sequence and
seal, itself sealed; eia.audit.record() moves it forward in the same transaction as the event,
and the database refuses to move it back or delete it (migration 0017). Deleting the newest
events then leaves a head that names an event that is not there.

`AuditDigest` is a periodic digest over every head (`manage.py audit_digest`): a file an
administrator archives and a line on the public register's digest page. A head rolled back to
an older value, together with the events after it, is caught against the last digest.
"""

from django.db import models
from django.utils import timezone

from .assessment import Assessment
from .audit import AppendOnlyError
from .organisations import Organisation


class AuditHead(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # None for the organisation's own chain (its equality objectives and action plan).
    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="audit_head", null=True, blank=True
    )
    sequence = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=40)
    # HMAC-SHA256 of (organisation, assessment, sequence, hash, key_id): see eia.chain.seal.
    seal = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # One anchor for each organisation's own chain, as for each assessment's.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(assessment__isnull=True),
                name="audit_head_unique_organisation_chain",
            )
        ]

    def __str__(self) -> str:
        if self.assessment_id is None:
            return f"Chain of organisation {self.organisation_id} at event {self.sequence}"
        return f"Chain of assessment {self.assessment_id} at event {self.sequence}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit anchors cannot be deleted.")


class AuditDigestQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit digests cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit digests cannot be deleted.")


class AuditDigest(models.Model):
    made_at = models.DateTimeField(default=timezone.now)
    chains = models.PositiveIntegerField()
    events = models.PositiveIntegerField()
    # [[organisation, assessment, sequence, hash], ...] sorted by assessment.
    heads = models.JSONField(default=list)
    previous_digest = models.CharField(max_length=64)
    # SHA-256 of the digest file's canonical content: what the public page shows.
    digest = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(max_length=40)
    seal = models.CharField(max_length=64)

    objects = AuditDigestQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"Audit digest {self.digest[:12]} of {self.made_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit digests cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit digests cannot be deleted.")
