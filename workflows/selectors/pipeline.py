"""The policy pipeline list: one organisation's items, searched and filtered in the database,
soonest decision first (index pipeline_org_date), a page at a time."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from eia.models import Assessment, PipelineItem

NOT_STARTED = "not_started"


def pipeline_items(
    *,
    user,
    q: str = "",
    directorate_id: int | None = None,
    status: str = "",
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
) -> QuerySet:
    items = PipelineItem.objects.visible_to(user).select_related("directorate")
    for word in q.split():
        items = items.filter(Q(reference__icontains=word) | Q(title__icontains=word))
    if directorate_id is not None:
        items = items.filter(directorate_id=directorate_id)
    if status == NOT_STARTED:
        items = items.exclude(Exists(Assessment.objects.filter(pipeline_item_id=OuterRef("pk"))))
    elif status:
        items = items.filter(
            Exists(Assessment.objects.filter(pipeline_item_id=OuterRef("pk"), state=status))
        )
    if decided_from is not None:
        items = items.filter(decision_date__gte=decided_from)
    if decided_to is not None:
        items = items.filter(decision_date__lte=decided_to)
    return items.order_by("decision_date", "reference", "pk")


def directorate_choices(*, user) -> list[tuple[int, str]]:
    if not user.is_authenticated or user.organisation_id is None:
        return []
    return list(user.organisation.directorates.order_by("name").values_list("pk", "name"))
