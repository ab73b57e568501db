"""Semantic checks of a rule set that loaded: what `python -m screening_rules check` adds to the
structural checks of `parsing`. See the docstring there for why these never stop a load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

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
from .model import FOR_EACH_PLACEHOLDERS, Problem, Question, Rule, RuleSet
from .source import Needle, Source, key, value

# Anything in braces in a reason: a placeholder, whether or not the rule may use it.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class Truth(Enum):
    NEVER = "never"
    MAYBE = "maybe"
    ALWAYS = "always"


def _flip(truth: Truth) -> Truth:
    return {Truth.NEVER: Truth.ALWAYS, Truth.ALWAYS: Truth.NEVER}.get(truth, Truth.MAYBE)


class _Linter:
    """Finds references a rule set cannot satisfy and works out whether a condition can ever be
    true. Deliberately shallow: it does not look for contradictions between two tests."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.positions = {q.id: i for i, q in enumerate(ruleset.questions)}
        self.issues: list[tuple[str, tuple[Needle, ...]]] = []

    def truth(self, condition: Condition, before: int | None) -> Truth:
        """`before`: for show_if, the position of the question asking; it may only look back."""
        match condition:
            case AllOf(parts):
                truths = [self.truth(p, before) for p in parts]
                if Truth.NEVER in truths:
                    return Truth.NEVER
                return Truth.ALWAYS if all(t is Truth.ALWAYS for t in truths) else Truth.MAYBE
            case AnyOf(parts):
                truths = [self.truth(p, before) for p in parts]
                if Truth.ALWAYS in truths:
                    return Truth.ALWAYS
                return Truth.NEVER if all(t is Truth.NEVER for t in truths) else Truth.MAYBE
            case Not(inner):
                return _flip(self.truth(inner, before))
            case CharacteristicEnabled(characteristic):
                if self.ruleset.characteristic(characteristic) is None:
                    return self.issue(
                        f"characteristic_enabled names unknown characteristic '{characteristic}'",
                        value(characteristic),
                    )
                if characteristic in self.ruleset.always_in_scope:
                    return Truth.ALWAYS
                return Truth.MAYBE
            case ImpactMatch():
                return self.impact_truth(condition, before)
            case Answered(question, answered):
                if self.question(question, before) is None:
                    return Truth.ALWAYS if not answered else Truth.NEVER
                return Truth.MAYBE
            case (
                AnswerEquals(question, wanted)
                | AnswerIn(question, wanted)
                | AnswerIncludes(question, wanted)
            ):
                return self.answer_truth(condition, question, wanted, before)
        raise TypeError(condition)

    def issue(self, message: str, *needles: Needle, truth: Truth = Truth.NEVER) -> Truth:
        self.issues.append((message, needles))
        return truth

    def question(self, question_id: str, before: int | None) -> Question | None:
        """The question, or None (with an issue) if it is unknown or not earlier in the file."""
        position = self.positions.get(question_id)
        if position is None:
            self.issue(f"refers to unknown question '{question_id}'", value(question_id))
            return None
        if before is not None and position >= before:
            self.issue(
                f"refers to question '{question_id}', which is not before it; a question can "
                "only depend on questions earlier in the file",
                value(question_id),
            )
            return None
        return self.ruleset.questions[position]

    def answer_truth(self, condition, question_id, wanted, before) -> Truth:
        question = self.question(question_id, before)
        if question is None:
            return Truth.NEVER
        wanted = (wanted,) if isinstance(wanted, str) else wanted
        operator = {AnswerEquals: "equals", AnswerIn: "in", AnswerIncludes: "includes"}[
            type(condition)
        ]
        fits = {
            "equals": ("yes_no", "single_choice"),
            "in": ("yes_no", "single_choice"),
            "includes": ("multiple_choice",),
        }[operator]
        if question.kind not in fits:
            return self.issue(
                f"uses `{operator}` on {question.kind} question '{question_id}'; "
                f"`{operator}` is for {' and '.join(fits)} questions",
                value(question_id),
                key(operator),
            )
        missing = [w for w in wanted if question.option(w) is None]
        for w in missing:
            self.issue(
                f"'{w}' is not an option of question '{question_id}' "
                f"(options: {', '.join(o.value for o in question.options)})",
                value(question_id),
                value(w),
            )
        return Truth.NEVER if len(missing) == len(wanted) else Truth.MAYBE

    def impact_truth(self, condition: ImpactMatch, before: int | None) -> Truth:
        grid = self.question(condition.question, before)
        if grid is None:
            return Truth.NEVER
        if grid.kind != "impact_grid":
            return self.issue(
                f"looks for impacts in question '{grid.id}', which is not an impact_grid",
                value(grid.id),
            )
        truth = Truth.MAYBE
        if condition.characteristic is not None:
            if self.ruleset.characteristic(condition.characteristic) is None:
                truth = self.issue(
                    f"unknown characteristic '{condition.characteristic}' (not in this rule "
                    "set's catalogues for its jurisdiction)",
                    value(condition.characteristic),
                )
            elif condition.characteristic not in grid.characteristics:
                truth = self.issue(
                    f"impact grid '{grid.id}' has no row for '{condition.characteristic}'",
                    value(condition.characteristic),
                )
        if condition.directions and not grid.ask_direction:
            truth = self.issue(
                f"impact grid '{grid.id}' does not ask for a direction, so `direction` never "
                "matches",
                key("direction"),
            )
        elif condition.directions and set(condition.levels) == {"none"}:
            truth = self.issue(
                "an impact of level none has no direction, so `direction` never matches",
                key("direction"),
            )
        return truth


