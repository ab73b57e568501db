"""Reading whole files: a broken one gives precise problems, the file, the line, and what is
wrong."""

from __future__ import annotations

from screening_rules import check, load_ruleset
from tests.unit.screening_rules.rule_files import VALID, line_of, only_problem, replace, write


def test_the_small_valid_rule_set_has_no_problems(root):
    write(root, VALID)

    assert check(root) == []
    assert load_ruleset("broken", root=root).ref == "broken@1"


def test_invalid_toml_gives_the_parser_line(root):
    text = replace('label = "Describe the mitigation"', 'label = "Describe the mitigation')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'label = "Describe the mitigation')
    assert problem.message.startswith("not valid TOML")


def test_file_name_and_id_must_agree(root):
    write(root, VALID, name="other", version=2)

    problems = check(root)

    assert [p.message for p in problems] == [
        "[ruleset] id 'broken' does not match its folder 'other'",
        "[ruleset] version 1 does not match file name 'v2.toml'",
    ]
    assert [p.line for p in problems] == [
        line_of(VALID, 'id = "broken"'),
        line_of(VALID, "version = 1"),
    ]


def test_unknown_catalogue(root):
    text = replace(
        'catalogues = ["protected@1", "local@1"]', 'catalogues = ["protected@1", "local@9"]'
    )
    write(root, text)

    problems = check(root)

    assert problems[0].line == line_of(text, '"local@9"')
    assert problems[0].message.startswith("[ruleset] catalogue 'local@9' not found")


def test_duplicate_characteristic_in_a_catalogue(root):
    path = root / "catalogues" / "extra" / "v1.toml"
    path.parent.mkdir()
    text = """\
[catalogue]
id = "extra"
version = 1
title = "Extra"
kind = "local"
released = 2026-01-01

[[characteristics]]
id = "carers"
name = "Carers"
phrase = "unpaid carers"

[[characteristics]]
id = "carers"  # pasted twice
name = "Carers"
phrase = "unpaid carers"
"""
    path.write_text(text, encoding="utf-8")

    problem = only_problem(root)

    assert (problem.path, problem.line) == (path, line_of(text, 'id = "carers"  # pasted'))
    assert problem.message == "duplicate characteristic id 'carers'"
