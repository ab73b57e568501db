"""Creating an assessment version: its record, its screening pinned to the organisation's
current rule set, its authors, and (for a review) the previous version's content to update
rather than retype. The process layer starts its workflow in the same transaction."""

from django.db import transaction

from eia import screening
from eia.history import Changes, row_key
from eia.models import (
    Assessment,
    FullAssessment,
    PipelineItem,
    RuralityProofing,
    Screening,
    User,
)

from . import authorship, fingerprints


def create_version(
    *, item: PipelineItem, by: User, previous: Assessment | None
) -> tuple[Assessment, Changes]:
    """The next version of `item`'s assessment, and the content it starts with (for the start
    event, so the version's content can be rebuilt from its own trail). The caller holds the
    item's row lock and has checked that no version is live."""
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
    changes = Changes()
    ruleset = screening.current_ruleset(item.organisation)
    record = Screening(
        assessment=assessment,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        characteristics=screening.scope(item.organisation, ruleset),
        # A review starts from the answers it reviews; hidden or retired questions are
        # ignored by the rules, and the author confirms every answer before submitting.
        answers=dict(previous.screening.answers) if previous is not None else {},
    )
    changes.before(record)
    record.save()
    changes.after(record)
    if previous is not None:
        copy_content(source=previous, target=assessment, changes=changes)
        fingerprints.refresh(assessment)
    authorship.grant_authorship(assessment, author)
    authorship.sync_decision_maker(item)
    return assessment, changes


def _copy(row, target: Assessment, changes: Changes, **overrides):
    """Save a copy of `row` for the review version; returns the copy."""
    old_key = row_key(row)
    row.pk = None
    row.id = None
    row.assessment = target
    for name, value in overrides.items():
        setattr(row, name, value)
    row._state.adding = True
    changes.before(row)
    row.save()
    return row, old_key


def copy_content(*, source: Assessment, target: Assessment, changes: Changes) -> None:
    """Give a review version everything its predecessor recorded, to update rather than retype.
    Runs inside start_review's transaction; every copied row is recorded in `changes`."""
    assert transaction.get_connection().in_atomic_block
    full = FullAssessment.objects.filter(assessment=source).first()
    if full is not None:
        related = list(full.related_items.all())
        # The author confirms each section again: nothing starts as completed.
        full, old = _copy(full, target, changes, completed_sections=[])
        full.related_items.set(related)
        changes.after(full, copied_from=old)
    evidence_map = {}
    for item in source.evidence.all():
        old_pk = item.pk
        item, old = _copy(item, target, changes)
        changes.after(item, copied_from=old)
        evidence_map[old_pk] = item
    impact_map = {}
    for impact in source.impacts.prefetch_related("evidence"):
        cited = [evidence_map[e.pk] for e in impact.evidence.all() if e.pk in evidence_map]
        old_pk = impact.pk
        impact, old = _copy(impact, target, changes)
        impact.evidence.set(cited)
        changes.after(impact, copied_from=old)
        impact_map[old_pk] = impact
    for action in source.actions.prefetch_related("impacts"):
        linked = [impact_map[i.pk] for i in action.impacts.all() if i.pk in impact_map]
        gap = getattr(action, "evidence_gap", None)
        action, old = _copy(action, target, changes)
        action.impacts.set(linked)
        changes.after(action, copied_from=old)
        if gap is not None:
            gap, old = _copy(gap, target, changes, action=action)
            changes.after(gap, copied_from=old)
    for engagement in source.engagement.all():
        engagement, old = _copy(engagement, target, changes)
        changes.after(engagement, copied_from=old)
    proofing = RuralityProofing.objects.filter(assessment=source).first()
    if proofing is not None:
        proofing, old = _copy(proofing, target, changes)
        changes.after(proofing, copied_from=old)
    for row in source.rural_impacts.all():
        row, old = _copy(row, target, changes)
        changes.after(row, copied_from=old)
    for answers in source.duty_answers.all():
        # Still pinned to the module file they were given against; a "not required"
        # declaration is authorised again for the new version.
        answers, old = _copy(
            answers,
            target,
            changes,
            authorised_by=None,
            authorised_by_name="",
            authorised_at=None,
        )
        changes.after(answers, copied_from=old)
