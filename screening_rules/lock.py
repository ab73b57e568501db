"""The lock file: every released rule-set and catalogue file with its SHA-256.

A stored screening names a rule set by id, version and hash, and must be re-evaluated with exactly
the file it was decided with, years later. So a released file never changes; a change is a new
version. The lock is what makes "released" checkable: it has the format of `sha256sum`, so
`cd screening_rules && sha256sum -c released.lock` verifies it without Python too.
"""

from __future__ import annotations

import re
from pathlib import Path

from .layout import data_files, sha256_of
from .model import Problem

LOCK_NAME = "released.lock"
HEADER = """\
# Released screening rule files and their SHA-256 hashes, in the format of `sha256sum`.
# A released file never changes: stored screenings are re-evaluated with it years later.
# To change a rule set, copy it to the next version (v2.toml), edit that, run
# `python -m screening_rules check`, then `python -m screening_rules lock` to add it here.
# Never edit or remove a line by hand.
"""
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](\S.*)$")


def _relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def read_lock(root: Path) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """{relative path: (sha256, line number)} and any malformed lines."""
    path = root / LOCK_NAME
    entries: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    if not path.is_file():
        return entries, problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(Problem(path, number, "not a '<sha256>  <path>' line"))
        else:
            entries[match.group(2)] = (match.group(1), number)
    return entries, problems


def lock_problems(root: Path) -> list[Problem]:
    """Released files that changed or disappeared."""
    entries, problems = read_lock(root)
    for relative, (expected, _) in entries.items():
        path = root / relative
        if not path.is_file():
            problems.append(
                Problem(
                    path,
                    1,
                    f"released file is missing (listed in {LOCK_NAME}); released files must stay "
                    "so that stored screenings can be re-evaluated",
                )
            )
        elif sha256_of(path) != expected:
            problems.append(
                Problem(
                    path,
                    1,
                    f"released file has changed (its sha256 no longer matches {LOCK_NAME}); "
                    "released files never change: undo the edit, copy the file to the next "
                    "version and release that instead",
                )
            )
    return problems


def unlocked_files(root: Path) -> list[Path]:
    entries, _ = read_lock(root)
    return [p for p in data_files(root) if _relative(root, p) not in entries]


def is_released(root: Path, path: Path) -> bool:
    entries, _ = read_lock(root)
    entry = entries.get(_relative(root, path))
    return entry is not None and entry[0] == sha256_of(path)


def add_to_lock(root: Path, paths: list[Path]) -> list[tuple[str, str]]:
    """Add files to the lock; returns (relative path, sha256) for each added. Existing lines are
    kept as they are: re-locking a changed released file is exactly what the lock prevents."""
    entries, problems = read_lock(root)
    if problems:
        raise ValueError(f"{LOCK_NAME} is malformed: {problems[0]}")
    added = []
    for path in paths:
        relative = _relative(root, path)
        digest = sha256_of(path)
        if relative in entries:
            if entries[relative][0] != digest:
                raise ValueError(f"{relative} is released and has changed; release a new version")
            continue
        entries[relative] = (digest, 0)
        added.append((relative, digest))
    lines = [f"{digest}  {relative}" for relative, (digest, _) in sorted(entries.items())]
    (root / LOCK_NAME).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added
