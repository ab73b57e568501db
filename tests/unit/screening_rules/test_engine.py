"""Validating answers, and which questions and grid rows are shown."""

from __future__ import annotations

import pytest

from screening_rules import (
    AnswersInvalid,
    evaluate,
    validate_answers,
    visible_questions,
    visible_rows,
)

PROTECTED_SHOWN = [
    "age",
    "disability",
    "gender_reassignment",
    "pregnancy_maternity",
    "race",
    "religion_belief",
    "sex",
    "sexual_orientation",
]


def complete(**changes):
    answers = {
        "access": "no",
        "staff": "no",
        "budget": "no",
        "other_policy": "no",
        "public_concern": "no",
        "impact": {c: {"level": "none"} for c in PROTECTED_SHOWN},
    }
    return answers | changes


def errors_by_field(ruleset, answers, characteristics=()):
    return {e.field: e.message for e in validate_answers(ruleset, answers, characteristics)}


def test_missing_answers_are_errors_in_page_order_not_a_screened_out(england):
    errors = validate_answers(england, {})

    assert [(e.field, e.message) for e in errors[:6]] == [
        ("access", "Select whether the proposal changes access to a service"),
        ("staff", "Select whether the proposal affects staff"),
        (
            "budget",
            "Select whether there is a change in budget or resources that could affect people",
        ),
        ("other_policy", "Select whether the proposal affects another policy that affects people"),
        ("public_concern", "Select whether there are public concerns about the proposal"),
        ("impact.age.level", "Select the likely impact on people of different ages"),
    ]
    assert len(errors) == 5 + len(PROTECTED_SHOWN)
    with pytest.raises(AnswersInvalid) as raised:
        evaluate(england, {})
    assert raised.value.errors == errors


def test_errors_unpack_as_question_id_and_message(england):
    errors = validate_answers(england, complete(access="maybe"))

    assert [tuple(e) for e in errors] == [
        ("access", "Select whether the proposal changes access to a service")
    ]
    ((question_id, message),) = errors
    assert question_id == "access"


def test_complete_answers_have_no_errors(england):
    assert validate_answers(england, complete()) == []


def test_unknown_question_and_unknown_option_are_rejected(england):
    errors = errors_by_field(
        england, complete(public_concern="maybe", colour="blue", covenant_functions=["x"])
    )

    assert errors == {
        "public_concern": "Select whether there are public concerns about the proposal",
        "colour": "There is no question 'colour' in england v1",
    }  # covenant_functions is hidden (Armed Forces not switched on), so it is ignored


def test_multiple_choice_options_and_the_exclusive_none(england):
    on = ["armed_forces"]

    def functions(ticked):
        answers = complete(covenant_functions=ticked)
        answers["impact"]["armed_forces"] = {"level": "none"}
        return errors_by_field(england, answers, on)

    assert functions(["housing", "none"]) == {
        "covenant_functions": 'Select "None of these" on its own, or select the options that apply'
    }
    missing = {
        "covenant_functions": "Select the functions the proposal concerns, or select none of these"
    }
    assert functions(["submarines"]) == missing
    assert functions([]) == missing
    assert functions("housing") == missing  # a string, not a list
    assert functions(["housing", "housing"]) == {}


def test_text_is_limited_in_length_and_must_not_be_blank(england):
    answers = complete(access="yes", impact={c: {"level": "none"} for c in PROTECTED_SHOWN})

    assert errors_by_field(england, answers | {"no_impact_explanation": "x" * 2000}) == {}
    assert errors_by_field(england, answers | {"no_impact_explanation": "x" * 2001}) == {
        "no_impact_explanation": "Your answer must be 2,000 characters or less"
    }
    assert errors_by_field(england, answers | {"no_impact_explanation": "   "}) == {
        "no_impact_explanation": "Explain why the proposal will not affect any group differently"
    }
    assert errors_by_field(england, answers | {"no_impact_explanation": "a\x00b"}) == {
        "no_impact_explanation": "Your answer contains a character that cannot be saved; remove it"
    }


def test_direction_is_asked_only_when_the_level_is_not_none(england):
    impact = {c: {"level": "none", "direction": "bogus"} for c in PROTECTED_SHOWN}
    impact["disability"] = {"level": "major"}
    impact["sex"] = {"level": "extreme"}

    assert errors_by_field(england, complete(impact=impact)) == {
        "impact.disability.direction": (
            "Select whether the impact on disabled people is positive or negative"
        ),
        "impact.sex.level": "Select the likely impact on women and men",
    }


def test_grid_rows_out_of_scope_are_ignored_and_unknown_rows_rejected(england):
    impact = {c: {"level": "none"} for c in PROTECTED_SHOWN}
    # carers is a local characteristic not switched on: ignored. "wizards" is no row at all.
    impact |= {"carers": {"level": "major", "direction": "negative"}, "wizards": {"level": "none"}}

    assert errors_by_field(england, complete(impact=impact)) == {
        "impact.wizards": "'wizards' is not a group this question asks about"
    }
    del impact["wizards"]
    assert evaluate(england, complete(impact=impact)).outcome == "screened_out"
    # Switched on, the carers row counts.
    assert evaluate(england, complete(impact=impact), ["carers"]).outcome == "full_assessment"


def test_switched_on_local_characteristics_must_be_answered(england):
    assert errors_by_field(england, complete(), ["carers", "not_a_characteristic"]) == {
        "impact.carers.level": "Select the likely impact on unpaid carers"
    }


def test_marriage_and_civil_partnership_row_only_when_staff_are_affected(england):
    rows = [c.id for c in visible_rows(england, "impact", complete())]
    assert rows == PROTECTED_SHOWN

    staff = complete(staff="yes", no_impact_explanation="Only the rota software changes.")
    assert [c.id for c in visible_rows(england, "impact", staff)] == [
        "age",
        "disability",
        "gender_reassignment",
        "marriage_civil_partnership",
        *PROTECTED_SHOWN[3:],
    ]
    assert errors_by_field(england, staff) == {
        "impact.marriage_civil_partnership.level": (
            "Select the likely impact on people who are married or in a civil partnership"
        )
    }


def test_visible_questions_follow_the_answers_and_characteristics(england):
    def shown(answers, characteristics=()):
        return [q.id for q in visible_questions(england, answers, characteristics)]

    relevance = ["access", "staff", "budget", "other_policy", "public_concern"]
    assert shown({}) == [*relevance, "impact"]
    assert shown({}, ["rurality", "armed_forces"]) == [
        *relevance,
        "rural_difference",
        "covenant_functions",
        "impact",
    ]
    assert shown(complete(access="yes")) == [*relevance, "impact", "no_impact_explanation"]
    minor = complete(impact={"age": {"level": "minor", "direction": "negative"}})
    assert shown(minor) == [*relevance, "impact", "mitigation_possible"]
    assert shown(minor | {"mitigation_possible": "yes"})[-2:] == [
        "mitigation_possible",
        "mitigation",
    ]


def test_a_hidden_required_question_is_not_required(england):
    minor = complete(impact={c: {"level": "none"} for c in PROTECTED_SHOWN})
    minor["impact"]["age"] = {"level": "minor", "direction": "negative"}

    assert errors_by_field(england, minor) == {
        "mitigation_possible": "Select whether the negative impacts can be removed or reduced"
    }
    assert errors_by_field(england, minor | {"mitigation_possible": "no"}) == {}
    assert errors_by_field(england, minor | {"mitigation_possible": "yes"}) == {
        "mitigation": "Describe the action that will remove or reduce the negative impacts"
    }
