"""A public record as a list shows it: the register's pages list twenty records a page, each by
its title, organisation, reference, directorate, publication date, screening decision and
adverse impacts. These are a handful of `eia.redaction.PublicRecord`'s fields, made by the same
functions from the same rows (the title and directorate as the decision-maker saw them), so a
list can show nothing a record's own page does not.

A list loads only those rows: three tables joined and two fetched a page at a time, instead of
everything the record's page reads (its evidence, engagement, actions, duty modules...), which
was most of the time of a register page.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from . import facts
from .models import Assessment, Direction, Impact, Size
from .redaction import (
    SCREENED_OUT_OUTCOMES,
    Outcome,
    characteristic_name,
    choice_label,
    in_ruleset_order,
    outcome_label,
    related_or_none,
    require_public,
    ruleset_of,
)

ADVERSE = "listed_adverse_impacts"


@dataclass(frozen=True)
class ListedImpact:
    characteristic_name: str
    size_label: str


@dataclass(frozen=True)
class PublicListing(Outcome):
    organisation: str
    organisation_slug: str
    title: str
    reference: str
    directorate: str
    version: int
    state: str
    published_at: datetime
    screening_outcome: str
    screening_outcome_label: str
    adverse_impacts: tuple[ListedImpact, ...]


def with_listing_content(queryset: QuerySet) -> QuerySet:
    """Load what public_listing reads: four queries a page, however many rows."""
    return queryset.select_related(
        "organisation", "pipeline_item", "pipeline_item__directorate", "screening"
    ).prefetch_related(
        "sign_off_record",
        Prefetch(
            "impacts", queryset=Impact.objects.filter(direction=Direction.NEGATIVE), to_attr=ADVERSE
        ),
    )


def public_listing(assessment: Assessment) -> PublicListing:
    """One published assessment's line in a list; NotFound (a 404) unless it is published."""
    require_public(assessment)
    ruleset = ruleset_of(related_or_none(assessment, "screening"))
    shown = facts.decided_facts(assessment)
    outcome = assessment.screening_outcome
    adverse = getattr(assessment, ADVERSE, None)
    if adverse is None:  # not loaded by with_listing_content
        adverse = assessment.impacts.filter(direction=Direction.NEGATIVE)
    return PublicListing(
        organisation=assessment.organisation.name,
        organisation_slug=assessment.organisation.slug,
        title=shown["title"],
        reference=assessment.pipeline_item.reference,
        directorate=shown["directorate"],
        version=assessment.version,
        state=assessment.state,
        published_at=assessment.published_at,
        screening_outcome=outcome,
        screening_outcome_label=outcome_label(outcome, ruleset),
        adverse_impacts=tuple(
            ListedImpact(
                characteristic_name=characteristic_name(impact.characteristic, ruleset),
                size_label=choice_label(Size, impact.size),
            )
            for impact in in_ruleset_order(adverse, ruleset)
        )
        if outcome not in SCREENED_OUT_OUTCOMES
        else (),
    )
