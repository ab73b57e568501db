"""Finding the line of a problem in the text of a file."""

from __future__ import annotations

from tests.unit.screening_rules.rule_files import line_of, only_problem, replace, write


def test_comments_never_confuse_the_line_search(root):
    text = replace(
        'show_if = {answer = "access", equals = "yes"}',
        "# anser is not a condition kind, says this comment\n"
        'show_if = {anser = "access", equals = "yes"}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "show_if = {anser")
