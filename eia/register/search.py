"""The register's search: PostgreSQL full-text search and trigram matching, a simple fallback on
SQLite.

On PostgreSQL a proposal's title (weight A) and summary (B), and its full assessment's aims,
what changes and who it affects (C), are searched through expression GIN indexes (migration
0011) in two configurations: 'english' (stemmed) and 'simple' for Welsh, which has no built-in
PostgreSQL configuration ('simple' lower-cases and splits words without stemming, so a Welsh
word matches itself exactly). A match in either configuration counts. References and
directorate names are matched as substrings through pg_trgm indexes, so "EIA-2025-0" finds
every reference that contains it. SQLite has no such indexes: each word must appear (case
insensitively) in the title, reference, summary or directorate.

The SQL of each vector is said once here; the migration's index expressions must stay the same
text, or PostgreSQL stops using them (tests/integration/register/test_search_plans.py checks
the plans).
"""

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from eia.models import Directorate, FullAssessment, PipelineItem


def _weighted(columns: dict[str, str]) -> str:
    parts = []
    for column, weight in columns.items():
        for config in ("english", "simple"):
            parts.append(
                f"setweight(to_tsvector('{config}'::regconfig, coalesce({column}, '')), '{weight}')"
            )
    return "(" + " || ".join(parts) + ")"


ITEM_VECTOR = _weighted({"title": "A", "summary": "B"})
BODY_VECTOR = _weighted({"aims": "C", "what_changes": "C", "who_affected": "C"})
QUERY = (
    "(websearch_to_tsquery('english'::regconfig, %s) || "
    "websearch_to_tsquery('simple'::regconfig, %s))"
)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _matches(vector: str, text: str) -> RawSQL:
    # The SQL is our own constants; the user's words are parameters.
    return RawSQL(f"{vector} @@ {QUERY}", [text, text], output_field=BooleanField())  # noqa: S611


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Assessments of `queryset` whose proposal or assessment matches the search words."""
    text = text.strip()
    if not text:
        return queryset
    if not is_postgresql():
        for word in text.split():
            queryset = queryset.filter(
                Q(pipeline_item__title__icontains=word)
                | Q(pipeline_item__reference__icontains=word)
                | Q(pipeline_item__summary__icontains=word)
                | Q(pipeline_item__directorate__name__icontains=word)
            )
        return queryset
    parts, bodies = item_matches(text), body_matches(text)
    first, *others = parts
    item_ids = list(first.union(*others)[: FOUND_AT_MOST + 1])
    body_ids = list(bodies[: FOUND_AT_MOST + 1])
    if len(item_ids) <= FOUND_AT_MOST and len(body_ids) <= FOUND_AT_MOST:
        # The matches, found first through the search indexes, then their records by primary
        # key: a rare or absent match costs the matches, not a walk of the whole register
        # testing each record against the search (37 ms at 50,000 published records).
        return queryset.filter(Q(pipeline_item_id__in=item_ids) | Q(pk__in=body_ids))
    found = Q(pk__in=bodies)
    for part in parts:
        found |= Q(pipeline_item_id__in=part)
    return queryset.filter(found)


# More matches than this and the register filters by the search's subqueries instead: walking the
# register in order then finds a page of matches quickly, and no query carries a long list.
FOUND_AT_MOST = 1000


def item_matches(text: str) -> list[QuerySet]:
    """On PostgreSQL: the ids of proposals (any organisation, any state: the caller's queryset
    keeps what is public) whose words, reference or directorate match. Each reads one table
    through its own index (a GIN index per vector, pg_trgm for substrings), so no search scans
    the proposals. They stay separate: OR-ed inside one query, PostgreSQL cannot estimate the
    match and computes every proposal's vector instead (350 ms at 10,000 proposals, against
    1 ms)."""
    directorates = Directorate.objects.filter(name__icontains=text).values("pk")
    return [
        PipelineItem.objects.filter(_matches(ITEM_VECTOR, text)).values_list("pk", flat=True),
        PipelineItem.objects.filter(reference__icontains=text).values_list("pk", flat=True),
        PipelineItem.objects.filter(directorate_id__in=directorates).values_list("pk", flat=True),
    ]


def body_matches(text: str) -> QuerySet:
    """On PostgreSQL: the ids of assessments whose full assessment's words match (its GIN index)."""
    return FullAssessment.objects.filter(_matches(BODY_VECTOR, text)).values_list(
        "assessment_id", flat=True
    )
