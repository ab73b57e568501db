"""The keys and types of each table: unknown, missing and mistyped keys, in the words authors
know."""

from __future__ import annotations

from tests.unit.screening_rules.rule_files import line_of, only_problem, replace, write


def test_misspelt_key_is_not_silently_ignored(root):
    text = replace(
        'show_if = {answer = "access", equals = "yes"}',
        'show_iff = {answer = "access", equals = "yes"}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "show_iff")
    assert (
        problem.message == "question 'mitigation': unknown key `show_iff`; did you mean `show_if`?"
    )
