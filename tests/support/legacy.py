"""Records made before a change of the process, which the services can no longer make.

A screened-in assessment whose screening asked for rurality proofing used to be submitted twice:
the full assessment (FULL_ASSESSMENT -> RURALITY_PROOFING), then the rurality proofing
(RURALITY_PROOFING -> OFFICER_REVIEW). Now rurality proofing is a section of the full assessment
and one submission goes straight to the officer; records already at the rurality proofing stage
must still be able to finish (Assessment.submit_rurality_proofing keeps that move). This writes
the old first move as it was: the state, the viewflow task of the new stage (the flow's `route`
follows the state), and the trail's event, in one transaction under both locks.
"""

from viewflow.workflow.status import STATUS

from eia import audit
from eia.events import EventType
from eia.models import Assessment, State
from tests.support.sections import complete_full
from workflows import services
from workflows.services.moves import check_consistent, locked_process


def at_legacy_rurality_proofing(people, assessment) -> Assessment:
    """From full_assessment (screened in, rurality proofing required): the full assessment's
    sections completed and submitted by the old two-step path, so it waits at rurality
    proofing with the author."""
    assert assessment.screened_in and assessment.rurality_proofing_required
    by = people["pm"]
    complete_full(assessment, by=by)
    with locked_process(assessment.pk, by=by) as locked:
        assert locked.state == State.FULL_ASSESSMENT
        task = services.active_task(locked)
        Assessment.objects.filter(pk=locked.pk).update(state=State.RURALITY_PROOFING)
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(by)
        activation.start(None)
        activation.execute()
        moved = Assessment.objects.get(pk=locked.pk)
        check_consistent(moved)
        audit.record(
            EventType.FULL_ASSESSMENT_SUBMITTED,
            assessment=moved,
            by=by,
            from_state=State.FULL_ASSESSMENT,
            to_state=State.RURALITY_PROOFING,
        )
    return Assessment.objects.get(pk=assessment.pk)
