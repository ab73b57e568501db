"""Every shipped duty module's section form refuses bad input with a message, never a 500."""

import pytest

from eia.duty_modules import latest
from screening_rules.duty_modules import module_ids
from workflows.forms.duty_modules import DutyModuleForm

SECTION_MODULES = [m for m in module_ids() if not latest(m).stage]


def _form(module, data):
    return DutyModuleForm(data | {"seen": "3"}, module=module)


@pytest.mark.parametrize("module_id", SECTION_MODULES)
def test_text_over_its_limit_is_refused_naming_the_field_and_the_browser_never_cuts(module_id):
    module = latest(module_id)
    form = _form(module, {})
    html = str(form)
    # GOV.UK's character count (data-maxlength) explains the limit; the browser never cuts.
    assert " maxlength=" not in html
    assert "data-maxlength" in html
    for name, field in form.fields.items():
        limit = getattr(field, "max_length", None)
        if not limit:
            continue
        bad = _form(module, {name: "x" * (limit + 1)})
        assert not bad.is_valid()
        assert bad.errors[name] == [f"{field.label} must be {limit:,} characters or fewer"]


@pytest.mark.parametrize("module_id", SECTION_MODULES)
def test_unknown_choices_nul_characters_and_a_bad_token_are_refused(module_id):
    module = latest(module_id)
    form = _form(module, {})
    for name, field in form.fields.items():
        if hasattr(field, "choices") and name != "completed":
            bad = _form(module, {name: "<script>"})
            assert not bad.is_valid() and name in bad.errors
        elif getattr(field, "max_length", None):
            bad = _form(module, {name: "a\x00b"})
            assert not bad.is_valid() and name in bad.errors
    stale = DutyModuleForm({"seen": "-1"}, module=module)
    assert not stale.is_valid() and "seen" in stale.errors


def test_a_not_required_declaration_without_reasons_is_refused():
    module = latest("fairer_scotland")
    form = _form(module, {"not_required": "on", "not_required_reasons": "   "})
    assert not form.is_valid()
    assert form.errors["not_required_reasons"] == ["Give the reasons an assessment is not required"]
    good = _form(module, {"not_required": "on", "not_required_reasons": "Not strategic."})
    assert good.is_valid(), good.errors


def test_a_module_without_a_declaration_has_no_declaration_fields():
    form = _form(latest("welsh_language"), {"not_required": "on"})
    assert "not_required" not in form.fields
    assert form.is_valid()
    assert form.answers()["effects"] == {"opportunities_to_use": "", "no_less_favourably": ""}
