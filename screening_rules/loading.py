"""Finding and loading rule sets by id and version, and checking the whole tree of files (where
they live: see `layout`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .checker import lint_ruleset
from .duty_modules import parse_module
from .layout import (
    CATALOGUES,
    DUTIES,
    REF,
    RULESETS,
    data_files,
    file_path,
    resolve_root,
    sha256_of,
    version_of,
)
from .lock import is_released, lock_problems, read_lock
from .model import ID, Problem, RuleSet
from .parsing import parse_catalogue, parse_ruleset


class RuleSetError(Exception):
    """A rule set that cannot be used, with the problems found."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        detail = "".join(f"\n  {p}" for p in self.problems)
        super().__init__(message + detail)


class RuleSetNotFound(RuleSetError, LookupError):
    pass


@dataclass(frozen=True)
class RuleSetInfo:
    id: str
    version: int
    title: str
    jurisdiction: str
    sha256: str
    released: bool  # listed in the lock with this hash


def parse_ref(ref: str) -> tuple[str, int | None]:
    """'england@2' -> ('england', 2); 'england' -> ('england', None)."""
    match = REF.match(ref.strip())
    if match is None:
        raise RuleSetNotFound(f"'{ref}' is not a rule set reference like england or england@1")
    return match.group(1), int(match.group(2)) if match.group(2) else None


def ruleset_versions(ruleset_id: str, *, root: Path | str | None = None) -> list[int]:
    folder = resolve_root(root) / RULESETS / ruleset_id
    found = (version_of(path) for path in folder.glob("v*.toml")) if folder.is_dir() else ()
    return sorted(version for version in found if version is not None)


def load_ruleset(
    ruleset_id: str,
    version: int | None = None,
    *,
    root: Path | str | None = None,
    expect_sha256: str | None = None,
) -> RuleSet:
    """Load one rule set; version None means the latest. `ruleset_id` may also be 'id@N'.

    Pass the stored hash as expect_sha256 when re-evaluating a stored screening: a mismatch means
    the file is not the one the screening was decided with, and raises rather than mislead."""
    if version is None and "@" in ruleset_id:
        ruleset_id, version = parse_ref(ruleset_id)
    root = resolve_root(root)
    if not ID.match(ruleset_id):
        raise RuleSetNotFound(f"'{ruleset_id}' is not a rule set id")
    if version is None:
        versions = ruleset_versions(ruleset_id, root=root)
        if not versions:
            raise RuleSetNotFound(f"no rule set '{ruleset_id}' under {root / RULESETS}")
        version = versions[-1]
    path = file_path(root, RULESETS, ruleset_id, version)
    if not path.is_file():
        raise RuleSetNotFound(f"no rule set '{ruleset_id}' version {version}: no file {path}")
    ruleset, problems = parse_ruleset(path, root)
    if ruleset is None:
        raise RuleSetError(f"rule set {ruleset_id}@{version} cannot be loaded", problems)
    if expect_sha256 is not None and ruleset.sha256 != expect_sha256:
        raise RuleSetError(
            f"rule set {ruleset_id}@{version} has sha256 {ruleset.sha256}, not the expected "
            f"{expect_sha256}: the file has changed since it was used"
        )
    return ruleset


def available_rulesets(*, root: Path | str | None = None) -> list[RuleSetInfo]:
    """Every rule-set file, sorted by id then version. Reads only each file's [ruleset] table."""
    root = resolve_root(root)
    infos = []
    for path in sorted((root / RULESETS).glob("*/v*.toml")):
        version = version_of(path)
        if version is None:
            continue
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8")).get("ruleset")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise RuleSetError(f"{path} is not valid TOML: {error}") from error
        meta = meta if isinstance(meta, dict) else {}
        infos.append(
            RuleSetInfo(
                id=path.parent.name,
                version=version,
                title=str(meta.get("title", "")),
                jurisdiction=str(meta.get("jurisdiction", "")),
                sha256=sha256_of(path),
                released=is_released(root, path),
            )
        )
    return sorted(infos, key=lambda i: (i.id, i.version))


def check(root: Path | str | None = None) -> list[Problem]:
    """Every problem in every catalogue, rule-set and duty module file under root, and every
    released file that changed. An empty list means the tree is fit to ship."""
    root = resolve_root(root)
    problems: list[Problem] = []
    for path in data_files(root):
        relative = path.relative_to(root)
        if len(relative.parts) != 3:
            problems.append(
                Problem(path, 1, f"misplaced file: use {relative.parts[0]}/<id>/v<N>.toml")
            )
        elif relative.parts[0] == CATALOGUES:
            problems += parse_catalogue(path)[1]
        elif relative.parts[0] == DUTIES:
            problems += parse_module(path)[1]
        else:
            ruleset, found = parse_ruleset(path, root)
            problems += found
            if ruleset is not None:
                problems += lint_ruleset(ruleset)
    problems += read_lock(root)[1]
    problems += lock_problems(root)
    return problems
