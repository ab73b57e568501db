from django.db import models
from viewflow.workflow.models import Process


class AssessmentProcess(Process):
    """The viewflow process of one assessment version."""

    assessment = models.OneToOneField(
        "eia.Assessment", on_delete=models.PROTECT, related_name="process"
    )

    class Meta:
        verbose_name = "Assessment process"
