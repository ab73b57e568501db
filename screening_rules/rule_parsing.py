"""Reading the rules of a rule-set file."""

from __future__ import annotations

from .condition_parsing import ConditionParser
from .model import OUTCOMES, Rule
from .schema import Reader, RuleTable
from .source import key


def parse_rules(
    reader: Reader, conditions: ConditionParser, raw_rules: list[dict]
) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for index, raw in enumerate(raw_rules):
        where = f"rule '{raw.get('id')}'"
        at = ("rules", index)
        entry = reader.table(RuleTable, raw, where, *at)
        if entry is None or entry.id is None:
            continue
        if any(r.id == entry.id for r in rules):
            reader.report(f"duplicate rule id '{entry.id}'", *at, key("id"))
        if (entry.outcome is None) == (entry.flag is None):
            reader.report(f"{where}: set exactly one of `outcome` and `flag`", *at)
        if entry.outcome is not None and entry.outcome not in OUTCOMES:
            reader.report(
                f"{where}: unknown outcome '{entry.outcome}'; use one of {', '.join(OUTCOMES)}",
                *at,
                key("outcome"),
            )
        if entry.when is None and entry.for_each_impact is None:
            reader.report(f"{where}: say when it fires with `when` or `for_each_impact`", *at)
        when = None
        if entry.when is not None:
            when = conditions.condition(entry.when, where, (*at, key("when")))
        for_each = None
        if entry.for_each_impact is not None:
            for_each = conditions.impact(
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
