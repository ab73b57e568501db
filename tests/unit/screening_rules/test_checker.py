"""Broken rule files give precise problems: the file, the line, and what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening_rules import DEFAULT_ROOT, RuleSetError, check, load_ruleset

IGNORE = shutil.ignore_patterns("__pycache__")

VALID = """\
[ruleset]
id = "broken"
version = 1
title = "A small rule set for checker tests"
jurisdiction = "england"
catalogues = ["protected@1", "local@1"]
released = 2026-01-01

[[flags]]
id = "rural"
label = "Rurality proofing required"

[[questions]]
id = "access"
kind = "yes_no"
label = "Will people gain or lose access to a service?"

[[questions]]
id = "impact"
kind = "impact_grid"
label = "What is the likely impact on each group?"

[[questions]]
id = "mitigation"
kind = "text"
label = "Describe the mitigation"
max_length = 500
show_if = {answer = "access", equals = "yes"}

[[rules]]
id = "major"
outcome = "full_assessment"
for_each_impact = {level = ["major"]}
reason = "Full assessment required because the likely impact on {phrase} is major."

[[rules]]
id = "nothing"
outcome = "screened_out"
when.all = [
  {answer = "access", equals = "no"},
  {not = {any_impact = {level = ["minor", "major"]}}},
]
reason = "Screened out: nothing relevant."

[[rules]]
id = "rural"
flag = "rural"
when = {characteristic_enabled = "rurality"}
reason = "Rurality proofing required."
"""


@pytest.fixture
def root(tmp_path):
    """A copy of the shipped files to put broken rule sets beside."""
    for folder in ("catalogues", "rulesets"):
        shutil.copytree(DEFAULT_ROOT / folder, tmp_path / folder, ignore=IGNORE)
    shutil.copy(DEFAULT_ROOT / "released.lock", tmp_path / "released.lock")
    return tmp_path


def write(root: Path, text: str, name: str = "broken", version: int = 1) -> Path:
    path = root / "rulesets" / name / f"v{version}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The 1-based line holding the occurrence-th copy of marker."""
    position = -1
    for _ in range(occurrence):
        position = text.index(marker, position + 1)
    return text.count("\n", 0, position) + 1


def replace(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def only_problem(root: Path):
    problems = check(root)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_small_valid_rule_set_has_no_problems(root):
    write(root, VALID)

    assert check(root) == []
    assert load_ruleset("broken", root=root).ref == "broken@1"


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


def test_duplicate_question_id(root):
    text = replace('[[questions]]\nid = "mitigation"', '[[questions]]\nid = "access"').replace(
        'show_if = {answer = "access", equals = "yes"}\n', ""
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'id = "access"', occurrence=2)
    assert problem.message == "duplicate question id 'access'"


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


def test_invalid_toml_gives_the_parser_line(root):
    text = replace('label = "Describe the mitigation"', 'label = "Describe the mitigation')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, 'label = "Describe the mitigation')
    assert problem.message.startswith("not valid TOML")


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


def test_rule_needs_exactly_one_of_outcome_and_flag(root):
    text = replace('outcome = "screened_out"\n', 'outcome = "screened_out"\nflag = "rural"\n')
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "[[rules]]", occurrence=2)
    assert problem.message == "rule 'nothing': set exactly one of `outcome` and `flag`"


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


def test_misplaced_file(root):
    (root / "rulesets" / "stray.toml").write_text(VALID, encoding="utf-8")

    problem = only_problem(root)

    assert problem.message == "misplaced file: use rulesets/<id>/v<N>.toml"


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


def test_comments_never_confuse_the_line_search(root):
    text = replace(
        'show_if = {answer = "access", equals = "yes"}',
        "# anser is not a condition kind, says this comment\n"
        'show_if = {anser = "access", equals = "yes"}',
    )
    write(root, text)

    problem = only_problem(root)

    assert problem.line == line_of(text, "show_if = {anser")


MUTATIONS = [
    ("", ""),  # placeholder: the line is dropped
    ('"yes"', '"maybe"'),
    ('= "', "= 3 #"),
    ('["', '[1, "'),
    ("{", "{bogus = 1, "),
    ("minor", "severe"),
    ("[[questions]]", "[[rules]]"),
    ("[[rules]]", "[[questions]]"),
    ("true", '"true"'),
    ("2000", "0"),
]


@settings(max_examples=120, deadline=None, database=None)
@given(
    ruleset_id=st.sampled_from(["england", "wales", "scotland", "northern_ireland"]),
    line=st.integers(min_value=0, max_value=300),
    mutation=st.sampled_from(MUTATIONS),
)
def test_checker_never_crashes_on_a_damaged_file(tmp_path_factory, ruleset_id, line, mutation):
    root = tmp_path_factory.mktemp("damaged")
    shutil.copytree(DEFAULT_ROOT / "catalogues", root / "catalogues", ignore=IGNORE)
    lines = (DEFAULT_ROOT / "rulesets" / ruleset_id / "v1.toml").read_text().splitlines(True)
    line %= len(lines)
    old, new = mutation
    lines[line] = lines[line].replace(old, new, 1) if old else ""
    path = write(root, "".join(lines), name=ruleset_id)

    problems = check(root)  # must not raise

    assert all(p.path == path and 1 <= p.line <= len(lines) + 1 for p in problems)
