"""`python -m screening_rules check | evaluate | lock | list`: the one command line.

Each command is a `run_*` function writing whole lines to `out` and returning an exit status.
The Django management command `manage.py screening` hands its arguments and its stdout to `main`,
so both take the same arguments and give the same output and exit statuses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from .engine import AnswersInvalid, evaluate
from .layout import resolve_root
from .loading import RuleSetError, available_rulesets, check, load_ruleset
from .lock import LOCK_NAME, add_to_lock, unlocked_files
from .model import Problem


def _shown(problem: Problem) -> str:
    try:
        path = problem.path.resolve().relative_to(Path.cwd())
    except ValueError:
        path = problem.path
    return f"{path}:{problem.line}: {problem.message}"


def run_check(out: TextIO | None = None, *, root: Path | str | None = None) -> int:
    out = sys.stdout if out is None else out
    problems = check(root)
    for problem in problems:
        out.write(_shown(problem) + "\n")
    if problems:
        out.write(f"{len(problems)} problem(s) found.\n")
        return 1
    out.write("No problems found.\n")
    return 0


def run_evaluate(
    out: TextIO | None = None,
    *,
    ruleset: str,
    answers_file: Path | str,
    characteristics: Iterable[str] = (),
    as_json: bool = False,
    root: Path | str | None = None,
) -> int:
    """ruleset is 'id' (latest version) or 'id@N'."""
    out = sys.stdout if out is None else out
    try:
        loaded = load_ruleset(ruleset, root=root)
    except RuleSetError as error:
        out.write(f"{error}\n")
        return 2
    try:
        answers = json.loads(Path(answers_file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        out.write(f"Cannot read answers from {answers_file}: {error}\n")
        return 2
    if not isinstance(answers, dict):
        out.write(f"{answers_file} must hold a JSON object of question id to answer.\n")
        return 2
    characteristics = [c.strip() for c in characteristics if c.strip()]
    unknown = loaded.unknown_characteristics(characteristics)
    if unknown:
        out.write(f"Ignored, not in {loaded.ref}: {', '.join(unknown)}\n")
    try:
        result = evaluate(loaded, answers, characteristics)
    except AnswersInvalid as invalid:
        out.write("The answers are incomplete or invalid:\n")
        for error in invalid.errors:
            out.write(f"- {error.field}: {error.message}\n")
        return 1
    if as_json:
        out.write(json.dumps(result.to_dict(), indent=2) + "\n")
        return 0
    out.write(f"Rule set: {loaded.title} ({loaded.ref}, sha256 {loaded.sha256})\n")
    out.write(f"Outcome: {loaded.outcome_label(result.outcome)} ({result.outcome})\n")
    if result.flags:
        out.write("Flags:\n")
        for flag in result.flags:
            out.write(f"- {loaded.flag_label(flag)} ({flag})\n")
    else:
        out.write("Flags: none\n")
    out.write("Reasons:\n")
    for reason in result.reasons:
        out.write(f"- {reason.text} [{reason.rule_id}]\n")
    if result.superseded:
        out.write("Also fired, outranked by the outcome above:\n")
        for reason in result.superseded:
            out.write(f"- {reason.text} [{reason.rule_id}]\n")
    return 0


def run_lock(
    out: TextIO | None = None,
    *,
    paths: Sequence[Path | str] = (),
    root: Path | str | None = None,
) -> int:
    """Release files: add them (or every file not yet listed) to the lock, after a clean check."""
    out = sys.stdout if out is None else out
    root = resolve_root(root)
    problems = check(root)
    if problems:
        for problem in problems:
            out.write(_shown(problem) + "\n")
        out.write("Fix these problems before releasing anything.\n")
        return 1
    chosen = [Path(p).resolve() for p in paths] if paths else unlocked_files(root)
    if not chosen:
        out.write(f"Nothing to lock: every file is already in {LOCK_NAME}.\n")
        return 0
    try:
        added = add_to_lock(root, chosen)
    except ValueError as error:
        out.write(f"{error}\n")
        return 1
    for relative, digest in added:
        out.write(f"Locked {relative} {digest}\n")
    return 0


def run_list(out: TextIO | None = None, *, root: Path | str | None = None) -> int:
    out = sys.stdout if out is None else out
    for info in available_rulesets(root=root):
        state = "released" if info.released else "NOT RELEASED"
        out.write(f"{info.id}@{info.version}\t{info.jurisdiction}\t{state}\t{info.title}\n")
    return 0


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    *,
    prog: str = "python -m screening_rules",
) -> int:
    """Run one command; argparse exits (status 2) on arguments it cannot parse."""
    out = sys.stdout if out is None else out
    parser = argparse.ArgumentParser(
        prog=prog, description="Check, evaluate and release rule sets."
    )
    root_help = "folder holding catalogues/ and rulesets/ (default: here)"
    parser.add_argument("--root", help=root_help)
    # --root is taken after the command too (`check --root x`); SUPPRESS keeps a command's unset
    # --root from overwriting one given before the command.
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--root", default=argparse.SUPPRESS, help=root_help)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", parents=[after], help="validate every rule and catalogue file")
    evaluate_parser = commands.add_parser(
        "evaluate", parents=[after], help="screen a JSON file of answers"
    )
    evaluate_parser.add_argument("--ruleset", required=True, metavar="ID[@VERSION]")
    evaluate_parser.add_argument("--answers", required=True, metavar="FILE.json")
    evaluate_parser.add_argument(
        "--characteristics", default="", help="local characteristics switched on, comma-separated"
    )
    evaluate_parser.add_argument("--json", action="store_true", help="print the stored form")
    lock_parser = commands.add_parser(
        "lock", parents=[after], help=f"release new files into {LOCK_NAME}"
    )
    lock_parser.add_argument("paths", nargs="*", help="files to release (default: all new ones)")
    commands.add_parser("list", parents=[after], help="list rule sets and versions")
    args = parser.parse_args(argv)

    if args.command == "check":
        return run_check(out, root=args.root)
    if args.command == "evaluate":
        return run_evaluate(
            out,
            ruleset=args.ruleset,
            answers_file=args.answers,
            characteristics=args.characteristics.split(","),
            as_json=args.json,
            root=args.root,
        )
    if args.command == "lock":
        return run_lock(out, paths=args.paths, root=args.root)
    return run_list(out, root=args.root)
