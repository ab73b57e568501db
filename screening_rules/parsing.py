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
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

from .conditions import (
    AllOf,
    Answered,
    AnswerEquals,
    AnswerIn,
    AnswerIncludes,
    AnyOf,
    CharacteristicEnabled,
    Condition,
    ImpactMatch,
    Not,
)
from .model import (
    AIMS,
    CATALOGUE_KINDS,
    DIRECTIONS,
    ID,
    JURISDICTIONS,
    LEVELS,
    OUTCOMES,
    QUESTION_KINDS,
    YES_NO_OPTIONS,
    Catalogue,
    Characteristic,
    Flag,
    Option,
    Problem,
    Question,
    Rule,
    RuleSet,
)
from .schema import (
    CatalogueFile,
    CatalogueTable,
    CharacteristicTable,
    FlagTable,
    ImpactMatchTable,
    ImpactTable,
    OptionTable,
    QuestionTable,
    Reader,
    RuleSetFile,
    RuleSetTable,
    RuleTable,
)
from .source import Source, key, value

CATALOGUE_REF = re.compile(r"^([a-z][a-z0-9_]*)@([1-9][0-9]*)$")
VERSION_FILE = re.compile(r"^v([1-9][0-9]*)\.toml$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CONDITION_KINDS = ("answer", "any_impact", "impact", "characteristic_enabled", "all", "any", "not")
ANSWER_OPERATORS = ("equals", "in", "includes", "answered")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load_toml(parser: Reader, path: Path) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        parser.problems.append(Problem(path, 1, "the file is not UTF-8 text"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        parser.problems.append(
            Problem(path, int(found.group(1)) if found else 1, f"not valid TOML: {error}")
        )
    return None


def _check_file_name(
    parser: Reader, path: Path, meta: CatalogueTable | RuleSetTable, table: str
) -> None:
    """A released file's place is its identity: catalogues/<id>/v<N>.toml."""
    name = VERSION_FILE.match(path.name)
    if meta.id is not None and meta.id != path.parent.name:
        parser.report(
            f"[{table}] id '{meta.id}' does not match its folder '{path.parent.name}'",
            table,
            None,
            key("id"),
        )
    if name is None:
        parser.report(f"file name '{path.name}' must be v<N>.toml, e.g. v2.toml", table, None)
    elif meta.version is not None and meta.version != int(name.group(1)):
        parser.report(
            f"[{table}] version {meta.version} does not match file name '{path.name}'",
            table,
            None,
            key("version"),
        )


# --- catalogues ------------------------------------------------------------------------------


def parse_catalogue(path: Path) -> tuple[Catalogue | None, list[Problem]]:
    parser = Reader(Source.read(path))
    data = _load_toml(parser, path)
    if data is None:
        return None, parser.problems
    top = parser.table(
        CatalogueFile,
        data,
        "file",
        None,
        None,
    )
    meta = parser.table(
        CatalogueTable,
        data.get("catalogue"),
        "[catalogue]",
        "catalogue",
        None,
    )
    if top is None or meta is None:
        return None, parser.problems
    _check_file_name(parser, path, meta, "catalogue")
    if meta.kind is not None and meta.kind not in CATALOGUE_KINDS:
        parser.report(
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
        entry = parser.table(
            CharacteristicTable,
            raw,
            where,
            "characteristics",
            index,
        )
        if entry is None or entry.id is None:
            continue
        if entry.id in seen:
            parser.report(
                f"duplicate characteristic id '{entry.id}'", "characteristics", index, key("id")
            )
        seen.add(entry.id)
        for aim in entry.aims or []:
            if aim not in AIMS:
                parser.report(
                    f"{where}: unknown aim '{aim}'; use {', '.join(AIMS)}",
                    "characteristics",
                    index,
                    key("aims"),
                    value(aim),
                )
        for place in entry.jurisdictions or []:
            if place not in JURISDICTIONS:
                parser.report(
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
    if parser.problems:
        return None, parser.problems
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


# --- rule sets -------------------------------------------------------------------------------


class _RuleSetParser(Reader):
    def __init__(self, src: Source):
        super().__init__(src)
        self.grids: list[str] = []  # ids of impact-grid questions, for conditions that omit one

    def levels(self, raw: object, name: str, allowed: tuple[str, ...], where: str, at: tuple):
        values = [raw] if isinstance(raw, str) else raw
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            self.report(f"{where}: `{name}` must be one of {', '.join(allowed)} or a list", *at)
            return None
        for v in values:
            if v not in allowed:
                self.report(
                    f"{where}: unknown {name} '{v}'; use {', '.join(allowed)}", *at, value(v)
                )
                return None
        return tuple(values)

    def impact(self, raw: object, kind: str, where: str, at: tuple) -> ImpactMatch | None:
        model = ImpactTable if kind == "impact" else ImpactMatchTable
        entry = self.table(model, raw, f"{where} `{kind}`", *at)
        if entry is None:
            return None
        levels = None
        if entry.level is not None:
            levels = self.levels(entry.level, "level", LEVELS, where, at)
        directions: tuple[str, ...] | None = ()
        if entry.direction is not None:
            directions = self.levels(entry.direction, "direction", DIRECTIONS, where, at)
        question = entry.question
        if question is None:
            if len(self.grids) != 1:
                self.report(
                    f"{where}: say which impact grid with `question = ...`; "
                    f"this rule set has {len(self.grids)}",
                    *at,
                    key(kind),
                )
                return None
            question = self.grids[0]
        characteristic = entry.characteristic if isinstance(entry, ImpactTable) else None
        if levels is None or directions is None or (kind == "impact" and not characteristic):
            return None
        return ImpactMatch(question, characteristic, levels, directions)

    def condition(self, raw: object, where: str, at: tuple) -> Condition | None:
        """at = (table, index, *needles leading to this condition) for locating problems."""
        if not isinstance(raw, dict):
            self.report(f"{where}: a condition must be a table like {{answer = ...}}", *at)
            return None
        kinds = [k for k in raw if k in CONDITION_KINDS]
        if len(kinds) != 1:
            unknown = [k for k in raw if k not in CONDITION_KINDS + ANSWER_OPERATORS]
            if unknown:
                self.report(
                    f"{where}: unknown condition kind `{unknown[0]}`; "
                    f"use one of {', '.join(CONDITION_KINDS)}",
                    *at,
                    key(unknown[0]),
                )
            else:
                self.report(
                    f"{where}: a condition needs exactly one of {', '.join(CONDITION_KINDS)}; "
                    "combine several with `all` or `any`",
                    *at,
                )
            return None
        kind = kinds[0]
        body = raw[kind]
        if kind == "answer":
            return self.answer_condition(raw, where, at)
        if len(raw) != 1:
            extra = next(k for k in raw if k != kind)
            self.report(f"{where}: unexpected `{extra}` beside `{kind}`", *at, key(extra))
            return None
        if kind in ("any_impact", "impact"):
            return self.impact(body, kind, where, (*at, key(kind)))
        if kind == "characteristic_enabled":
            if not isinstance(body, str) or not ID.match(body):
                self.report(f"{where}: `characteristic_enabled` must be an id", *at, key(kind))
                return None
            return CharacteristicEnabled(body)
        if kind == "not":
            inner = self.condition(body, where, (*at, key(kind)))
            return Not(inner) if inner is not None else None
        if not isinstance(body, list) or not body:
            self.report(f"{where}: `{kind}` must be a non-empty list of conditions", *at, key(kind))
            return None
        parts = [self.condition(c, where, (*at, key(kind))) for c in body]
        if any(p is None for p in parts):
            return None
        return (AllOf if kind == "all" else AnyOf)(tuple(parts))  # type: ignore[arg-type]

    def answer_condition(self, raw: dict, where: str, at: tuple) -> Condition | None:
        question = raw["answer"]
        operators = [k for k in raw if k in ANSWER_OPERATORS]
        others = [k for k in raw if k not in ANSWER_OPERATORS and k != "answer"]
        if not isinstance(question, str) or not ID.match(question):
            self.report(f"{where}: `answer` must be a question id", *at, key("answer"))
            return None
        if others:
            self.report(
                f"{where}: unknown condition kind `{others[0]}`; with `answer` use one of "
                f"{', '.join(ANSWER_OPERATORS)}",
                *at,
                key(others[0]),
            )
            return None
        if len(operators) != 1:
            self.report(
                f"{where}: `answer` needs exactly one of {', '.join(ANSWER_OPERATORS)}",
                *at,
                key("answer"),
            )
            return None
        operator = operators[0]
        operand = raw[operator]
        here = (*at, value(question), key(operator))
        if operator == "equals":
            if not isinstance(operand, str):
                self.report(f"{where}: `equals` must be a string", *here)
                return None
            return AnswerEquals(question, operand)
        if operator == "answered":
            if not isinstance(operand, bool):
                self.report(f"{where}: `answered` must be true or false", *here)
                return None
            return Answered(question, operand)
        values = [operand] if operator == "includes" and isinstance(operand, str) else operand
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            self.report(f"{where}: `{operator}` must be a non-empty list of strings", *here)
            return None
        return (AnswerIn if operator == "in" else AnswerIncludes)(question, tuple(values))


def parse_ruleset(path: Path, root: Path) -> tuple[RuleSet | None, list[Problem]]:
    parser = _RuleSetParser(Source.read(path))
    data = _load_toml(parser, path)
    if data is None:
        return None, parser.problems
    top = parser.table(
        RuleSetFile,
        data,
        "file",
        None,
        None,
    )
    meta = parser.table(
        RuleSetTable,
        data.get("ruleset"),
        "[ruleset]",
        "ruleset",
        None,
    )
    if top is None or meta is None:
        return None, parser.problems
    _check_file_name(parser, path, meta, "ruleset")
    jurisdiction = meta.jurisdiction
    if jurisdiction is not None and jurisdiction not in JURISDICTIONS:
        parser.report(
            f"[ruleset] jurisdiction must be one of {', '.join(JURISDICTIONS)}",
            "ruleset",
            None,
            key("jurisdiction"),
        )

    catalogues = _ruleset_catalogues(parser, meta.catalogues or [], root)
    characteristics = tuple(
        c
        for catalogue in catalogues
        for c in catalogue.characteristics
        if not c.jurisdictions or jurisdiction in c.jurisdictions
    )
    seen_characteristics: set[str] = set()
    for c in characteristics:
        if c.id in seen_characteristics:
            parser.report(
                f"characteristic '{c.id}' is in more than one catalogue",
                "ruleset",
                None,
                key("catalogues"),
            )
        seen_characteristics.add(c.id)

    outcome_labels = []
    for name, label in (top.outcomes or {}).items():
        if name not in OUTCOMES or not isinstance(label, str):
            parser.report(
                f"[outcomes]: `{name}` must be one of {', '.join(OUTCOMES)} with a label",
                "outcomes",
                None,
                key(name),
            )
        else:
            outcome_labels.append((name, label))

    flags = _flags(parser, top.flags or [])
    questions = _questions(parser, top.questions or [], characteristics)
    rules = _rules(parser, top.rules or [])

    if parser.problems:
        return None, parser.problems
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


def _ruleset_catalogues(parser: Reader, refs: list[str], root: Path) -> tuple[Catalogue, ...]:
    catalogues = []
    for ref in refs:
        match = CATALOGUE_REF.match(ref)
        at = ("ruleset", None, key("catalogues"), value(ref))
        if match is None:
            parser.report(f"[ruleset] catalogue '{ref}' must look like 'protected@1'", *at)
            continue
        path = root / "catalogues" / match.group(1) / f"v{match.group(2)}.toml"
        if not path.is_file():
            parser.report(f"[ruleset] catalogue '{ref}' not found: no file {path}", *at)
            continue
        catalogue, problems = parse_catalogue(path)
        if catalogue is None:
            parser.report(
                f"[ruleset] catalogue '{ref}' has {len(problems)} problem(s); first: {problems[0]}",
                *at,
            )
            continue
        catalogues.append(catalogue)
    return tuple(catalogues)


def _flags(parser: Reader, raw_flags: list[dict]) -> tuple[Flag, ...]:
    flags = []
    for index, raw in enumerate(raw_flags):
        entry = parser.table(
            FlagTable,
            raw,
            f"flag '{raw.get('id')}'",
            "flags",
            index,
        )
        if entry is None or entry.id is None:
            continue
        if any(f.id == entry.id for f in flags):
            parser.report(f"duplicate flag id '{entry.id}'", "flags", index, key("id"))
        flags.append(Flag(entry.id, entry.label or "", entry.description or ""))
    return tuple(flags)


def _questions(
    parser: _RuleSetParser, raw_questions: list[dict], characteristics: tuple[Characteristic, ...]
) -> tuple[Question, ...]:
    # Grids first: conditions may name no grid when there is exactly one.
    parser.grids = [
        q["id"]
        for q in raw_questions
        if q.get("kind") == "impact_grid" and isinstance(q.get("id"), str)
    ]
    known = [c.id for c in characteristics]
    questions: list[Question] = []
    for index, raw in enumerate(raw_questions):
        where = f"question '{raw.get('id')}'"
        at = ("questions", index)
        entry = parser.table(
            QuestionTable,
            raw,
            where,
            *at,
        )
        if entry is None or entry.id is None:
            continue
        if any(q.id == entry.id for q in questions):
            parser.report(f"duplicate question id '{entry.id}'", *at, key("id"))
        kind = entry.kind
        if kind is not None and kind not in QUESTION_KINDS:
            parser.report(
                f"{where}: unknown kind '{kind}'; use one of {', '.join(QUESTION_KINDS)}",
                *at,
                key("kind"),
            )
        only_for = {
            "max_length": ("text",),
            "options": ("single_choice", "multiple_choice"),
            "characteristics": ("impact_grid",),
            "ask_direction": ("impact_grid",),
            "row_show_if": ("impact_grid",),
        }
        for name, kinds in only_for.items():
            if getattr(entry, name) is not None and kind not in kinds:
                parser.report(
                    f"{where}: `{name}` is only for {' and '.join(kinds)} questions",
                    *at,
                    key(name),
                )
        if kind == "text" and (entry.max_length is None or entry.max_length < 1):
            parser.report(f"{where}: a text question needs `max_length` of 1 or more", *at)
        show_if = None
        if entry.show_if is not None:
            show_if = parser.condition(entry.show_if, where, (*at, key("show_if")))
        options: tuple[Option, ...] = YES_NO_OPTIONS if kind == "yes_no" else ()
        if kind in ("single_choice", "multiple_choice"):
            options = _options(parser, entry.options or [], kind, where, at)
        rows: tuple[str, ...] = ()
        row_show_if: list[tuple[str, Condition]] = []
        if kind == "impact_grid":
            rows = _grid_rows(parser, entry.characteristics, known, where, at)
            for characteristic, raw_condition in (entry.row_show_if or {}).items():
                needles = (key("row_show_if"), key(characteristic))
                if characteristic not in rows:
                    parser.report(
                        f"{where}: row_show_if names '{characteristic}', which is not a row "
                        "of this grid",
                        *at,
                        *needles,
                    )
                    continue
                condition = parser.condition(raw_condition, where, (*at, *needles))
                if condition is not None:
                    row_show_if.append((characteristic, condition))
        questions.append(
            Question(
                id=entry.id,
                kind=kind or "",
                label=entry.label or "",
                hint=entry.hint or "",
                options=options,
                required=entry.required is not False,
                max_length=entry.max_length,
                show_if=show_if,
                characteristics=rows,
                ask_direction=entry.ask_direction is not False,
                row_show_if=tuple(row_show_if),
                error=entry.error or "",
            )
        )
    return tuple(questions)


def _options(
    parser: Reader, raw_options: list[dict], kind: str, where: str, at: tuple
) -> tuple[Option, ...]:
    if len(raw_options) < 2:
        parser.report(f"{where}: a {kind} question needs at least two `options`", *at)
    options: list[Option] = []
    for raw in raw_options:
        needle = value(raw["value"]) if isinstance(raw.get("value"), str) else key("options")
        entry = parser.table(
            OptionTable,
            raw,
            f"{where} option",
            *at,
        )
        if entry is None or entry.value is None:
            continue
        if any(o.value == entry.value for o in options):
            parser.report(
                f"{where}: duplicate option '{entry.value}'",
                *at,
                key("options"),
                value(entry.value),
                value(entry.value),
            )
        if entry.exclusive and kind != "multiple_choice":
            parser.report(f"{where}: `exclusive` is only for multiple_choice options", *at, needle)
        options.append(
            Option(entry.value, entry.label or "", entry.hint or "", bool(entry.exclusive))
        )
    return tuple(options)


def _grid_rows(parser: Reader, raw: object, known: list[str], where: str, at: tuple):
    if raw is None or raw == "all":
        return tuple(known)
    if not isinstance(raw, list) or not raw or not all(isinstance(c, str) for c in raw):
        parser.report(
            f'{where}: `characteristics` must be "all" or a list of characteristic ids',
            *at,
            key("characteristics"),
        )
        return ()
    for characteristic in raw:
        if characteristic not in known:
            parser.report(
                f"{where}: unknown characteristic '{characteristic}' (not in this rule set's "
                "catalogues for its jurisdiction)",
                *at,
                key("characteristics"),
                value(characteristic),
            )
    return tuple(c for c in raw if c in known)


def _rules(parser: _RuleSetParser, raw_rules: list[dict]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for index, raw in enumerate(raw_rules):
        where = f"rule '{raw.get('id')}'"
        at = ("rules", index)
        entry = parser.table(
            RuleTable,
            raw,
            where,
            *at,
        )
        if entry is None or entry.id is None:
            continue
        if any(r.id == entry.id for r in rules):
            parser.report(f"duplicate rule id '{entry.id}'", *at, key("id"))
        if (entry.outcome is None) == (entry.flag is None):
            parser.report(f"{where}: set exactly one of `outcome` and `flag`", *at)
        if entry.outcome is not None and entry.outcome not in OUTCOMES:
            parser.report(
                f"{where}: unknown outcome '{entry.outcome}'; use one of {', '.join(OUTCOMES)}",
                *at,
                key("outcome"),
            )
        if entry.when is None and entry.for_each_impact is None:
            parser.report(f"{where}: say when it fires with `when` or `for_each_impact`", *at)
        when = None
        if entry.when is not None:
            when = parser.condition(entry.when, where, (*at, key("when")))
        for_each = None
        if entry.for_each_impact is not None:
            for_each = parser.impact(
                entry.for_each_impact, "for_each_impact", where, (*at, key("for_each_impact"))
            )
        rules.append(
            Rule(
                id=entry.id,
                reason=entry.reason or "",
                when=when,
                outcome=entry.outcome,
                flag=entry.flag,
                for_each_impact=for_each,
            )
        )
    return tuple(rules)
