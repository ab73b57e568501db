"""Starting an assessment from the pipeline, and reopening a published one as its next version
(Brown: the duty is continuing)."""

from django.db import transaction

from eia import audit
from eia.errors import Conflict, NotAllowed, NotFound
from eia.events import EventType
from eia.models import Assessment, PipelineItem, State
from eia.services.versions import create_version

from .. import notifications, rules
from ..flows import AssessmentFlow
from .moves import check_consistent, locked_process


def start_assessment(*, pipeline_item_id: int, by, previous: Assessment | None = None):
    """Start version 1 (or the next version) of the assessment of a pipeline item."""
    with transaction.atomic():
        item = (
            PipelineItem.objects.visible_to(by)
            .select_for_update(of=("self",))
            .filter(pk=pipeline_item_id)
            .first()
        )
        if item is None:
            raise NotFound("No such pipeline item.")
        if previous is None and not rules.can_start(by, item):
            raise NotAllowed(
                "Only the proposal's owner or the equality lead can start its assessment."
            )
        if item.assessments.live().exists():
            raise Conflict("This proposal already has an assessment in progress.")
        if previous is None and item.assessments.filter(state=State.PUBLISHED).exists():
            raise Conflict(
                "This proposal's assessment is published. To assess it again, start a review "
                "from the published version's page: the new version starts from its content."
            )
        assessment, content = create_version(item=item, by=by, previous=previous)
        AssessmentFlow.start.run(assessment=assessment)
        task = check_consistent(assessment)
        audit.record(
            EventType.ASSESSMENT_STARTED,
            assessment=assessment,
            by=by,
            to_state=assessment.state,
            details={
                "version": assessment.version,
                "pipeline_item": item.reference,
                "rows": content.rows,  # the content it starts with (eia.history)
            }
            | ({"reviews_version": previous.version} if previous is not None else {}),
        )
        if task is not None and task.owner_id != by.pk:
            notifications.task_created(assessment, task)
        return assessment


def start_review(*, assessment_id: int, seen: int, by):
    """Reopen a published assessment as its next version."""
    with locked_process(assessment_id, by=by) as published:
        audit.require_fresh(published, seen=seen)
        if not rules.can_start_review(by, published):
            raise NotAllowed("Only an equality officer or the proposal's owner can start a review.")
        if published.review_under_way is not None:
            raise Conflict("A review of this version has already been started.")
        audit.record(
            EventType.REVIEW_STARTED,
            assessment=published,
            by=by,
            from_state=published.state,
            to_state=published.state,
            details={"next_version": published.version + 1},
        )
        return start_assessment(
            pipeline_item_id=published.pipeline_item_id, by=by, previous=published
        )
