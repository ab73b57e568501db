"""Reads for one assessment's pages: the assessment itself (or nothing, for another
organisation's), its co-authors, its versions, and everything its full assessment records."""

from eia import consultation, duty_modules, screening
from eia.models import Assessment, FullAssessment, User
from eia.quality import full_of
from eia.services import authorship


def assessment_for(*, user, pk: int) -> Assessment | None:
    return (
        Assessment.objects.visible_to(user)
        .select_related(
            "pipeline_item__directorate",
            "pipeline_item__decision_maker",
            "author",
            "organisation",
            "process",
            "signed_off_by",
        )
        .filter(pk=pk)
        .first()
    )


def co_authors(assessment: Assessment):
    """Everyone who may edit this version but its author."""
    return User.objects.filter(pk__in=authorship.author_ids(assessment)).exclude(
        pk=assessment.author_id
    )


def history(assessment: Assessment):
    """Every version of the same pipeline item, newest first."""
    return Assessment.objects.filter(pipeline_item_id=assessment.pipeline_item_id).order_by(
        "-version"
    )


def whole_assessment(assessment: Assessment) -> dict:
    """Everything the full assessment records, for read-only pages (review, sign-off)."""
    groups = {c.id: c for c in screening.characteristics_in_scope(assessment.screening)}
    duty = screening.duty_of(assessment.screening)
    impacts = list(assessment.impacts.prefetch_related("evidence", "actions"))
    for impact in impacts:
        group = groups.get(impact.characteristic)
        impact.group_name = group.name if group else impact.characteristic
        impact.group_phrase = group.phrase if group else impact.characteristic
        impact.aim_texts = [
            (aim.heading, getattr(impact, aim.field))
            for aim in duty.aims
            if getattr(impact, aim.field)
        ]
    full = full_of(assessment)
    return {
        "full": full,
        "full_saved": full.pk is not None and isinstance(full, FullAssessment),
        "evidence_items": list(assessment.evidence.all()),
        "gaps": list(assessment.evidence_gaps.select_related("action__owner")),
        "engagements": list(assessment.engagement.all()),
        "consultation": consultation.of(full, duty),
        "impacts": impacts,
        "adverse": [i for i in impacts if i.direction == "negative"],
        "action_items": list(
            assessment.actions.select_related("owner").prefetch_related("impacts")
        ),
        "rural_rows": list(assessment.rural_impacts.all()),
        "proofing": getattr(assessment, "rurality", None),
        "related": list(full.related_items.all()) if full.pk else [],
        # Every answer of each duty module, internal ones too (eia.duty_modules).
        "duty_sections": duty_modules.readable(assessment, public_only=False),
    }
