"""Which public records the register shows: its search and filters, one record, its versions,
and an organisation's publications by date.

Every read starts from `eia.redaction.public_assessments()`, so no filter can reach a draft, and
returns rows with everything `public_record` reads loaded in a fixed number of queries.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from eia.models import Assessment, Direction, Impact, Organisation, State
from eia.public_screening import decided_unpublished
from eia.redaction import public_assessments, with_public_content

from .search import search


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a UK day, whatever the season."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def listed(*, filters: dict) -> QuerySet:
    """The published assessments the filters select, without their content (for counting and
    for seeking a page: see eia.pagination.keyset, newest first by published_at).

    Superseded versions keep their pages but are not listed: the register shows current ones."""
    return _filtered(public_assessments().filter(state=State.PUBLISHED), filters)


def listed_assessments(*, filters: dict) -> QuerySet:
    """The published assessments the filters select, newest first, with their public content."""
    return with_public_content(listed(filters=filters).order_by("-published_at", "-pk"))


def _filtered(queryset: QuerySet, filters: dict) -> QuerySet:
    queryset = search(queryset, filters.get("q", ""))
    if "organisation" in filters:
        queryset = queryset.filter(organisation__slug=filters["organisation"])
    if "directorate" in filters:
        queryset = queryset.filter(pipeline_item__directorate_id=filters["directorate"])
    if "characteristic" in filters:
        # One impact per characteristic per assessment: an EXISTS never duplicates a row.
        adverse = Impact.objects.filter(
            assessment_id=OuterRef("pk"),
            characteristic=filters["characteristic"],
            direction=Direction.NEGATIVE,
        )
        queryset = queryset.filter(Exists(adverse))
    if "outcome" in filters:
        queryset = queryset.filter(screening_outcome__in=filters["outcome"])
    if "published_from" in filters:
        queryset = queryset.filter(published_at__gte=start_of(filters["published_from"]))
    if "published_to" in filters:
        end = filters["published_to"] + datetime.timedelta(days=1)
        queryset = queryset.filter(published_at__lt=start_of(end))
    return queryset


def public_assessment(*, organisation: str, reference: str, version: int) -> Assessment | None:
    """One public version (published or superseded) with its public content, or None."""
    return (
        with_public_content(public_assessments())
        .filter(
            organisation__slug=organisation, pipeline_item__reference=reference, version=version
        )
        .first()
    )


def other_versions(assessment: Assessment) -> QuerySet:
    """The proposal's other public versions, newest first, as (version, state, published_at)."""
    return (
        public_assessments()
        .filter(pipeline_item_id=assessment.pipeline_item_id)
        .exclude(pk=assessment.pk)
        .order_by("-version")
        .values_list("version", "state", "published_at")
    )


def _decided(queryset: QuerySet) -> QuerySet:
    # A record from before decision dates were kept counts from its publication.
    return queryset.annotate(decided=Coalesce("screening_decided_at", "published_at"))


def decided_between(
    *, organisation: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The organisation's public records whose screening was decided on `start` or later and
    before `end` (whenever they were published), oldest decision first, with their content."""
    queryset = (
        _decided(public_assessments().filter(organisation=organisation))
        .filter(decided__gte=start_of(start), decided__lt=start_of(end))
        .order_by("decided", "pk")
    )
    return with_public_content(queryset)


def published_between(
    *, organisation: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The organisation's public records published on `start` or later and before `end`,
    oldest first, with their public content (the annual equality report's year)."""
    queryset = (
        public_assessments()
        .filter(
            organisation=organisation,
            published_at__gte=start_of(start),
            published_at__lt=start_of(end),
        )
        .order_by("published_at", "pk")
    )
    return with_public_content(queryset)


def unpublished_decided_between(
    *, organisation: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The organisation's confirmed screening decisions made on `start` or later and before
    `end` whose record is not published yet (eia.public_screening), oldest first."""
    return (
        decided_unpublished()
        .filter(
            organisation=organisation,
            screening_decided_at__gte=start_of(start),
            screening_decided_at__lt=start_of(end),
        )
        .order_by("screening_decided_at", "pk")
    )


def decision_times(*, organisation: Organisation) -> list:
    """When each of the organisation's listed screening decisions was made: its public
    records' and its confirmed, not yet published ones'."""
    published = _decided(public_assessments().filter(organisation=organisation)).values_list(
        "decided", flat=True
    )
    unpublished = (
        decided_unpublished()
        .filter(organisation=organisation)
        .values_list("screening_decided_at", flat=True)
    )
    return [*published, *unpublished]
