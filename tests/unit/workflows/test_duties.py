"""Separation of duties as data: every stage whose holder is not the author performs a duty,
and every duty but writing is shown on the trail by a registered event."""

from eia.events import GROUP_OF
from eia.models import Duty
from workflows.duties import DUTY_OF_STATE, EVENTS_OF_DUTY, Conflict
from workflows.stages import TASK_STAGES, Holder


def test_every_stage_not_held_by_the_author_performs_a_duty():
    held_by_others = {stage.state for stage in TASK_STAGES if stage.holder is not Holder.AUTHOR}
    assert set(DUTY_OF_STATE) == held_by_others


def test_every_duty_after_writing_is_shown_by_registered_events():
    assert set(EVENTS_OF_DUTY) == set(Duty) - {Duty.AUTHOR}
    for events in EVENTS_OF_DUTY.values():
        assert events and all(event in GROUP_OF for event in events)


def test_a_refusal_names_both_duties_in_the_order_of_the_work():
    conflict = Conflict(duty=Duty.REVIEW, held=Duty.SIGN_OFF, allowed_by=None)
    assert conflict.words() == "approve it for sign-off and sign it off"
    assert "allows no exception" in conflict.refusal()
