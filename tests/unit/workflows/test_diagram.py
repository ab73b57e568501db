from eia.models import State
from workflows import diagram


def test_every_transition_has_a_plain_english_label():
    assert diagram.moves()
    for move in diagram.moves():
        assert move.label and move.label[0].islower(), move


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


def test_rurality_proofing_is_in_the_full_assessment_and_its_stage_is_the_short_path():
    edges = {(m.source, m.target): m for m in diagram.moves()}
    # Screened in: one submission, straight to the officer.
    assert (State.FULL_ASSESSMENT, State.RURALITY_PROOFING) not in edges
    assert edges[State.FULL_ASSESSMENT, State.OFFICER_REVIEW].name == "submit_full_assessment"
    # Screened out: the short path through its own stage, then sign-off.
    assert (State.SCREENING_REVIEW, State.RURALITY_PROOFING) in edges
    short = edges[State.RURALITY_PROOFING, State.AWAITING_SIGN_OFF]
    assert short.label == "the author submits a screened-out proposal's rurality proofing"
    # A record the two-step path left at rurality proofing still reaches the officer.
    legacy = edges[State.RURALITY_PROOFING, State.OFFICER_REVIEW]
    assert "before it became part of the full assessment" in legacy.label
