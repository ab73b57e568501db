"""The closed set of conditions a rule file may use, and how each is decided.

Conditions are data parsed into these frozen classes; nothing in a rule file is ever executed.
Adding a kind means adding a class and its key here, a branch in `holds`, its parser in
`condition_parsing.py` and a line in README.md — deliberately more work than writing an
expression, so the vocabulary stays small enough for an equality lead to read. The checker
(`checker._Linter`) must learn it too.

`holds` works on *effective* answers (see `engine._walk`): only visible questions,
only well-formed values, impact grids reduced to the rows in scope. So a condition never has to
think about hidden questions, switched-off characteristics or malformed input.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# The keys that make a table a condition, one per table; `answer` takes one of the operators.
CONDITION_KINDS = ("answer", "any_impact", "impact", "characteristic_enabled", "all", "any", "not")
ANSWER_OPERATORS = ("equals", "in", "includes", "answered")

# An impact grid's effective answer: characteristic id -> (level, direction or None).
GridAnswer = Mapping[str, tuple[str, str | None]]


@dataclass(frozen=True)
class AnswerEquals:
    """`{answer = "q", equals = "yes"}`: a yes/no or single-choice answer is this value."""

    question: str
    value: str


@dataclass(frozen=True)
class AnswerIn:
    """`{answer = "q", in = ["a", "b"]}`: a yes/no or single-choice answer is one of these."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class AnswerIncludes:
    """`{answer = "q", includes = ["a", "b"]}`: a multiple-choice answer has any of these ticked."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Answered:
    """`{answer = "q", answered = true}`: the question is visible and has an answer."""

    question: str
    answered: bool


@dataclass(frozen=True)
class ImpactMatch:
    """`any_impact = {...}` (characteristic is None) or `impact = {characteristic = ...}`.

    Matches a row of an impact grid whose level is in `levels` and, when `directions` is not
    empty, whose direction is in `directions`. A row with level none has no direction.
    """

    question: str
    characteristic: str | None
    levels: tuple[str, ...]
    directions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CharacteristicEnabled:
    """`{characteristic_enabled = "rurality"}`: the characteristic is in scope here."""

    characteristic: str


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition = (
    AnswerEquals
    | AnswerIn
    | AnswerIncludes
    | Answered
    | ImpactMatch
    | CharacteristicEnabled
    | AllOf
    | AnyOf
    | Not
)


def holds(condition: Condition, answers: Mapping[str, object], scope: frozenset[str]) -> bool:
    match condition:
        case AnswerEquals(question, value):
            return answers.get(question) == value
        case AnswerIn(question, values):
            return answers.get(question) in values
        case AnswerIncludes(question, values):
            ticked = answers.get(question)
            return isinstance(ticked, tuple) and any(value in ticked for value in values)
        case Answered(question, answered):
            return (question in answers) == answered
        case ImpactMatch():
            return next(impact_matches(condition, answers), None) is not None
        case CharacteristicEnabled(characteristic):
            return characteristic in scope
        case AllOf(conditions):
            return all(holds(c, answers, scope) for c in conditions)
        case AnyOf(conditions):
            return any(holds(c, answers, scope) for c in conditions)
        case Not(inner):
            return not holds(inner, answers, scope)
    raise TypeError(f"not a condition: {condition!r}")  # unreachable for parsed rule files


def impact_matches(
    condition: ImpactMatch, answers: Mapping[str, object]
) -> Iterator[tuple[str, str, str | None]]:
    """Yield (characteristic, level, direction) for each matching grid row, in grid order."""
    grid = answers.get(condition.question)
    if not isinstance(grid, Mapping):
        return
    for characteristic, (level, direction) in grid.items():
        if condition.characteristic is not None and characteristic != condition.characteristic:
            continue
        if level not in condition.levels:
            continue
        if condition.directions and direction not in condition.directions:
            continue
        yield characteristic, level, direction
