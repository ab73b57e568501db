"""The screening form, generated from the rule set's question file.

Fields are never required by the form itself: authors save and return. Completeness is the rule
set's decision (screening_rules.validate_answers), and its messages are put beside the fields.
Impact grid rows become two radio groups per characteristic: `impact__disability__level` and
`impact__disability__direction`.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django import forms

import screening_rules
from eia.forms import GovukForm
from eia.limits import LONG_TEXT
from screening_rules import DIRECTION_OPTIONS, LEVEL_OPTIONS, Question, RuleSet

from .base import seen_field

SEP = "__"


def grid_field(question_id: str, characteristic_id: str, part: str) -> str:
    return f"{question_id}{SEP}{characteristic_id}{SEP}{part}"


@dataclass
class GridRow:
    characteristic: object
    level: forms.BoundField
    direction: forms.BoundField | None


@dataclass
class Item:
    """One question as the template draws it."""

    question: Question
    field: forms.BoundField | None = None
    rows: list[GridRow] = dataclass_field(default_factory=list)


def _choices(options) -> list[tuple[str, str]]:
    return [(option.value, option.label) for option in options]


class ScreeningForm(GovukForm):
    seen = seen_field()

    def __init__(self, *args, ruleset: RuleSet, answers: dict, characteristics, **kwargs):
        super().__init__(*args, **kwargs)
        self.ruleset = ruleset
        self.characteristics = list(characteristics)
        # Every question gets its fields, hidden or not, so answers posted before a question
        # was hidden are still read; the template shows only the visible ones.
        for question in ruleset.questions:
            if question.kind == "impact_grid":
                for characteristic_id in question.characteristics:
                    self._grid_fields(question, characteristic_id)
            else:
                self.fields[question.id] = self._field(question)
        self.apply_govuk_messages()
        self.initial.update(self.to_initial(answers))

    def _field(self, question: Question) -> forms.Field:
        common = {"label": question.label, "help_text": question.hint, "required": False}
        if question.kind in ("yes_no", "single_choice"):
            options = question.options or ()
            return forms.ChoiceField(choices=_choices(options), widget=forms.RadioSelect, **common)
        if question.kind == "multiple_choice":
            return forms.MultipleChoiceField(
                choices=_choices(question.options),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        limit = question.max_length or LONG_TEXT
        common["help_text"] = " ".join(
            filter(None, [question.hint, f"Up to {limit:,} characters."])
        )
        return forms.CharField(max_length=limit, widget=forms.Textarea(attrs={"rows": 4}), **common)

    def _grid_fields(self, question: Question, characteristic_id: str) -> None:
        characteristic = self.ruleset.characteristic(characteristic_id)
        phrase = characteristic.phrase if characteristic else characteristic_id
        inline = forms.RadioSelect(attrs={"class": "govuk-radios--inline"})
        self.fields[grid_field(question.id, characteristic_id, "level")] = forms.ChoiceField(
            label=f"Likely impact on {phrase}",
            choices=_choices(LEVEL_OPTIONS),
            widget=inline,
            required=False,
        )
        if question.ask_direction:
            self.fields[grid_field(question.id, characteristic_id, "direction")] = (
                forms.ChoiceField(
                    label=f"If minor or major: is the impact on {phrase} positive or negative?",
                    choices=_choices(DIRECTION_OPTIONS),
                    widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                    required=False,
                )
            )

    # -- converting between answers (what the rules read) and form fields

    def to_initial(self, answers: dict) -> dict:
        initial = {}
        for question in self.ruleset.questions:
            value = answers.get(question.id)
            if question.kind == "impact_grid":
                for characteristic_id, row in (value or {}).items():
                    if isinstance(row, dict):
                        for part in ("level", "direction"):
                            if row.get(part):
                                initial[grid_field(question.id, characteristic_id, part)] = row[
                                    part
                                ]
            elif value not in (None, ""):
                initial[question.id] = value
        return initial

    def answers(self) -> dict:
        """The cleaned data as the rules read answers; unanswered questions are left out."""
        data = self.cleaned_data
        answers: dict = {}
        for question in self.ruleset.questions:
            if question.kind == "impact_grid":
                grid = {}
                for characteristic_id in question.characteristics:
                    level = data.get(grid_field(question.id, characteristic_id, "level"))
                    direction = data.get(grid_field(question.id, characteristic_id, "direction"))
                    row = {}
                    if level:
                        row["level"] = level
                    if direction and level != "none":
                        row["direction"] = direction
                    if row:
                        grid[characteristic_id] = row
                if grid:
                    answers[question.id] = grid
            else:
                value = data.get(question.id)
                if isinstance(value, str):
                    value = value.strip()
                if value not in (None, "", []):
                    answers[question.id] = value
        return answers

    def add_rule_errors(self, errors) -> None:
        """Put screening_rules.AnswerError messages beside the fields they are about."""
        for error in errors:
            parts = (error.field or error.question_id).split(".")
            name = SEP.join(parts) if len(parts) == 3 else parts[0]
            if name not in self.fields:
                name = None
            if name is None or error.message not in self.errors.get(name, []):
                self.add_error(name, error.message)

    def items(self, answers: dict) -> list[Item]:
        """The visible questions for these answers, with their bound fields."""
        items = []
        visible = screening_rules.visible_questions(self.ruleset, answers, self.characteristics)
        # A question hidden by the answers but carrying an error is shown too, so every link in
        # the error summary has its field on the page.
        errored = {name.split(SEP)[0] for name in (self.errors if self.is_bound else {})}
        shown = [q for q in self.ruleset.questions if q in visible or q.id in errored]
        for question in shown:
            if question.kind == "impact_grid":
                rows = []
                for characteristic in screening_rules.visible_rows(
                    self.ruleset, question, answers, self.characteristics
                ):
                    direction_name = grid_field(question.id, characteristic.id, "direction")
                    rows.append(
                        GridRow(
                            characteristic=characteristic,
                            level=self[grid_field(question.id, characteristic.id, "level")],
                            direction=self[direction_name]
                            if direction_name in self.fields
                            else None,
                        )
                    )
                items.append(Item(question=question, rows=rows))
            else:
                items.append(Item(question=question, field=self[question.id]))
        return items


def answer_summary(ruleset: RuleSet, answers: dict, characteristics) -> list[tuple[str, str]]:
    """(question, answer in words) for every visible question, for read-only pages."""
    return [(label, text) for label, text, _ in answer_rows(ruleset, answers, characteristics)]


def answer_rows(ruleset: RuleSet, answers: dict, characteristics) -> list[tuple[str, str, str]]:
    """(question, answer in words, the id of its first input on the screening page) for every
    visible question: the check-answers page links each row to the input that changes it."""
    rows = []
    for question in screening_rules.visible_questions(ruleset, answers, characteristics):
        value = answers.get(question.id)
        if question.kind == "impact_grid":
            labels = dict(_choices(LEVEL_OPTIONS))
            for characteristic in screening_rules.visible_rows(
                ruleset, question, answers, characteristics
            ):
                row = (value or {}).get(characteristic.id) or {}
                level = labels.get(row.get("level"), "Not answered")
                direction = f", {row['direction']}" if row.get("direction") else ""
                anchor = f"id_{grid_field(question.id, characteristic.id, 'level')}_0"
                rows.append(
                    (f"Likely impact on {characteristic.phrase}", f"{level}{direction}", anchor)
                )
            continue
        options = dict(_choices(question.options or ()))
        if value in (None, "", []):
            text = "Not answered"
        elif isinstance(value, list):
            text = ", ".join(options.get(v, v) for v in value)
        else:
            text = options.get(value, value)
        choice = question.kind in ("yes_no", "single_choice", "multiple_choice")
        rows.append(
            (question.label, text, f"id_{question.id}_0" if choice else f"id_{question.id}")
        )
    return rows
