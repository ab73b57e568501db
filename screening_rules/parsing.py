"""Reading catalogue and rule-set files into the frozen model.

Two passes, with different consequences:

* `parse_catalogue` / `parse_ruleset` find *structural* problems: bad TOML, missing or mistyped
  keys and unknown keys (each table is checked against its model in `schema`), unknown
  condition or question kinds, duplicate ids. A file with any of these cannot be loaded.
* `checker.lint_ruleset` finds *semantic* problems in a file that did load: references to unknown
  questions, options or characteristics, show_if pointing forwards, rules that can never fire,
  flags nobody sets. These are reported by `check` only and never stop a released rule set from
  loading, so that a stricter checker in a later release cannot make old screenings
  unreproducible; the test suite runs `check` over every shipped file, so they cannot ship.

This module reads whole files and their top-level tables; the questions, rules and conditions in
a rule set are read by `question_parsing`, `rule_parsing` and `condition_parsing`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .condition_parsing import ConditionParser
from .layout import CATALOGUES, REF, file_path, sha256_of, version_of
from .model import (
    AIMS,
    CATALOGUE_KINDS,
    JURISDICTIONS,
    OUTCOMES,
    Catalogue,
    Characteristic,
    Flag,
    Problem,
    RuleSet,
)
from .question_parsing import impact_grids, parse_questions
from .rule_parsing import parse_rules
from .schema import (
    CatalogueFile,
    CatalogueTable,
    CharacteristicTable,
    FlagTable,
    Reader,
    RuleSetFile,
    RuleSetTable,
)
from .source import Source, key, value


def _load_toml(reader: Reader, path: Path) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        reader.problems.append(Problem(path, 1, "the file is not UTF-8 text"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        reader.problems.append(
            Problem(path, int(found.group(1)) if found else 1, f"not valid TOML: {error}")
        )
    return None


def _check_file_name(
    reader: Reader, path: Path, meta: CatalogueTable | RuleSetTable, table: str
) -> None:
    """A released file's place is its identity: `<folder>/<id>/v<N>.toml` (see `layout`)."""
    version = version_of(path)
    if meta.id is not None and meta.id != path.parent.name:
        reader.report(
            f"[{table}] id '{meta.id}' does not match its folder '{path.parent.name}'",
            table,
            None,
            key("id"),
        )
    if version is None:
        reader.report(f"file name '{path.name}' must be v<N>.toml, e.g. v2.toml", table, None)
    elif meta.version is not None and meta.version != version:
        reader.report(
            f"[{table}] version {meta.version} does not match file name '{path.name}'",
            table,
            None,
            key("version"),
        )


def parse_catalogue(path: Path) -> tuple[Catalogue | None, list[Problem]]:
    reader = Reader(Source.read(path))
    data = _load_toml(reader, path)
    if data is None:
        return None, reader.problems
    top = reader.table(CatalogueFile, data, "file", None, None)
    meta = reader.table(CatalogueTable, data.get("catalogue"), "[catalogue]", "catalogue", None)
    if top is None or meta is None:
        return None, reader.problems
    _check_file_name(reader, path, meta, "catalogue")
    if meta.kind is not None and meta.kind not in CATALOGUE_KINDS:
        reader.report(
            f"[catalogue] kind must be one of {', '.join(CATALOGUE_KINDS)}",
            "catalogue",
            None,
            key("kind"),
        )
    characteristics = []
    seen: set[str] = set()
    for index, raw in enumerate(top.characteristics or []):
        where = (
            f"characteristic '{raw.get('id')}'"
            if isinstance(raw.get("id"), str)
            else (f"characteristics entry {index + 1}")
        )
        entry = reader.table(CharacteristicTable, raw, where, "characteristics", index)
        if entry is None or entry.id is None:
            continue
        if entry.id in seen:
            reader.report(
                f"duplicate characteristic id '{entry.id}'", "characteristics", index, key("id")
            )
        seen.add(entry.id)
        for aim in entry.aims or []:
            if aim not in AIMS:
                reader.report(
                    f"{where}: unknown aim '{aim}'; use {', '.join(AIMS)}",
                    "characteristics",
                    index,
                    key("aims"),
                    value(aim),
                )
        for place in entry.jurisdictions or []:
            if place not in JURISDICTIONS:
                reader.report(
                    f"{where}: unknown jurisdiction '{place}'; use {', '.join(JURISDICTIONS)}",
                    "characteristics",
                    index,
                    key("jurisdictions"),
                    value(place),
                )
        characteristics.append(
            Characteristic(
                id=entry.id,
                name=entry.name or "",
                phrase=entry.phrase or "",
                kind=meta.kind or "",
                description=entry.description or "",
                aims=tuple(entry.aims or ()),
                employment_only=bool(entry.employment_only),
                good_relations=bool(entry.good_relations),
                jurisdictions=tuple(entry.jurisdictions or ()),
                always_in_scope=bool(meta.always_in_scope),
            )
        )
    if reader.problems:
        return None, reader.problems
    return (
        Catalogue(
            id=meta.id,
            version=meta.version,
            title=meta.title,
            kind=meta.kind,
            always_in_scope=bool(meta.always_in_scope),
            characteristics=tuple(characteristics),
            path=path,
            sha256=sha256_of(path),
        ),
        [],
    )


