"""GOV.UK Design System form rendering for plain Django forms.

`{{ form }}` renders each field with label, hint, error message and the right GOV.UK classes;
`{% error_summary form %}` renders the summary that links to each bad field. Forms subclass
GovukForm/GovukModelForm so that every text field has a length limit the user is told about.
"""

import datetime

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern, not a browser date picker)."""

    template_name = "govuk/forms/date_input.html"

    def __init__(self, attrs=None):
        boxes = [
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        ]
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}_{suffix}") or "").strip() for suffix in ("0", "1", "2")
        )
        if not (day or month or year):
            return ""
        # An ISO string DateField can parse; an impossible date fails its "Enter a real date".
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


# Dates outside these years are typing mistakes, and near the ends of Python's calendar they
# make date arithmetic overflow.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


class GovukDateField(forms.DateField):
    widget = GovukDateInput
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2027"}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST_YEAR} and {LATEST_YEAR}", code="invalid"
            )
        return day


class GovukFormMixin:
    """GOV.UK-style error messages: "Enter ...", "Select ...", and size limits in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_govuk_messages()

    def apply_govuk_messages(self) -> None:
        """Call again after adding fields dynamically."""
        for field in self.fields.values():
            label = str(field.label or "").rstrip("?").lower()
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                    field.error_messages["required"] = f"Select {label}"
                else:
                    field.error_messages["required"] = f"Enter {label}"
            max_length = getattr(field, "max_length", None)
            if max_length:
                field.error_messages["max_length"] = (
                    f"{field.label} must be {max_length:,} characters or fewer"
                )
                # Never let the browser cut text silently: the limit is explained by the
                # character count as people type and by this message if they go over.
                field.widget.attrs.pop("maxlength", None)


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
