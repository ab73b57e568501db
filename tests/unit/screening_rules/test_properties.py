"""Property tests: for any answers the questions allow, evaluation never raises, always gives a
reason, and is decided by a rule of the rule set (never by the engine's safety net)."""

from __future__ import annotations

import json

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from screening_rules import (
    OUTCOMES,
    AnswersInvalid,
    available_rulesets,
    evaluate,
    load_ruleset,
    validate_answers,
    visible_questions,
)
from screening_rules.model import NO_RULE_DECIDED

SHIPPED = [(i.id, i.version) for i in available_rulesets()]
# How many examples comes from the profile (tests/conftest.py): quick locally, thorough in CI.
PROPERTY = settings()
TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def answer_for(question):
    """A strategy for one answer the question accepts."""
    if question.kind in ("yes_no", "single_choice"):
        return st.sampled_from([o.value for o in question.options])
    if question.kind == "multiple_choice":
        exclusive = [o.value for o in question.options if o.exclusive]
        others = [o.value for o in question.options if not o.exclusive]
        ticked = st.lists(st.sampled_from(others), min_size=1, unique=True)
        return st.one_of(ticked, *(st.just([value]) for value in exclusive))
    if question.kind == "text":
        short = st.text(TEXT, min_size=1, max_size=40).filter(str.strip)
        return st.one_of(short, st.just("x" * question.max_length))
    return grid_for(question)


def grid_for(question):
    """Rows up to a drawn highest level, so that all-none and all-minor grids are common."""

    def row(level):
        if level == "none" or not question.ask_direction:
            return st.just({"level": level})
        return st.sampled_from(["positive", "negative"]).map(
            lambda d: {"level": level, "direction": d}
        )

    def rows(highest):
        levels = ["none", "minor", "major"][: highest + 1]
        return st.fixed_dictionaries(
            {c: st.sampled_from(levels).flatmap(row) for c in question.characteristics}
        )

    return st.integers(0, 2).flatmap(rows)


@st.composite
def screenings(draw, ruleset):
    """(answers, characteristics switched on): every question answered validly, optional ones
    sometimes left out. Answers to questions that end up hidden stay in, as a saved form's would."""
    switchable = [c.id for c in ruleset.characteristics if c.id not in ruleset.always_in_scope]
    enabled = draw(st.lists(st.sampled_from(switchable), unique=True)) if switchable else []
    answers = {}
    for question in ruleset.questions:
        if not question.required and draw(st.booleans()):
            continue
        answers[question.id] = draw(answer_for(question))
    return answers, enabled


@pytest.mark.parametrize(("ruleset_id", "version"), SHIPPED)
def test_any_allowed_answers_evaluate_to_an_outcome_with_reasons(ruleset_id, version):
    ruleset = load_ruleset(ruleset_id, version)

    @PROPERTY
    @given(screenings(ruleset))
    def check(screening):
        answers, enabled = screening
        assert validate_answers(ruleset, answers, enabled) == []

        result = evaluate(ruleset, answers, enabled)

        assert result.outcome in OUTCOMES
        assert len(result.reasons) >= 1
        assert NO_RULE_DECIDED not in {r.rule_id for r in result.reasons}
        assert all(r.text and "{" not in r.text for r in result.reasons + result.superseded)
        assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
        # Deterministic: the same answers in another order give the identical record.
        reordered = dict(reversed(list(answers.items())))
        assert evaluate(ruleset, reordered, list(reversed(enabled))) == result

    check()


@pytest.mark.parametrize(("ruleset_id", "version"), SHIPPED)
@pytest.mark.parametrize("outcome", OUTCOMES)
def test_answer_strategy_reaches_every_outcome(ruleset_id, version, outcome):
    # Otherwise the properties above could pass while never exercising one of the outcomes.
    ruleset = load_ruleset(ruleset_id, version)
    found = find(
        screenings(ruleset),
        lambda s: evaluate(ruleset, *s).outcome == outcome,
        settings=settings(
            max_examples=2000, database=None, derandomize=True, phases=[Phase.generate]
        ),
    )
    assert evaluate(ruleset, *found).outcome == outcome


@pytest.mark.parametrize(("ruleset_id", "version"), SHIPPED)
def test_answers_to_hidden_questions_never_change_the_result(ruleset_id, version):
    ruleset = load_ruleset(ruleset_id, version)

    @PROPERTY
    @given(screenings(ruleset), st.data())
    def check(screening, data):
        answers, enabled = screening
        shown = {q.id for q in visible_questions(ruleset, answers, enabled)}
        hidden = [q for q in ruleset.questions if q.id not in shown]
        changed = dict(answers)
        for question in hidden:
            changed[question.id] = data.draw(st.one_of(st.none(), answer_for(question)))

        assert evaluate(ruleset, changed, enabled) == evaluate(ruleset, answers, enabled)

    check()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.mark.parametrize(("ruleset_id", "version"), SHIPPED)
def test_any_json_answers_are_either_rejected_or_evaluated(ruleset_id, version):
    ruleset = load_ruleset(ruleset_id, version)
    keys = st.sampled_from([q.id for q in ruleset.questions] + ["not_a_question"])

    @PROPERTY
    @given(st.dictionaries(keys, JSON | st.sampled_from(["yes", "no", "none"])), st.data())
    def check(answers, data):
        enabled = data.draw(st.lists(st.text(max_size=12), max_size=3))
        errors = validate_answers(ruleset, answers, enabled)
        if errors:
            with pytest.raises(AnswersInvalid) as raised:
                evaluate(ruleset, answers, enabled)
            assert raised.value.errors == errors
            assert all(e.message and e.field for e in errors)
        else:
            assert evaluate(ruleset, answers, enabled).outcome in OUTCOMES

    check()
