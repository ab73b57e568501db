"""Reading the conditions of a rule file into the classes of `conditions`.

A condition is a table with exactly one key from CONDITION_KINDS (`answer` with exactly one of
ANSWER_OPERATORS); `all`, `any` and `not` nest. A condition that cannot be read is reported
where it is and read as None, and so is anything it is part of.
"""

from __future__ import annotations

from .conditions import (
    ANSWER_OPERATORS,
    CONDITION_KINDS,
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
from .model import DIRECTIONS, ID, LEVELS
from .schema import ImpactMatchTable, ImpactTable, Reader
from .source import key, value


class ConditionParser:
    """Reads the conditions of one rule-set file, reporting problems to its reader."""

    def __init__(self, reader: Reader, grids: list[str]):
        self.reader = reader
        self.grids = grids  # ids of impact-grid questions, for conditions that omit one

    def levels(self, raw: object, name: str, allowed: tuple[str, ...], where: str, at: tuple):
        values = [raw] if isinstance(raw, str) else raw
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            self.reader.report(
                f"{where}: `{name}` must be one of {', '.join(allowed)} or a list", *at
            )
            return None
        for v in values:
            if v not in allowed:
                self.reader.report(
                    f"{where}: unknown {name} '{v}'; use {', '.join(allowed)}", *at, value(v)
                )
                return None
        return tuple(values)

    def impact(self, raw: object, kind: str, where: str, at: tuple) -> ImpactMatch | None:
        model = ImpactTable if kind == "impact" else ImpactMatchTable
        entry = self.reader.table(model, raw, f"{where} `{kind}`", *at)
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
                self.reader.report(
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
            self.reader.report(f"{where}: a condition must be a table like {{answer = ...}}", *at)
            return None
        kinds = [k for k in raw if k in CONDITION_KINDS]
        if len(kinds) != 1:
            unknown = [k for k in raw if k not in CONDITION_KINDS + ANSWER_OPERATORS]
            if unknown:
                self.reader.report(
                    f"{where}: unknown condition kind `{unknown[0]}`; "
                    f"use one of {', '.join(CONDITION_KINDS)}",
                    *at,
                    key(unknown[0]),
                )
            else:
                self.reader.report(
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
            self.reader.report(f"{where}: unexpected `{extra}` beside `{kind}`", *at, key(extra))
            return None
        if kind in ("any_impact", "impact"):
            return self.impact(body, kind, where, (*at, key(kind)))
        if kind == "characteristic_enabled":
            if not isinstance(body, str) or not ID.match(body):
                self.reader.report(
                    f"{where}: `characteristic_enabled` must be an id", *at, key(kind)
                )
                return None
            return CharacteristicEnabled(body)
        if kind == "not":
            inner = self.condition(body, where, (*at, key(kind)))
            return Not(inner) if inner is not None else None
        if not isinstance(body, list) or not body:
            self.reader.report(
                f"{where}: `{kind}` must be a non-empty list of conditions", *at, key(kind)
            )
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
            self.reader.report(f"{where}: `answer` must be a question id", *at, key("answer"))
            return None
        if others:
            self.reader.report(
                f"{where}: unknown condition kind `{others[0]}`; with `answer` use one of "
                f"{', '.join(ANSWER_OPERATORS)}",
                *at,
                key(others[0]),
            )
            return None
        if len(operators) != 1:
            self.reader.report(
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
                self.reader.report(f"{where}: `equals` must be a string", *here)
                return None
            return AnswerEquals(question, operand)
        if operator == "answered":
            if not isinstance(operand, bool):
                self.reader.report(f"{where}: `answered` must be true or false", *here)
                return None
            return Answered(question, operand)
        values = [operand] if operator == "includes" and isinstance(operand, str) else operand
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            self.reader.report(f"{where}: `{operator}` must be a non-empty list of strings", *here)
            return None
        return (AnswerIn if operator == "in" else AnswerIncludes)(question, tuple(values))
