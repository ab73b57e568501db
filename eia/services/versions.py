"""Creating an assessment version: its record, its screening pinned to the organisation's
current rule set, its authors, and (for a review) the previous version's content to update
rather than retype. The process layer starts its workflow in the same transaction."""

from django.db import transaction

from eia import screening
from eia.models import Assessment, EvidenceGap, FullAssessment, PipelineItem, Screening, User

from . import authorship, fingerprints


def create_version(*, item: PipelineItem, by: User, previous: Assessment | None) -> Assessment:
    """The next version of `item`'s assessment. The caller holds the item's row lock and has
    checked that no version is live."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a version is created inside the transaction that starts it")
    last_version = item.assessments.order_by("-version").values_list("version", flat=True)
    author = previous.author if previous is not None and previous.author.is_active else by
    assessment = Assessment.objects.create(
        organisation_id=item.organisation_id,
        pipeline_item=item,
        version=(last_version.first() or 0) + 1,
        previous=previous,
        author=author,
    )
    ruleset = screening.current_ruleset(item.organisation)
    Screening.objects.create(
        assessment=assessment,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        characteristics=screening.scope(item.organisation, ruleset),
        # A review starts from the answers it reviews; hidden or retired questions are
        # ignored by the rules, and the author confirms every answer before submitting.
        answers=dict(previous.screening.answers) if previous is not None else {},
    )
    if previous is not None:
        copy_content(source=previous, target=assessment)
        fingerprints.refresh(assessment)
    authorship.grant_authorship(assessment, author)
    authorship.sync_decision_maker(item)
    return assessment


def copy_content(*, source: Assessment, target: Assessment) -> None:
    """Give a review version everything its predecessor recorded, to update rather than retype.
    Runs inside start_review's transaction."""
    assert transaction.get_connection().in_atomic_block
    try:
        full = source.full
    except FullAssessment.DoesNotExist:
        full = None
    if full is not None:
        related = list(full.related_items.all())
        full.pk = None
        full.id = None
        full.assessment = target
        full.completed_sections = []  # the author confirms each section again
        full._state.adding = True
        full.save()
        full.related_items.set(related)
    evidence_map = {}
    for item in source.evidence.all():
        old_pk = item.pk
        item.pk = None
        item.assessment = target
        item._state.adding = True
        item.save()
        evidence_map[old_pk] = item
    impact_map = {}
    for impact in source.impacts.prefetch_related("evidence"):
        cited = [evidence_map[e.pk] for e in impact.evidence.all() if e.pk in evidence_map]
        old_pk = impact.pk
        impact.pk = None
        impact.assessment = target
        impact._state.adding = True
        impact.save()
        impact.evidence.set(cited)
        impact_map[old_pk] = impact
    for action in source.actions.prefetch_related("impacts"):
        linked = [impact_map[i.pk] for i in action.impacts.all() if i.pk in impact_map]
        gap = getattr(action, "evidence_gap", None)
        action.pk = None
        action.assessment = target
        action._state.adding = True
        action.save()
        action.impacts.set(linked)
        if gap is not None:
            EvidenceGap.objects.create(
                assessment=target, description=gap.description, action=action
            )
    for engagement in source.engagement.all():
        engagement.pk = None
        engagement.assessment = target
        engagement._state.adding = True
        engagement.save()
    proofing = getattr(source, "rurality", None)
    if proofing is not None:
        proofing.pk = None
        proofing.assessment = target
        proofing._state.adding = True
        proofing.save()
    for row in source.rural_impacts.all():
        row.pk = None
        row.assessment = target
        row._state.adding = True
        row.save()
