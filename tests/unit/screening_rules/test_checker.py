"""Semantic problems in a rule set that loads (references, rules that can never fire, flags,
placeholders): the file, the line, and what is wrong."""

from __future__ import annotations

from screening_rules import check, load_ruleset
from tests.unit.screening_rules.rule_files import line_of, only_problem, replace, write


def test_unknown_question_in_a_multi_line_condition(root):
    text = replace('{answer = "access", equals = "no"},', '{answer = "acess", equals = "no"},')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '"acess"')
    assert problem.message == "rule 'nothing' can never fire: refers to unknown question 'acess'"


def test_unknown_characteristic(root):
    text = replace(
        'when = {characteristic_enabled = "rurality"}',
        'when = {impact = {characteristic = "rurallity", level = ["major"]}}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '"rurallity"')
    assert problem.message == (
        "rule 'rural' can never fire: unknown characteristic 'rurallity' (not in this rule set's "
        "catalogues for its jurisdiction)"
    )


def test_characteristic_of_another_jurisdiction_is_unknown(root):
    # welsh_language is in the local catalogue but only for Wales.
    text = replace('"rurality"}', '"welsh_language"}')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '"welsh_language"')
    assert "can never fire: characteristic_enabled names unknown characteristic" in problem.message


def test_value_that_is_not_an_option_never_fires(root):
    text = replace('{answer = "access", equals = "no"},', '{answer = "access", equals = "maybe"},')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '"maybe"')
    assert problem.message == (
        "rule 'nothing' can never fire: 'maybe' is not an option of question 'access' "
        "(options: yes, no)"
    )
    # A semantic problem: the file still loads, so released rule sets stay usable.
    assert load_ruleset("broken", root=root).ref == "broken@1"


def test_bad_reference_under_not_is_reported_without_never_fire(root):
    text = replace(
        '{not = {any_impact = {level = ["minor", "major"]}}},',
        '{not = {answer = "acess", equals = "yes"}},',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '"acess"')
    assert problem.message == "rule 'nothing': refers to unknown question 'acess'"


def test_show_if_must_refer_to_an_earlier_question(root):
    text = replace(
        'show_if = {answer = "access", equals = "yes"}',
        'show_if = {answer = "mitigation", answered = true}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'show_if = {answer = "mitigation"')
    assert problem.message == (
        "question 'mitigation' is never shown: refers to question 'mitigation', which is not "
        "before it; a question can only depend on questions earlier in the file"
    )


def test_direction_on_a_grid_that_does_not_ask_for_one(root):
    text = replace(
        'label = "What is the likely impact on each group?"',
        'label = "What is the likely impact on each group?"\nask_direction = false',
    ).replace(
        'for_each_impact = {level = ["major"]}',
        'for_each_impact = {level = ["major"], direction = "negative"}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'direction = "negative"')
    assert problem.message == (
        "rule 'major' can never fire: impact grid 'impact' does not ask for a direction, so "
        "`direction` never matches"
    )


def test_flags_must_be_declared_and_used(root):
    text = replace('flag = "rural"', 'flag = "rurality_proofing"')
    write(root, text)

    problems = check(root)

    assert [(p.line, p.message) for p in problems] == [
        (
            line_of(text, 'flag = "rurality_proofing"'),
            "rule 'rural' sets undeclared flag 'rurality_proofing'; declare it under [[flags]]",
        ),
        (line_of(text, "[[flags]]"), "flag 'rural' is set by no rule"),
    ]


def test_placeholders_only_in_per_characteristic_rules(root):
    text = replace(
        'reason = "Screened out: nothing relevant."', 'reason = "Screened out for {phrase}."'
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "Screened out for {phrase}")
    assert problem.message == (
        "rule 'nothing': reason uses {phrase}; this rule can use none (it has no for_each_impact)"
    )
