"""Validating answers and evaluating a rule set: the part that decides a screening.

One walk over the questions (`_walk`) serves the form, validation and evaluation alike, so they
cannot disagree about which questions are shown: each question's show_if is decided on the
answers to the questions before it, and the answer to a hidden question is ignored, never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .conditions import Condition, holds, impact_matches
from .model import (
    DIRECTIONS,
    FOR_EACH_PLACEHOLDERS,
    LEVELS,
    NO_RULE_DECIDED,
    NO_RULE_DECIDED_TEXT,
    OUTCOMES,
    AnswerError,
    Characteristic,
    Question,
    Reason,
    Result,
    RuleSet,
)

_PLACEHOLDER = re.compile(r"\{(" + "|".join(FOR_EACH_PLACEHOLDERS) + r")\}")


class AnswersInvalid(ValueError):
    """Raised by `evaluate` for answers `validate_answers` rejects: missing required answers must
    never be read as "no", or an incomplete form would be screened out by default."""

    def __init__(self, errors: list[AnswerError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))


@dataclass(frozen=True)
class _Walk:
    visible: tuple[Question, ...]
    # Visible, well-formed answers only; grids as {characteristic: (level, direction | None)} for
    # the rows shown. This is all that conditions ever see.
    effective: dict[str, object]
    # The rows each visible grid shows, in order.
    rows: dict[str, tuple[str, ...]]
    errors: tuple[AnswerError, ...]


def _walk(ruleset: RuleSet, answers: Mapping[str, object], scope: frozenset[str]) -> _Walk:
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a mapping of question id to answer, not {answers!r}")
    visible: list[Question] = []
    effective: dict[str, object] = {}
    rows: dict[str, tuple[str, ...]] = {}
    errors: list[AnswerError] = []
    for question in ruleset.questions:
        if question.show_if is not None and not holds(question.show_if, effective, scope):
            continue
        visible.append(question)
        raw = answers.get(question.id)
        if question.kind == "impact_grid":
            shown = tuple(
                c
                for c in question.characteristics
                if c in scope and _shown(question.row_condition(c), effective, scope)
            )
            rows[question.id] = shown
            grid, grid_errors = _read_grid(ruleset, question, raw, shown)
            errors += grid_errors
            if grid:
                effective[question.id] = grid
        else:
            answer, error = _read(question, raw)
            if error:
                errors.append(AnswerError(question.id, error, question.id))
            elif answer is not None:
                effective[question.id] = answer
    known = {q.id for q in ruleset.questions}
    for question_id in answers:
        if question_id not in known:
            errors.append(
                AnswerError(
                    str(question_id),
                    f"There is no question '{question_id}' in {ruleset.id} v{ruleset.version}",
                    str(question_id),
                )
            )
    return _Walk(tuple(visible), effective, rows, tuple(errors))


def _shown(condition: Condition | None, effective: Mapping[str, object], scope) -> bool:
    return condition is None or holds(condition, effective, scope)


def _read(question: Question, raw: object) -> tuple[object | None, str | None]:
    """(normalised answer or None if unanswered, error message or None)."""
    missing = raw is None or raw == "" or raw == []
    if missing:
        return None, (_required_error(question) if question.required else None)
    if question.kind in ("yes_no", "single_choice"):
        if not isinstance(raw, str) or question.option(raw) is None:
            return None, _required_error(question)
        return raw, None
    if question.kind == "multiple_choice":
        if not isinstance(raw, list) or any(question.option(v) is None for v in raw):
            return None, _required_error(question)
        # Option order, not tick order, so that equal answers evaluate and store identically.
        ticked = tuple(o.value for o in question.options if o.value in raw)
        exclusive = [o for o in question.options if o.exclusive and o.value in ticked]
        if exclusive and len(ticked) > 1:
            return (
                None,
                f'Select "{exclusive[0].label}" on its own, or select the options that apply',
            )
        return ticked, None
    # text
    if not isinstance(raw, str):
        return None, _required_error(question)
    if not raw.strip():
        return None, (_required_error(question) if question.required else None)
    if question.max_length is not None and len(raw) > question.max_length:
        return None, f"Your answer must be {question.max_length:,} characters or less"
    if "\x00" in raw:
        # PostgreSQL cannot store NUL in text, and no one types it: reject rather than lose it.
        return None, "Your answer contains a character that cannot be saved; remove it"
    return raw, None


def _required_error(question: Question) -> str:
    if question.error:
        return question.error
    return {
        "yes_no": "Select yes or no",
        "single_choice": "Select an option",
        "multiple_choice": "Select at least one option",
        "text": "Enter an answer",
    }.get(question.kind, "Answer this question")


def _read_grid(
    ruleset: RuleSet, question: Question, raw: object, shown: tuple[str, ...]
) -> tuple[dict[str, tuple[str, str | None]], list[AnswerError]]:
    rows = raw if isinstance(raw, Mapping) else {}
    grid: dict[str, tuple[str, str | None]] = {}
    errors: list[AnswerError] = []
    for characteristic in shown:
        phrase = _phrase(ruleset, characteristic)
        row = rows.get(characteristic)
        row = row if isinstance(row, Mapping) else {}
        level = row.get("level")
        if level not in LEVELS:
            errors.append(
                AnswerError(
                    question.id,
                    f"Select the likely impact on {phrase}",
                    f"{question.id}.{characteristic}.level",
                )
            )
            continue
        direction = None
        if level != "none" and question.ask_direction:
            direction = row.get("direction")
            if direction not in DIRECTIONS:
                errors.append(
                    AnswerError(
                        question.id,
                        f"Select whether the impact on {phrase} is positive or negative",
                        f"{question.id}.{characteristic}.direction",
                    )
                )
                continue
        grid[characteristic] = (level, direction)
    # Rows for characteristics out of scope or hidden by row_show_if are ignored like hidden
    # questions; a row this grid can never have is a caller's mistake worth reporting.
    for characteristic in rows:
        if characteristic not in question.characteristics:
            errors.append(
                AnswerError(
                    question.id,
                    f"'{characteristic}' is not a group this question asks about",
                    f"{question.id}.{characteristic}",
                )
            )
    return grid, errors


def _phrase(ruleset: RuleSet, characteristic_id: str) -> str:
    characteristic = ruleset.characteristic(characteristic_id)
    return characteristic.phrase if characteristic else characteristic_id


# --- public API ------------------------------------------------------------------------------


def validate_answers(
    ruleset: RuleSet, answers: Mapping[str, object], characteristics: Iterable[str] = ()
) -> list[AnswerError]:
    """Errors in page order, GOV.UK style, for visible questions only; [] when the answers are
    complete. Answers to hidden questions are ignored, not rejected: a form that is saved and
    returned to keeps answers that a later change hid."""
    return list(_walk(ruleset, answers, ruleset.scope(characteristics)).errors)


def visible_questions(
    ruleset: RuleSet, answers: Mapping[str, object], characteristics: Iterable[str] = ()
) -> tuple[Question, ...]:
    """The questions to show for the answers so far, in order."""
    return _walk(ruleset, answers, ruleset.scope(characteristics)).visible


def visible_rows(
    ruleset: RuleSet,
    question: Question | str,
    answers: Mapping[str, object],
    characteristics: Iterable[str] = (),
) -> tuple[Characteristic, ...]:
    """The rows an impact grid shows for these answers and characteristics; () if it is hidden."""
    question_id = question if isinstance(question, str) else question.id
    walk = _walk(ruleset, answers, ruleset.scope(characteristics))
    found = (ruleset.characteristic(c) for c in walk.rows.get(question_id, ()))
    return tuple(c for c in found if c is not None)


def evaluate(
    ruleset: RuleSet, answers: Mapping[str, object], characteristics: Iterable[str] = ()
) -> Result:
    """Decide a screening. Raises AnswersInvalid if `validate_answers` reports anything; for any
    answers it accepts, returns a result with at least one reason and never raises."""
    scope = ruleset.scope(characteristics)
    walk = _walk(ruleset, answers, scope)
    if walk.errors:
        raise AnswersInvalid(list(walk.errors))

    fired: list[tuple[str | None, Reason]] = []  # (outcome or None for a flag, reason)
    flags: set[str] = set()
    for rule in ruleset.rules:
        if rule.when is not None and not holds(rule.when, walk.effective, scope):
            continue
        if rule.for_each_impact is not None:
            texts = [
                _render(rule.reason, ruleset, characteristic, level, direction)
                for characteristic, level, direction in impact_matches(
                    rule.for_each_impact, walk.effective
                )
            ]
        else:
            texts = [rule.reason]
        if not texts:
            continue
        fired += [(rule.outcome, Reason(rule.id, text)) for text in texts]
        if rule.flag:
            flags.add(rule.flag)

    decided = [outcome for outcome, _ in fired if outcome is not None]
    if decided:
        outcome = max(decided, key=OUTCOMES.index)
    else:
        outcome = "full_assessment"
        fired.insert(0, (outcome, Reason(NO_RULE_DECIDED, NO_RULE_DECIDED_TEXT)))
    return Result(
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        outcome=outcome,
        flags=tuple(sorted(flags)),
        reasons=tuple(r for o, r in fired if o == outcome)
        + tuple(r for o, r in fired if o is None),
        superseded=tuple(r for o, r in fired if o is not None and o != outcome),
        characteristics=tuple(sorted(scope)),
    )


def _render(
    template: str, ruleset: RuleSet, characteristic_id: str, level: str, direction: str | None
) -> str:
    characteristic = ruleset.characteristic(characteristic_id)
    values = {
        "name": characteristic.name if characteristic else characteristic_id,
        "phrase": characteristic.phrase if characteristic else characteristic_id,
        "level": level,
        "direction": direction or "",
    }
    # A fixed substitution, not str.format: templates come from files and must not reach
    # attributes or format specs. Double spaces left by an empty {direction} are closed up.
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
    return re.sub(r"  +", " ", text)