def lint_ruleset(ruleset: RuleSet) -> list[Problem]:
    src = Source.read(ruleset.path)
    problems: list[Problem] = []

    def examine(
        condition: Condition, what: str, never: str, before: int | None, at: tuple
    ) -> Iterator[Problem]:
        linter = _Linter(ruleset)
        truth = linter.truth(condition, before)
        prefix = f"{what} {never}" if truth is Truth.NEVER else what
        for message, needles in linter.issues:
            yield src.problem(f"{prefix}: {message}", *at, *needles)
        if truth is Truth.NEVER and not linter.issues:
            yield src.problem(f"{prefix}: its condition is never true as written", *at)

    for index, question in enumerate(ruleset.questions):
        at = ("questions", index)
        where = f"question '{question.id}'"
        if question.show_if is not None:
            problems += examine(
                question.show_if, where, "is never shown", index, (*at, key("show_if"))
            )
        for characteristic, condition in question.row_show_if:
            problems += examine(
                condition,
                f"{where} row '{characteristic}'",
                "is never shown",
                index,
                (*at, key("row_show_if"), key(characteristic)),
            )

    declared_flags = {f.id for f in ruleset.flags}
    for index, rule in enumerate(ruleset.rules):
        at = ("rules", index)
        where = f"rule '{rule.id}'"
        if rule.when is not None:
            problems += examine(rule.when, where, "can never fire", None, (*at, key("when")))
        if rule.for_each_impact is not None:
            problems += examine(
                rule.for_each_impact, where, "can never fire", None, (*at, key("for_each_impact"))
            )
        if rule.flag is not None and rule.flag not in declared_flags:
            problems.append(
                src.problem(
                    f"{where} sets undeclared flag '{rule.flag}'; declare it under [[flags]]",
                    *at,
                    key("flag"),
                )
            )
        problems += _lint_placeholders(ruleset, rule, src, at)

    used_flags = {r.flag for r in ruleset.rules}
    for index, flag in enumerate(ruleset.flags):
        if flag.id not in used_flags:
            problems.append(src.problem(f"flag '{flag.id}' is set by no rule", "flags", index))

    for characteristic in ruleset.always_in_scope:
        if ruleset.characteristic(characteristic) is None:
            problems.append(
                src.problem(
                    f"[ruleset] always_in_scope names unknown characteristic '{characteristic}'",
                    "ruleset",
                    None,
                    key("always_in_scope"),
                    value(characteristic),
                )
            )
    return problems


def _lint_placeholders(ruleset: RuleSet, rule: Rule, src: Source, at: tuple) -> list[Problem]:
    allowed: tuple[str, ...] = ()
    if isinstance(rule.for_each_impact, ImpactMatch):
        allowed = FOR_EACH_PLACEHOLDERS
        grid = ruleset.question(rule.for_each_impact.question)
        if grid is not None and not grid.ask_direction:
            allowed = tuple(p for p in allowed if p != "direction")
    problems = []
    for name in _PLACEHOLDER.findall(rule.reason):
        if name not in allowed:
            usable = ", ".join("{" + a + "}" for a in allowed) or "none (it has no for_each_impact)"
            problems.append(
                src.problem(
                    f"rule '{rule.id}': reason uses {{{name}}}; this rule can use {usable}",
                    *at,
                    key("reason"),
                )
            )
    return problems
