"""Reading the questions of a rule-set file: their options, and an impact grid's rows."""

from __future__ import annotations

from .condition_parsing import ConditionParser
from .conditions import Condition
from .model import QUESTION_KINDS, YES_NO_OPTIONS, Characteristic, Option, Question
from .schema import OptionTable, QuestionTable, Reader
from .source import key, value


def impact_grids(raw_questions: list[dict]) -> list[str]:
    """The ids of the impact grids, found before any condition is read: a condition may name no
    grid when there is exactly one."""
    return [
        q["id"]
        for q in raw_questions
        if q.get("kind") == "impact_grid" and isinstance(q.get("id"), str)
    ]


def parse_questions(
    reader: Reader,
    conditions: ConditionParser,
    raw_questions: list[dict],
    characteristics: tuple[Characteristic, ...],
) -> tuple[Question, ...]:
    known = [c.id for c in characteristics]
    questions: list[Question] = []
    for index, raw in enumerate(raw_questions):
        where = f"question '{raw.get('id')}'"
        at = ("questions", index)
        entry = reader.table(QuestionTable, raw, where, *at)
        if entry is None or entry.id is None:
            continue
        if any(q.id == entry.id for q in questions):
            reader.report(f"duplicate question id '{entry.id}'", *at, key("id"))
        kind = entry.kind
        if kind is not None and kind not in QUESTION_KINDS:
            reader.report(
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
                reader.report(
                    f"{where}: `{name}` is only for {' and '.join(kinds)} questions",
                    *at,
                    key(name),
                )
        if kind == "text" and (entry.max_length is None or entry.max_length < 1):
            reader.report(f"{where}: a text question needs `max_length` of 1 or more", *at)
        show_if = None
        if entry.show_if is not None:
            show_if = conditions.condition(entry.show_if, where, (*at, key("show_if")))
        options: tuple[Option, ...] = YES_NO_OPTIONS if kind == "yes_no" else ()
        if kind in ("single_choice", "multiple_choice"):
            options = _options(reader, entry.options or [], kind, where, at)
        rows: tuple[str, ...] = ()
        row_show_if: list[tuple[str, Condition]] = []
        if kind == "impact_grid":
            rows = _grid_rows(reader, entry.characteristics, known, where, at)
            for characteristic, raw_condition in (entry.row_show_if or {}).items():
                needles = (key("row_show_if"), key(characteristic))
                if characteristic not in rows:
                    reader.report(
                        f"{where}: row_show_if names '{characteristic}', which is not a row "
                        "of this grid",
                        *at,
                        *needles,
                    )
                    continue
                condition = conditions.condition(raw_condition, where, (*at, *needles))
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
    reader: Reader, raw_options: list[dict], kind: str, where: str, at: tuple
) -> tuple[Option, ...]:
    if len(raw_options) < 2:
        reader.report(f"{where}: a {kind} question needs at least two `options`", *at)
    options: list[Option] = []
    for raw in raw_options:
        needle = value(raw["value"]) if isinstance(raw.get("value"), str) else key("options")
        entry = reader.table(OptionTable, raw, f"{where} option", *at)
        if entry is None or entry.value is None:
            continue
        if any(o.value == entry.value for o in options):
            reader.report(
                f"{where}: duplicate option '{entry.value}'",
                *at,
                key("options"),
                value(entry.value),
                value(entry.value),
            )
        if entry.exclusive and kind != "multiple_choice":
            reader.report(f"{where}: `exclusive` is only for multiple_choice options", *at, needle)
        options.append(
            Option(entry.value, entry.label or "", entry.hint or "", bool(entry.exclusive))
        )
    return tuple(options)


def _grid_rows(reader: Reader, raw: object, known: list[str], where: str, at: tuple):
    if raw is None or raw == "all":
        return tuple(known)
    if not isinstance(raw, list) or not raw or not all(isinstance(c, str) for c in raw):
        reader.report(
            f'{where}: `characteristics` must be "all" or a list of characteristic ids',
            *at,
            key("characteristics"),
        )
        return ()
    for characteristic in raw:
        if characteristic not in known:
            reader.report(
                f"{where}: unknown characteristic '{characteristic}' (not in this rule set's "
                "catalogues for its jurisdiction)",
                *at,
                key("characteristics"),
                value(characteristic),
            )
    return tuple(c for c in raw if c in known)
