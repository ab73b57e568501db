"""Screening rules for Due Regard: versioned data files and the small evaluator that reads them.

Plain Python (the standard library, and pydantic for the structure of rule files): nothing here
imports Django. The web app stores each screening's answers and `Result.to_dict()`, which holds
the rule-set id, version and sha256 and the characteristics in scope. To re-evaluate, pass those
back:

    record = Result.from_dict(stored)
    ruleset = load_ruleset(record.ruleset_id, record.ruleset_version,
                           expect_sha256=record.ruleset_sha256)
    evaluate(ruleset, answers, record.characteristics) == record

See README.md for writing a new rule-set version.
"""

from .cli import main, run_check, run_evaluate, run_list, run_lock
from .engine import AnswersInvalid, evaluate, validate_answers, visible_questions, visible_rows
from .layout import DEFAULT_ROOT
from .loading import (
    RuleSetError,
    RuleSetInfo,
    RuleSetNotFound,
    available_rulesets,
    check,
    load_ruleset,
    parse_ref,
    ruleset_versions,
)
from .model import (
    DIRECTION_OPTIONS,
    LEVEL_OPTIONS,
    OUTCOMES,
    AnswerError,
    Catalogue,
    Characteristic,
    Flag,
    Option,
    Problem,
    Question,
    Reason,
    Result,
    Rule,
    RuleSet,
)

__all__ = [
    "DEFAULT_ROOT",
    "DIRECTION_OPTIONS",
    "LEVEL_OPTIONS",
    "OUTCOMES",
    "AnswerError",
    "AnswersInvalid",
    "Catalogue",
    "Characteristic",
    "Flag",
    "Option",
    "Problem",
    "Question",
    "Reason",
    "Result",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "RuleSetInfo",
    "RuleSetNotFound",
    "available_rulesets",
    "check",
    "evaluate",
    "load_ruleset",
    "main",
    "parse_ref",
    "ruleset_versions",
    "run_check",
    "run_evaluate",
    "run_list",
    "run_lock",
    "validate_answers",
    "visible_questions",
    "visible_rows",
]
