import datetime

from eia.calendar import add_working_days, is_working_day, working_days_between
from eia.models import State
from workflows import diagram
from workflows.flows import AssessmentFlow
from workflows.stages import STAGE_BY_STATE, STAGES, Holder


def test_every_transition_has_a_plain_english_label():
    names = {move.name for move in diagram.moves()}
    assert names == set(diagram.MOVE_LABELS)


def test_svg_has_every_state_highlights_the_current_one_and_has_a_title():
    svg = diagram.render_svg("officer_review")
    for state in State:
        assert state.label in svg
    assert svg.count("app-diagram__stage--current") == 1
    assert "Equality officer review (now)" in svg
    assert 'role="img"' in svg and "Current stage: Equality officer review" in svg
    returns = [
        m for m in diagram.moves() if list(State).index(m.target) < list(State).index(m.source)
    ]
    assert svg.count("app-diagram__edge--return") == len(returns) == 4


def test_text_equivalent_lists_every_move_once():
    described = diagram.describe("screening")
    assert sum(len(stage.moves) for stage in described) == len(diagram.moves())
    assert [stage.state for stage in described if stage.current] == [State.SCREENING]
    published = next(stage for stage in described if stage.state == State.PUBLISHED)
    assert [m.target for m in published.moves] == [State.SUPERSEDED]


def test_flow_has_one_human_node_per_stage_and_stages_cover_unfinished_states():
    flow = AssessmentFlow.instance
    human = {node.name for node in flow.nodes() if node.task_type == "HUMAN"}
    assert human == {stage.node for stage in STAGES}
    unfinished = {s for s in State if s not in (State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED)}
    assert set(STAGE_BY_STATE) == unfinished
    for stage in STAGES:
        node = flow.node(stage.node)
        assigned = node._owner is not None
        assert assigned == (stage.holder is not Holder.OFFICERS), stage


def test_working_days_skip_weekends_and_bank_holidays():
    christmas_eve = datetime.date(2026, 12, 24)  # a Thursday
    assert add_working_days(christmas_eve, 1) == datetime.date(2026, 12, 29)  # 25th, 28th off
    assert not is_working_day(datetime.date(2026, 8, 31))  # England summer bank holiday
    assert is_working_day(datetime.date(2026, 8, 3), "england")
    assert not is_working_day(datetime.date(2026, 8, 3), "scotland")  # Scottish summer holiday
    assert working_days_between(datetime.date(2026, 12, 24), datetime.date(2026, 12, 29)) == 1
    assert add_working_days(datetime.date(2026, 12, 29), -1) == christmas_eve


def test_due_dates_follow_the_stage_rule():
    decision = datetime.date(2027, 3, 31)  # Wednesday
    created = datetime.date(2027, 3, 1)
    sign_off = STAGE_BY_STATE[State.AWAITING_SIGN_OFF]
    assert sign_off.due_date(created=created, decision_date=decision, nation="england") == (
        datetime.date(2027, 3, 30)
    )
    review = STAGE_BY_STATE[State.SCREENING_REVIEW]
    assert review.due_date(created=created, decision_date=decision, nation="england") == (
        datetime.date(2027, 3, 8)
    )
