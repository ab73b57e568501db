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