def parse_ruleset(path: Path, root: Path) -> tuple[RuleSet | None, list[Problem]]:
    reader = Reader(Source.read(path))
    data = _load_toml(reader, path)
    if data is None:
        return None, reader.problems
    top = reader.table(RuleSetFile, data, "file", None, None)
    meta = reader.table(RuleSetTable, data.get("ruleset"), "[ruleset]", "ruleset", None)
    if top is None or meta is None:
        return None, reader.problems
    _check_file_name(reader, path, meta, "ruleset")
    jurisdiction = meta.jurisdiction
    if jurisdiction is not None and jurisdiction not in JURISDICTIONS:
        reader.report(
            f"[ruleset] jurisdiction must be one of {', '.join(JURISDICTIONS)}",
            "ruleset",
            None,
            key("jurisdiction"),
        )

    catalogues = _ruleset_catalogues(reader, meta.catalogues or [], root)
    characteristics = tuple(
        c
        for catalogue in catalogues
        for c in catalogue.characteristics
        if not c.jurisdictions or jurisdiction in c.jurisdictions
    )
    seen_characteristics: set[str] = set()
    for c in characteristics:
        if c.id in seen_characteristics:
            reader.report(
                f"characteristic '{c.id}' is in more than one catalogue",
                "ruleset",
                None,
                key("catalogues"),
            )
        seen_characteristics.add(c.id)

    outcome_labels = []
    for name, label in (top.outcomes or {}).items():
        if name not in OUTCOMES or not isinstance(label, str):
            reader.report(
                f"[outcomes]: `{name}` must be one of {', '.join(OUTCOMES)} with a label",
                "outcomes",
                None,
                key(name),
            )
        else:
            outcome_labels.append((name, label))

    flags = _flags(reader, top.flags or [])
    raw_questions = top.questions or []
    conditions = ConditionParser(reader, impact_grids(raw_questions))
    questions = parse_questions(reader, conditions, raw_questions, characteristics)
    rules = parse_rules(reader, conditions, top.rules or [])

    if reader.problems:
        return None, reader.problems
    always = tuple(c.id for c in characteristics if c.always_in_scope)
    always += tuple(c for c in meta.always_in_scope or () if c not in always)
    return (
        RuleSet(
            id=meta.id,
            version=meta.version,
            title=meta.title,
            jurisdiction=jurisdiction,
            released_on=meta.released,
            description=meta.description or "",
            path=path,
            sha256=sha256_of(path),
            catalogues=catalogues,
            characteristics=characteristics,
            always_in_scope=always,
            questions=questions,
            rules=rules,
            flags=flags,
            outcome_labels=tuple(outcome_labels),
        ),
        [],
    )


def _ruleset_catalogues(reader: Reader, refs: list[str], root: Path) -> tuple[Catalogue, ...]:
    catalogues = []
    for ref in refs:
        match = REF.match(ref)
        at = ("ruleset", None, key("catalogues"), value(ref))
        if match is None or match.group(2) is None:
            reader.report(f"[ruleset] catalogue '{ref}' must look like 'protected@1'", *at)
            continue
        path = file_path(root, CATALOGUES, match.group(1), match.group(2))
        if not path.is_file():
            reader.report(f"[ruleset] catalogue '{ref}' not found: no file {path}", *at)
            continue
        catalogue, problems = parse_catalogue(path)
        if catalogue is None:
            reader.report(
                f"[ruleset] catalogue '{ref}' has {len(problems)} problem(s); first: {problems[0]}",
                *at,
            )
            continue
        catalogues.append(catalogue)
    return tuple(catalogues)


def _flags(reader: Reader, raw_flags: list[dict]) -> tuple[Flag, ...]:
    flags = []
    for index, raw in enumerate(raw_flags):
        entry = reader.table(FlagTable, raw, f"flag '{raw.get('id')}'", "flags", index)
        if entry is None or entry.id is None:
            continue
        if any(f.id == entry.id for f in flags):
            reader.report(f"duplicate flag id '{entry.id}'", "flags", index, key("id"))
        flags.append(Flag(entry.id, entry.label or "", entry.description or ""))
    return tuple(flags)
