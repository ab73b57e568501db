"""The stage table is the one place a stage is described; everything else is derived from it."""

import datetime

from django.urls import reverse

from eia.models import AUTHOR_STATES, Assessment, State
from workflows.flows import AssessmentFlow
from workflows.stages import STAGE_BY_STATE, STAGES, TASK_STAGES, Holder
from workflows.templatetags.stages import state_tag


def test_every_state_has_exactly_one_row_in_state_order():
    assert [stage.state for stage in STAGES] == list(State)


def test_the_flow_has_one_human_node_per_task_stage_named_after_its_state():
    flow = AssessmentFlow.instance
    human = {node.name for node in flow.nodes() if node.task_type == "HUMAN"}
    assert human == {stage.state.value for stage in TASK_STAGES}
    for stage in TASK_STAGES:
        node = flow.node(stage.state.value)
        assert node.task_title == stage.task_title
        assigned = node._owner is not None
        assert assigned == (stage.holder is not Holder.OFFICERS), stage


def test_the_router_sends_each_state_to_its_own_node_and_published_to_the_end():
    flow = AssessmentFlow.instance
    routed = {edge.dst.name for edge in flow.node("route")._outgoing()}
    assert routed == {stage.state.value for stage in TASK_STAGES} | {"end"}


def test_stages_without_a_task_are_exactly_the_finished_states():
    finished = {State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED}
    assert {stage.state for stage in STAGES if not stage.has_task} == finished


def test_task_stages_name_their_holder_permission_page_title_due_rule_and_action():
    for stage in TASK_STAGES:
        assert stage.permission is not None, stage
        assert stage.task_title and stage.action and stage.due is not None, stage
        assert reverse(stage.page, args=[1]).startswith("/assessments/1/"), stage


def test_the_author_holds_exactly_the_states_in_which_authors_edit():
    authored = {stage.state for stage in TASK_STAGES if stage.holder is Holder.AUTHOR}
    assert authored == set(AUTHOR_STATES)


def test_every_transition_leaves_a_stage_and_lands_on_one():
    field = Assessment._meta.get_field("state")
    for transition in field.get_all_transitions(Assessment):
        assert transition.source in STAGE_BY_STATE, transition.name


def test_state_tags_take_label_and_colour_from_the_table():
    for stage in STAGES:
        assessment = Assessment(state=stage.state)
        html = state_tag(assessment)
        assert f"govuk-tag--{stage.colour}" in html and stage.label in html


def test_due_dates_follow_the_stage_rule():
    decision = datetime.date(2027, 3, 31)  # Wednesday
    created = datetime.date(2027, 3, 1)
    sign_off = STAGE_BY_STATE[State.AWAITING_SIGN_OFF]
    # The agenda deadline: five clear working days (the default) before, Easter skipped.
    assert sign_off.due_date(created=created, decision_date=decision, nation="england") == (
        datetime.date(2027, 3, 19)
    )
    assert sign_off.due_date(
        created=created, decision_date=decision, nation="scotland", agenda_days=2
    ) == datetime.date(2027, 3, 25)
    review = STAGE_BY_STATE[State.SCREENING_REVIEW]
    assert review.due_date(created=created, decision_date=decision, nation="england") == (
        datetime.date(2027, 3, 8)
    )
