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
