"""The keys and types of each table: unknown, missing and mistyped keys, in the words authors
know."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from screening_rules.schema import FlagTable, QuestionTable, Reader, RuleSetFile, RuleSetTable
from screening_rules.source import Source
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


def test_a_mistyped_key_is_named_with_what_it_must_be_at_its_line(root):
    text = replace('label = "Describe the mitigation"', "label = 500")
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "label = 500")
    assert problem.message == "question 'mitigation': `label` must be a string"


def read(model, data):
    reader = Reader(Source(Path("v1.toml"), ""))
    return reader.table(model, data, "where", None, None), [p.message for p in reader.problems]


@pytest.mark.parametrize(
    ("model", "name", "wrong", "must_be"),
    [
        (RuleSetTable, "title", 3, "a string"),
        (RuleSetTable, "id", "England", "an id (lower case a-z, 0-9, _)"),
        (RuleSetTable, "version", "1", "a whole number"),
        (RuleSetTable, "version", True, "a whole number"),
        (RuleSetTable, "version", 1.0, "a whole number"),
        (QuestionTable, "required", "false", "true or false"),
        (RuleSetTable, "released", "2026-04-01", "a date like 2026-04-01"),
        (RuleSetTable, "always_in_scope", ["carers", "Carers"], "a list of ids"),
        (RuleSetTable, "catalogues", "protected@1", "a list of strings"),
        (QuestionTable, "show_if", [], "a table"),
        (RuleSetFile, "questions", [{}, 1], "a list of tables"),
    ],
)
def test_each_kind_of_value_keeps_its_wording(model, name, wrong, must_be):
    valid = {
        RuleSetTable: {
            "id": "england",
            "version": 1,
            "title": "England",
            "jurisdiction": "england",
            "catalogues": ["protected@1"],
            "released": date(2026, 4, 1),
        },
        QuestionTable: {"id": "access", "kind": "yes_no", "label": "Access?"},
        RuleSetFile: {"ruleset": {}, "questions": [], "rules": []},
    }[model]

    entry, problems = read(model, valid | {name: wrong})

    assert problems == [f"where: `{name}` must be {must_be}"]
    assert getattr(entry, name) is None
    assert all(getattr(entry, key) == given for key, given in valid.items() if key != name)


def test_unknown_keys_come_first_then_missing_ones_in_the_tables_order():
    entry, problems = read(FlagTable, {"labels": "x", "id": "rural", "colour": "green"})

    assert problems == [
        "where: unknown key `labels`; did you mean `label`?",
        "where: unknown key `colour`",
        "where: `label` is missing",
    ]
    assert (entry.id, entry.label, entry.description) == ("rural", None, None)


def test_a_value_that_is_not_a_table_is_reported_as_such():
    assert read(FlagTable, ["rural"]) == (None, ["where must be a table"])


def test_a_date_time_is_a_date():
    released = datetime(2026, 4, 1, 9, 30)

    entry, problems = read(RuleSetTable, {"released": released})

    assert entry.released == released
    assert not [p for p in problems if "`released`" in p]
