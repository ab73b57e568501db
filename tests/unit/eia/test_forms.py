"""GOV.UK rendering of Django form widgets."""


def test_multiple_choice_fields_render_as_checkboxes_not_radios():
    from django import forms

    from eia.forms import GovukForm

    class Form(GovukForm):
        many = forms.MultipleChoiceField(
            label="Which?", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        one = forms.ChoiceField(label="One?", choices=[("a", "A")], widget=forms.RadioSelect)

    html = str(Form())
    assert html.count('type="checkbox"') == 2
    assert html.count('type="radio"') == 1


def _every_govuk_form():
    """Every form class of the project (its form modules imported), by the shared mixin."""
    import importlib
    import pkgutil

    import eia
    import signin
    import workflows
    from eia.forms import GovukFormMixin

    for package in (eia, workflows, signin):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if "forms" in module.name or module.name.endswith(".register.filters"):
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {cls for cls in subclasses(GovukFormMixin) if cls.__module__.split(".")[0] != "tests"}


def test_no_limited_field_is_cut_silently_and_going_over_names_the_field():
    """Every limited field of every form: the browser never truncates (no maxlength), a long
    text box shows GOV.UK's character count, and text over the limit is refused with a message
    that names the field and its limit."""
    import copy

    from django import forms

    from eia.forms import GovukForm

    checked = []
    for form_class in _every_govuk_form():
        for name, field in form_class.base_fields.items():
            limit = getattr(field, "max_length", None)
            if not limit or not isinstance(field, forms.CharField):
                continue
            one = type("One", (GovukForm,), {name: copy.deepcopy(field)})
            html = str(one())
            assert " maxlength=" not in html, f"{form_class.__name__}.{name} cuts text silently"
            if isinstance(field.widget, forms.Textarea):
                assert 'data-module="govuk-character-count"' in html, (form_class, name)
            bound = one(data={name: "x" * (limit + 1)})
            assert not bound.is_valid()
            message = f"{field.label} must be {limit:,} characters or fewer"
            assert message in bound.errors[name], (form_class.__name__, name, bound.errors)
            checked.append(f"{form_class.__name__}.{name}")
    assert len(checked) >= 20, checked  # the sections, pipeline, decisions and accounts forms
