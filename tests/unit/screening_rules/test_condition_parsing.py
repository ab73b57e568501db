"""Reading conditions: a condition that is not in the vocabulary stops the file loading."""

from __future__ import annotations

import pytest

from screening_rules import RuleSetError, load_ruleset
from tests.unit.screening_rules.rule_files import line_of, only_problem, replace, write


def test_unknown_condition_kind(root):
    text = replace(
        'show_if = {answer = "access", equals = "yes"}',
        'show_if = {anser = "access", equals = "yes"}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "anser")
    assert problem.message.startswith(
        "question 'mitigation': unknown condition kind `anser`; use one of answer, any_impact"
    )
    with pytest.raises(RuleSetError, match="unknown condition kind") as raised:
        load_ruleset("broken", root=root)
    assert raised.value.problems == [problem]
