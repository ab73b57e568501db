"""The structure of catalogue and rule-set files: the keys of each table, their types, which are
required. Checking a table against its model finds the structural problems of the first pass
(see `parsing`): unknown keys (a typo like `show_iff` would otherwise be silently ignored),
missing keys and mistyped values.

Each table is checked on its own as the parser reaches it, not the whole file at once, so that
problems come out in file order, each once, in the words authors know, at the line `Source` finds
for the table and key; and a table with a bad key still gives its good ones to the checks that
follow. Validation is strict: TOML types its own values, so nothing is coerced (a quoted "true"
is not true, a number is not a string).
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, InstanceOf, StringConstraints, ValidationError

from .model import ID, Problem
from .source import Needle, Source, key

_IdText = Annotated[str, StringConstraints(pattern=ID.pattern)]

# Each kind of value a key may hold; the description completes "`<key>` must be ...". Each admits
# None because a key that is missing or fails its check is None in what `Reader.table` returns;
# TOML has no null, so None never comes from a file.
Str = Annotated[str | None, Field(description="a string")]
Id = Annotated[_IdText | None, Field(description="an id (lower case a-z, 0-9, _)")]
Int = Annotated[int | None, Field(description="a whole number")]
Bool = Annotated[bool | None, Field(description="true or false")]
# Any date, so a TOML date-time too (a datetime is a date), as before the schema was declared.
Date = Annotated[InstanceOf[date] | None, Field(description="a date like 2026-04-01")]
Ids = Annotated[list[_IdText] | None, Field(description="a list of ids")]
Strs = Annotated[list[str] | None, Field(description="a list of strings")]
Table = Annotated[dict[str, Any] | None, Field(description="a table")]
Tables = Annotated[list[dict[str, Any]] | None, Field(description="a list of tables")]


class _Table(BaseModel):
    # python-re: the id pattern must mean exactly what `model.ID` means.
    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")


class CatalogueFile(_Table):
    catalogue: Table
    characteristics: Tables


class CatalogueTable(_Table):
    """`[catalogue]`."""

    id: Id
    version: Int
    title: Str
    kind: Str
    always_in_scope: Bool = None
    released: Date
    description: Str = None


class CharacteristicTable(_Table):
    """`[[characteristics]]`."""

    id: Id
    name: Str
    phrase: Str
    description: Str = None
    aims: Ids = None
    employment_only: Bool = None
    good_relations: Bool = None
    jurisdictions: Ids = None


class RuleSetFile(_Table):
    ruleset: Table
    outcomes: Table = None  # its keys are outcomes, checked by the parser
    flags: Tables = None
    questions: Tables
    rules: Tables


class RuleSetTable(_Table):
    """`[ruleset]`."""

    id: Id
    version: Int
    title: Str
    jurisdiction: Str
    catalogues: Strs
    released: Date
    description: Str = None
    always_in_scope: Ids = None


class FlagTable(_Table):
    """`[[flags]]`."""

    id: Id
    label: Str
    description: Str = None


class QuestionTable(_Table):
    """`[[questions]]`; the parser checks which keys each kind of question may have."""

    id: Id
    kind: Str
    label: Str
    hint: Str = None
    required: Bool = None
    error: Str = None
    show_if: Table = None
    max_length: Int = None
    options: Tables = None
    characteristics: Any = None  # "all" or a list of ids, checked against the catalogues
    ask_direction: Bool = None
    row_show_if: Table = None


class OptionTable(_Table):
    """One of a question's `options`."""

    value: Id
    label: Str
    hint: Str = None
    exclusive: Bool = None


class RuleTable(_Table):
    """`[[rules]]`."""

    id: Id
    reason: Str
    when: Table = None
    for_each_impact: Table = None
    outcome: Str = None
    flag: Id = None


class ImpactMatchTable(_Table):
    """The body of `any_impact = {...}` and of a rule's `for_each_impact = {...}`."""

    question: Id = None
    level: Any  # a level or a list of levels, checked by the condition parser
    direction: Any = None  # likewise


class ImpactTable(ImpactMatchTable):
    """The body of `impact = {...}`: one row of the grid."""

    characteristic: Id


T = TypeVar("T", bound=_Table)


class Reader:
    """Collects the problems found in one file, each at its line."""

    def __init__(self, src: Source):
        self.src = src
        self.problems: list[Problem] = []

    def report(self, message: str, table: str | None, index: int | None, *needles: Needle) -> None:
        """table, index and needles locate the problem: see `Source.line`."""
        self.problems.append(self.src.problem(message, table, index, *needles))

    def table(
        self,
        model: type[T],
        data: object,
        where: str,
        table: str | None,
        index: int | None,
        *needles: Needle,
    ) -> T | None:
        """The table read against its model, or None if it is not a table at all.

        Unknown keys are reported first, then missing and mistyped ones in the model's order; a
        key with a problem is None in the result. `where` names the table in messages; table,
        index and needles lead to it when it is nested, so that problems point into it."""
        if not isinstance(data, dict):
            self.report(f"{where} must be a table", table, index, *needles)
            return None
        try:
            return model.model_validate(data)
        except ValidationError as invalid:
            errors = invalid.errors()
        names = list(model.model_fields)
        failed: dict[str, str] = {}  # key -> pydantic's error type, its first error only
        for error in errors:
            name = str(error["loc"][0])
            if error["type"] == "extra_forbidden":
                hint = difflib.get_close_matches(name, names, n=1)
                suggestion = f"; did you mean `{hint[0]}`?" if hint else ""
                self.report(
                    f"{where}: unknown key `{name}`{suggestion}", table, index, *needles, key(name)
                )
            else:
                failed.setdefault(name, error["type"])
        for name, field in model.model_fields.items():
            if failed.get(name) == "missing":
                self.report(f"{where}: `{name}` is missing", table, index, *needles)
            elif name in failed:
                self.report(
                    f"{where}: `{name}` must be {field.description}",
                    table,
                    index,
                    *needles,
                    key(name),
                )
        return model.model_construct(
            **{name: None if name in failed else data.get(name) for name in names}
        )
