"""The shapes a loaded rule set and a screening result take. All frozen: a loaded rule set is a
released, unchangeable thing, and a result is a record."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .conditions import Condition, ImpactMatch

# Every id a file gives (rule set, catalogue, characteristic, question, option, rule, flag).
ID_PATTERN = "[a-z][a-z0-9_]*"
ID = re.compile(rf"^{ID_PATTERN}$")

# Lowest precedence first: when rules disagree, the later outcome wins, so a proposal is never
# screened out while any rule says it needs more.
OUTCOMES = ("screened_out", "screened_out_with_mitigation", "full_assessment")
DEFAULT_OUTCOME_LABELS = {
    "screened_out": "Screened out",
    "screened_out_with_mitigation": "Screened out with mitigation",
    "full_assessment": "Full assessment required",
}
LEVELS = ("none", "minor", "major")
DIRECTIONS = ("positive", "negative")
QUESTION_KINDS = ("yes_no", "single_choice", "multiple_choice", "text", "impact_grid")
JURISDICTIONS = ("england", "wales", "scotland", "northern_ireland")
CATALOGUE_KINDS = ("protected", "local", "section75")
# The three aims of the Public Sector Equality Duty, Equality Act 2010 s149(1)(a)-(c).
AIMS = ("eliminate", "advance", "foster")

# The reason given when no rule decided an outcome. Shipped rule sets are tested never to reach it;
# it exists so that a gap in a future rule set can only ever ask for more assessment, never less.
NO_RULE_DECIDED = "_no_rule_decided"
NO_RULE_DECIDED_TEXT = (
    "Full assessment required because no rule in this rule set decided the outcome for these "
    "answers; screening never defaults to screened out."
)


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str
    # Completes "the likely impact on ...": "disabled people", "people of different ages".
    phrase: str
    kind: str  # one of CATALOGUE_KINDS
    description: str = ""
    aims: tuple[str, ...] = ()
    employment_only: bool = False
    good_relations: bool = False
    # Empty means every jurisdiction; otherwise rule sets of other jurisdictions leave it out.
    jurisdictions: tuple[str, ...] = ()
    always_in_scope: bool = False


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: int
    title: str
    kind: str
    always_in_scope: bool
    characteristics: tuple[Characteristic, ...]
    path: Path
    sha256: str


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    # GOV.UK "None of these" checkbox: must be ticked on its own.
    exclusive: bool = False


YES_NO_OPTIONS = (Option("yes", "Yes"), Option("no", "No"))
LEVEL_OPTIONS = tuple(Option(level, level.capitalize()) for level in LEVELS)
DIRECTION_OPTIONS = tuple(Option(direction, direction.capitalize()) for direction in DIRECTIONS)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # one of QUESTION_KINDS
    label: str
    hint: str = ""
    options: tuple[Option, ...] = ()  # yes_no gets YES_NO_OPTIONS
    required: bool = True
    max_length: int | None = None  # text only
    show_if: Condition | None = None
    # impact_grid only: the rows it can have, in catalogue order. Which are shown depends on the
    # characteristics in scope and on row_show_if.
    characteristics: tuple[str, ...] = ()
    ask_direction: bool = True
    row_show_if: tuple[tuple[str, Condition], ...] = ()
    # GOV.UK error message for a missing or invalid answer ("Select whether ...").
    error: str = ""

    def option(self, value: object) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def row_condition(self, characteristic: str) -> Condition | None:
        return dict(self.row_show_if).get(characteristic)


# What a reason of a rule with for_each_impact may say about the matching row: {name} of the
# characteristic, its {phrase}, and the row's {level} and {direction}.
FOR_EACH_PLACEHOLDERS = ("name", "phrase", "level", "direction")


@dataclass(frozen=True)
class Rule:
    id: str
    # A template; rules with for_each_impact may use FOR_EACH_PLACEHOLDERS, such as {phrase}.
    reason: str
    when: Condition | None = None
    # Exactly one of outcome and flag is set: each flag then has its own reason.
    outcome: str | None = None
    flag: str | None = None
    # Fire once per matching impact-grid row, in catalogue order, with that row in the reason.
    for_each_impact: ImpactMatch | None = None


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: int
    title: str
    jurisdiction: str
    released_on: date  # the file's `released` date
    description: str
    path: Path
    sha256: str
    catalogues: tuple[Catalogue, ...]
    # Every characteristic this rule set knows, in catalogue order (after jurisdiction filtering).
    characteristics: tuple[Characteristic, ...]
    # Always in scope whatever the organisation switched on: the catalogues' statutory lists plus
    # the rule set's own additions (e.g. socio-economic disadvantage in Wales and Scotland).
    always_in_scope: tuple[str, ...]
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    flags: tuple[Flag, ...]
    outcome_labels: tuple[tuple[str, str], ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def characteristic(self, characteristic_id: str) -> Characteristic | None:
        return next((c for c in self.characteristics if c.id == characteristic_id), None)

    def scope(self, enabled: Iterable[str] = ()) -> frozenset[str]:
        """The characteristics in scope: the always-in-scope ones plus those the organisation
        switched on. Ids this rule set does not know are ignored (see `unknown_characteristics`):
        an organisation may switch on something an older rule set predates."""
        return frozenset(self.always_in_scope) | (
            _ids(enabled) & {c.id for c in self.characteristics}
        )

    def unknown_characteristics(self, enabled: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(_ids(enabled) - {c.id for c in self.characteristics}))

    def outcome_label(self, outcome: str) -> str:
        return dict(self.outcome_labels).get(outcome, DEFAULT_OUTCOME_LABELS.get(outcome, outcome))

    def flag_label(self, flag_id: str) -> str:
        return next((f.label for f in self.flags if f.id == flag_id), flag_id)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def _ids(values: Iterable[str]) -> set[str]:
    # A lone string is one id, not a sequence of one-letter ids.
    return {values} if isinstance(values, str) else {v for v in values if isinstance(v, str)}


@dataclass(frozen=True)
class Reason:
    rule_id: str
    text: str


@dataclass(frozen=True)
class Result:
    ruleset_id: str
    ruleset_version: int
    ruleset_sha256: str
    outcome: str
    flags: tuple[str, ...]  # sorted
    # The rules that decided the outcome, then the rules that set flags; file order within each.
    reasons: tuple[Reason, ...]
    # Rules that fired but were outranked (e.g. a mitigated minor impact under a major one). Kept
    # so the officer sees everything the answers triggered.
    superseded: tuple[Reason, ...]
    characteristics: tuple[str, ...]  # the scope used, sorted

    def to_dict(self) -> dict[str, Any]:
        return {
            "ruleset": {
                "id": self.ruleset_id,
                "version": self.ruleset_version,
                "sha256": self.ruleset_sha256,
            },
            "outcome": self.outcome,
            "flags": list(self.flags),
            "reasons": [{"rule_id": r.rule_id, "text": r.text} for r in self.reasons],
            "superseded": [{"rule_id": r.rule_id, "text": r.text} for r in self.superseded],
            "characteristics": list(self.characteristics),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a stored result, e.g. to compare it with a re-evaluation."""
        return cls(
            ruleset_id=data["ruleset"]["id"],
            ruleset_version=data["ruleset"]["version"],
            ruleset_sha256=data["ruleset"]["sha256"],
            outcome=data["outcome"],
            flags=tuple(data["flags"]),
            reasons=tuple(Reason(r["rule_id"], r["text"]) for r in data["reasons"]),
            superseded=tuple(Reason(r["rule_id"], r["text"]) for r in data["superseded"]),
            characteristics=tuple(data["characteristics"]),
        )


@dataclass(frozen=True)
class Problem:
    """Something wrong in a rule or catalogue file, with where to look."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class AnswerError:
    """A GOV.UK-style error for one answer. `field` names the input to link to from the error
    summary: the question id, or "<grid>.<characteristic>.level|direction" for an impact grid."""

    question_id: str
    message: str
    field: str

    def __iter__(self) -> Iterator[str]:  # unpacks as (question_id, message)
        return iter((self.question_id, self.message))
