"""Reading questions: their shape for the form, duplicate ids and options."""

from __future__ import annotations

from tests.unit.screening_rules.rule_files import VALID, line_of, only_problem, replace, write


def test_duplicate_question_id(root):
    text = replace('[[questions]]\nid = "mitigation"', '[[questions]]\nid = "access"').replace(
        'show_if = {answer = "access", equals = "yes"}\n', ""
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'id = "access"', occurrence=2)
    assert problem.message == "duplicate question id 'access'"


def test_option_values_must_be_unique(root):
    text = (
        VALID
        + """
[[questions]]
id = "functions"
kind = "multiple_choice"
label = "Which functions?"
options = [
  {value = "housing", label = "Housing"},
  {value = "housing", label = "Education"},
]
"""
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, '{value = "housing", label = "Education"}')
    assert problem.message == "question 'functions': duplicate option 'housing'"


def test_question_shape_for_the_form_generator(england):
    question = england.question("public_concern")

    assert (question.kind, question.required, question.max_length, question.show_if) == (
        "single_choice",
        True,
        None,
        None,
    )
    assert [(o.value, o.label) for o in question.options] == [
        ("raised", "Yes, concerns have been raised"),
        ("likely", "Yes, concerns are likely"),
        ("no", "No"),
    ]
    assert [(o.value, o.label) for o in england.question("access").options] == [
        ("yes", "Yes"),
        ("no", "No"),
    ]
    assert england.question("mitigation").max_length == 2000
    assert england.question("covenant_functions").option("none").exclusive is True
    grid = england.question("impact")
    assert grid.kind == "impact_grid"
    assert grid.ask_direction
    assert grid.characteristics[:2] == ("age", "disability")
    assert "welsh_language" not in grid.characteristics  # a Wales-only characteristic
