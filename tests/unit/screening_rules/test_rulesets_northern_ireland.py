"""Northern Ireland: Section 75 categories, good relations, and the three screening outcomes."""

from __future__ import annotations

import pytest

from screening_rules import evaluate, load_ruleset, validate_answers, visible_questions

GOOD_RELATIONS = ["religious_belief", "political_opinion", "racial_group"]


@pytest.fixture
def ni():
    return load_ruleset("northern_ireland", 1)


def answers(ni, equality=(), good_relations=(), **changes):
    """equality / good_relations: (category, level) pairs; every other row none."""
    return {
        "affected_people": "Leisure centre users and staff.",
        "impact_equality": {c.id: {"level": "none"} for c in ni.characteristics}
        | {c: {"level": level} for c, level in equality},
        "promote_equality": "no",
        "impact_good_relations": {c: {"level": "none"} for c in GOOD_RELATIONS}
        | {c: {"level": level} for c, level in good_relations},
        "promote_good_relations": "no",
    } | changes


def test_the_nine_section_75_categories_are_all_in_scope(ni):
    assert [c.id for c in ni.characteristics] == [
        "religious_belief",
        "political_opinion",
        "racial_group",
        "age",
        "marital_status",
        "sexual_orientation",
        "men_women",
        "disability",
        "dependants",
    ]
    assert set(ni.always_in_scope) == {c.id for c in ni.characteristics}
    assert ni.characteristic("men_women").phrase == "men and women generally"


def test_good_relations_grid_covers_the_good_relations_categories_only(ni):
    assert [c.id for c in ni.characteristics if c.good_relations] == GOOD_RELATIONS
    assert ni.question("impact_good_relations").characteristics == tuple(GOOD_RELATIONS)
    assert ni.question("impact_equality").characteristics == tuple(c.id for c in ni.characteristics)


def test_impact_is_none_minor_or_major_without_a_direction(ni):
    grid = ni.question("impact_equality")

    assert grid.ask_direction is False
    assert validate_answers(ni, answers(ni, equality=[("age", "major")])) == []


def test_major_impact_screens_in(ni):
    result = evaluate(ni, answers(ni, equality=[("age", "minor"), ("disability", "major")]))

    assert result.outcome == "full_assessment"
    assert ni.outcome_label(result.outcome) == "Screened in for equality impact assessment"
    assert [r.text for r in result.reasons] == [
        "Screened in because the likely impact on equality of opportunity for people with and "
        "without a disability is major."
    ]


def test_major_good_relations_impact_screens_in(ni):
    result = evaluate(ni, answers(ni, good_relations=[("racial_group", "major")]))

    assert result.outcome == "full_assessment"
    assert [r.rule_id for r in result.reasons] == ["major_good_relations_impact"]


def test_minor_impact_with_mitigation_screens_out_with_mitigation(ni):
    minor = answers(
        ni, equality=[("dependants", "minor")], good_relations=[("religious_belief", "minor")]
    )
    assert [q.id for q in visible_questions(ni, minor)][-1] == "mitigation_possible"

    result = evaluate(ni, minor | {"mitigation_possible": "yes", "mitigation": "Creche at events."})

    assert result.outcome == "screened_out_with_mitigation"
    assert ni.outcome_label(result.outcome) == "Screened out with mitigation"
    assert [r.rule_id for r in result.reasons] == [
        "minor_equality_mitigated",
        "minor_good_relations_mitigated",
    ]


def test_minor_impact_without_mitigation_screens_in(ni):
    minor = answers(ni, equality=[("marital_status", "minor")], mitigation_possible="no")

    result = evaluate(ni, minor)

    assert result.outcome == "full_assessment"
    assert [r.rule_id for r in result.reasons] == ["minor_equality_not_mitigable"]


def test_no_impact_screens_out_with_its_reason(ni):
    result = evaluate(ni, answers(ni))

    assert result.outcome == "screened_out"
    assert ni.outcome_label(result.outcome) == "Screened out"
    assert [r.rule_id for r in result.reasons] == ["no_impact"]


def test_opportunities_to_promote_equality_need_describing(ni):
    errors = validate_answers(ni, answers(ni, promote_equality="yes"))

    assert [(e.field, e.message) for e in errors] == [
        (
            "promote_equality_details",
            "Describe the opportunities to better promote equality of opportunity",
        )
    ]


def test_multiple_identities_is_optional(ni):
    assert ni.question("multiple_identities").required is False
    assert validate_answers(ni, answers(ni, multiple_identities="")) == []
