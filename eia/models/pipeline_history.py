"""The history of a pipeline item's facts: every change to its title, summary, directorate,
owner, decision body, decision date or named decision-maker, with before and after values.
Written only by eia.services.pipeline; the change is also an event on the trail of the item's
live assessment. Rows are never changed or deleted."""

from django.db import models
from django.utils import timezone

from .audit import AppendOnlyError
from .organisations import User
from .pipeline import PipelineItem


class PipelineChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The pipeline's history cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The pipeline's history cannot be deleted.")


class PipelineChange(models.Model):
    item = models.ForeignKey(PipelineItem, on_delete=models.PROTECT, related_name="history")
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    actor_name = models.CharField(max_length=300)
    # {field: [before, after]} in words as the item showed them, and the stored values
    changes = models.JSONField()
    reason = models.TextField(blank=True)

    objects = PipelineChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item.reference} changed by {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The pipeline's history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The pipeline's history cannot be deleted.")

    @property
    def described(self) -> list[tuple[str, str, str]]:
        """(the fact's label, before, after) for each fact this change touched."""
        return [
            (str(PipelineItem._meta.get_field(name).verbose_name).capitalize(), before, after)
            for name, (before, after) in self.changes.items()
        ]
