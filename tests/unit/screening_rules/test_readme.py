"""The guide in screening_rules/README.md names the vocabulary the code accepts, all of it."""

from __future__ import annotations

from screening_rules import DEFAULT_ROOT
from screening_rules.conditions import ANSWER_OPERATORS, CONDITION_KINDS
from screening_rules.model import FOR_EACH_PLACEHOLDERS, OUTCOMES, QUESTION_KINDS

README = (DEFAULT_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_condition_kind_and_operator():
    for kind in CONDITION_KINDS:
        assert f"{{{kind} = " in README, kind
    for operator in ANSWER_OPERATORS:
        assert f", {operator} = " in README, operator


def test_readme_documents_every_question_kind_outcome_and_placeholder():
    for kind in QUESTION_KINDS:
        assert f"| `{kind}` |" in README, kind
    for outcome in OUTCOMES:
        assert f"`{outcome}`" in README, outcome
    for placeholder in FOR_EACH_PLACEHOLDERS:
        assert f"`{{{placeholder}}}`" in README, placeholder


def test_readme_names_modules_that_exist():
    for module in ("conditions.py", "parsing.py", "engine.py", "loading.py", "lock.py", "cli.py"):
        assert module in README
        assert (DEFAULT_ROOT / module).is_file(), module


def test_readme_names_every_module():
    modules = [p.name for p in DEFAULT_ROOT.glob("*.py") if not p.name.startswith("__")]

    assert [m for m in modules if m not in README] == []
