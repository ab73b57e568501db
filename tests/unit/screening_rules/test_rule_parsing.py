"""Reading rules: duplicate ids and rules that say neither or both of outcome and flag."""

from __future__ import annotations

from tests.unit.screening_rules.rule_files import VALID, line_of, only_problem, replace, write


def test_duplicate_rule_id_points_at_the_second(root):
    text = VALID + (
        '\n[[rules]]\nid = "major"\noutcome = "screened_out"\n'
        'when = {answer = "access", equals = "yes"}\nreason = "Again."\n'
    )
    path = write(root, text)

    problem = only_problem(root)

    assert problem.path == path
    assert problem.line == line_of(text, 'id = "major"', occurrence=2)
    assert problem.message == "duplicate rule id 'major'"
    assert str(problem) == f"{path}:{problem.line}: duplicate rule id 'major'"


def test_rule_needs_exactly_one_of_outcome_and_flag(root):
    text = replace('outcome = "screened_out"\n', 'outcome = "screened_out"\nflag = "rural"\n')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "[[rules]]", occurrence=2)
    assert problem.message == "rule 'nothing': set exactly one of `outcome` and `flag`"
