"""The form of a duty module's section, built from the module file: one field per question
(per aim, for a per-aim question), the "not required" declaration when the module has one, the
staleness token and the completion question. Nothing is required here: the lawful minimum is
checked at submission (eia.quality), so an author can save a section half done."""

from django import forms

from eia.limits import LONG_TEXT
from screening_rules.duty_modules import DutyModule

from .sections import SectionForm, _limit_hints


def _aim_label(question, aim) -> str:
    return f"{question.label} {aim.label[:1].lower()}{aim.label[1:]}?"


class DutyModuleForm(SectionForm):
    def __init__(self, *args, module: DutyModule, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        for question in module.questions:
            if question.kind == "per_aim":
                for aim in module.aims:
                    self.fields[f"{question.id}__{aim.id}"] = forms.CharField(
                        label=_aim_label(question, aim),
                        help_text=aim.hint,
                        max_length=question.max_length,
                        widget=forms.Textarea,
                        required=False,
                    )
            elif question.kind == "text":
                self.fields[question.id] = forms.CharField(
                    label=question.label,
                    help_text=question.hint,
                    max_length=question.max_length,
                    widget=forms.Textarea,
                    required=False,
                )
            else:
                self.fields[question.id] = forms.ChoiceField(
                    label=question.label,
                    help_text=question.hint,
                    choices=question.options,
                    widget=forms.RadioSelect,
                    required=False,
                )
        if module.not_required is not None:
            self.fields["not_required"] = forms.BooleanField(
                label=module.not_required.label, required=False
            )
            self.fields["not_required_reasons"] = forms.CharField(
                label=module.not_required.reasons_label,
                help_text=module.not_required.hint,
                max_length=LONG_TEXT,
                widget=forms.Textarea,
                required=False,
            )
        # The completion question comes last, after the module's own questions.
        self.fields["completed"] = self.fields.pop("completed")
        self.apply_govuk_messages()
        _limit_hints(self)

    def clean(self):
        data = super().clean()
        if data.get("not_required") and not (data.get("not_required_reasons") or "").strip():
            self.add_error("not_required_reasons", "Give the reasons an assessment is not required")
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        answers: dict = {}
        for question in self.module.questions:
            if question.kind == "per_aim":
                answers[question.id] = {
                    aim.id: data.get(f"{question.id}__{aim.id}", "") for aim in self.module.aims
                }
            else:
                answers[question.id] = data.get(question.id, "")
        return answers

    @staticmethod
    def initial_from(module: DutyModule, row) -> dict:
        if row is None:
            return {}
        initial: dict = {}
        for question in module.questions:
            value = row.answers.get(question.id)
            if question.kind == "per_aim" and isinstance(value, dict):
                initial |= {f"{question.id}__{aim}": text for aim, text in value.items()}
            elif isinstance(value, str):
                initial[question.id] = value
        if module.not_required is not None:
            initial |= {
                "not_required": row.not_required,
                "not_required_reasons": row.not_required_reasons,
            }
        return initial
