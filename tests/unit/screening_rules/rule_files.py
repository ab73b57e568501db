"""A small valid rule set, ways to break it, and where the breakage is: for the tests of the
checks that find problems in rule files."""

from __future__ import annotations

from pathlib import Path

from screening_rules import check

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
