"""The command line: check, evaluate, list (lock is tested with the lock), and its arguments."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from screening_rules import DEFAULT_ROOT, load_ruleset, main, run_check, run_evaluate

ENGLAND_ANSWERS = {
    "access": "yes",
    "staff": "no",
    "budget": "no",
    "other_policy": "no",
    "public_concern": "no",
    "rural_difference": "yes",
    "impact": {
        c: {"level": "none"}
        for c in (
            "age",
            "gender_reassignment",
            "pregnancy_maternity",
            "race",
            "religion_belief",
            "sex",
            "sexual_orientation",
            "rurality",
        )
    }
    | {"disability": {"level": "major", "direction": "negative"}},
}


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ENGLAND_ANSWERS), encoding="utf-8")
    return path


def test_check_reports_no_problems_for_the_shipped_files():
    out = io.StringIO()

    assert run_check(out) == 0
    assert out.getvalue() == "No problems found.\n"


def test_check_reports_problems_with_file_and_line(tmp_path):
    broken = tmp_path / "rulesets" / "x" / "v1.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text('[ruleset]\nid = "x"\nversion = 1\nbogus = 1\n', encoding="utf-8")
    out = io.StringIO()

    assert run_check(out, root=tmp_path) == 1

    lines = out.getvalue().splitlines()
    assert f"{broken}:4: [ruleset]: unknown key `bogus`" in lines
    assert lines[-1] == f"{len(lines) - 1} problem(s) found."


def test_root_may_come_before_or_after_the_command(tmp_path):
    # `manage.py screening check --root x` passes its arguments through unchanged.
    broken = tmp_path / "rulesets" / "x" / "v1.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text('[ruleset]\nid = "x"\nversion = 1\nbogus = 1\n', encoding="utf-8")

    for argv in (["--root", str(tmp_path), "check"], ["check", "--root", str(tmp_path)]):
        out = io.StringIO()
        assert main(argv, out=out) == 1, argv
        assert f"{broken}:4: [ruleset]: unknown key `bogus`" in out.getvalue().splitlines()


def test_arguments_that_do_not_parse_exit_with_status_2_and_the_usage(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["evaluate", "--ruleset", "england"], prog="manage.py screening")

    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: manage.py screening evaluate ")
    assert "the following arguments are required: --answers" in error


def test_evaluate_prints_outcome_flags_and_reasons(answers_file):
    out = io.StringIO()
    sha = load_ruleset("england", 1).sha256

    status = run_evaluate(
        out, ruleset="england@1", answers_file=answers_file, characteristics=["rurality"]
    )

    assert status == 0
    assert out.getvalue().splitlines() == [
        f"Rule set: England: Public Sector Equality Duty screening (england@1, sha256 {sha})",
        "Outcome: Full assessment required (full_assessment)",
        "Flags:",
        "- Rurality proofing required (rurality_proofing_required)",
        "Reasons:",
        "- Full assessment required because the likely negative impact on disabled people is "
        "major. [major_impact]",
        "- Rurality proofing required because the proposal could affect people in rural areas "
        "differently. [rurality_proofing]",
    ]


def test_evaluate_as_json_is_the_stored_record(answers_file):
    out = io.StringIO()

    assert run_evaluate(out, ruleset="england@1", answers_file=answers_file, as_json=True) == 0

    record = json.loads(out.getvalue())
    assert record["ruleset"]["id"] == "england"
    assert record["outcome"] == "full_assessment"
    assert record["flags"] == []  # rurality not switched on this time


def test_evaluate_lists_answer_errors(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"access": "yes"}), encoding="utf-8")
    out = io.StringIO()

    assert run_evaluate(out, ruleset="england", answers_file=path) == 1

    lines = out.getvalue().splitlines()
    assert lines[0] == "The answers are incomplete or invalid:"
    assert lines[1] == "- staff: Select whether the proposal affects staff"


def test_evaluate_warns_about_unknown_characteristics(answers_file):
    out = io.StringIO()

    run_evaluate(
        out, ruleset="england@1", answers_file=answers_file, characteristics=["rurality", "elves"]
    )

    assert out.getvalue().splitlines()[0] == "Ignored, not in england@1: elves"


def test_evaluate_unknown_rule_set_or_unreadable_answers(tmp_path, answers_file):
    out = io.StringIO()
    assert run_evaluate(out, ruleset="atlantis", answers_file=answers_file) == 2
    assert "no rule set 'atlantis'" in out.getvalue()

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = io.StringIO()
    assert run_evaluate(out, ruleset="england", answers_file=bad) == 2
    assert out.getvalue().startswith(f"Cannot read answers from {bad}")


def test_main_parses_arguments(answers_file):
    out = io.StringIO()

    status = main(
        [
            "evaluate",
            "--ruleset",
            "england@1",
            "--answers",
            str(answers_file),
            "--characteristics",
            "rurality, carers",
        ],
        out=out,
    )

    # carers is switched on but unanswered.
    assert status == 1
    assert "- impact.carers.level: Select the likely impact on unpaid carers" in out.getvalue()


def test_main_lists_rule_sets():
    out = io.StringIO()

    assert main(["list"], out=out) == 0
    assert out.getvalue().splitlines()[0] == (
        "england@1\tengland\treleased\tEngland: Public Sector Equality Duty screening"
    )


def test_python_dash_m_check_runs():
    completed = subprocess.run(
        [sys.executable, "-m", "screening_rules", "check"],
        cwd=Path(DEFAULT_ROOT).parent,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (completed.returncode, completed.stdout) == (0, "No problems found.\n")
