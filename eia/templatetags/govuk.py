"""Template helpers for GOV.UK markup."""

import datetime

from django import forms, template
from django.utils.html import format_html

register = template.Library()

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


def _kind(widget) -> str:
    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it must be asked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.MultiWidget):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def widget_kind(bound_field) -> str:
    return _kind(bound_field.field.widget)


@register.filter
def described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_widget(bound_field):
    widget = bound_field.field.widget
    classes = next(
        (css for cls, css in _WIDGET_CLASSES.items() if isinstance(widget, cls)), "govuk-input"
    )
    if bound_field.errors:
        classes += f" {classes.split()[0]}--error"
    extra = widget.attrs.get("class", "")
    attrs = {"class": f"{classes} {extra}".strip()}
    described = described_by(bound_field)
    if char_limit(bound_field):
        attrs["class"] += " govuk-js-character-count"
        described = f"{bound_field.auto_id}-info {described}".strip()
    if described:
        attrs["aria-describedby"] = described
    return bound_field.as_widget(attrs=attrs)


@register.filter
def char_limit(bound_field) -> int | None:
    """The limit of a long text box, shown by GOV.UK's character count as people type."""
    field = bound_field.field
    if isinstance(field.widget, forms.Textarea) and getattr(field, "max_length", None):
        return field.max_length
    return None


@register.inclusion_tag("govuk/forms/error_summary.html")
def error_summary(*forms_):
    """Every error of every form given, each linking to its field."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"href": "#main-content", "text": error})
        for bound in form:
            for error in bound.errors:
                target = bound.auto_id
                if _kind(bound.field.widget) in {"radios", "checkboxes", "date"}:
                    target = f"{bound.auto_id}_0"
                items.append({"href": f"#{target}", "text": error})
    return {"items": items}


@register.simple_tag
def govuk_tag(text, colour=""):
    css = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', css, text)


def _one(field: forms.Field, value) -> str:
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, forms.ModelChoiceField):
        found = field.queryset.filter(pk=getattr(value, "pk", value)).first()
        return field.label_from_instance(found) if found is not None else ""
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.DateField) and hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    return str(value)


@register.filter
def shown(bound_field) -> str:
    """A field's value as a reader should see it on a read-only page: choices and people by
    their names, dates as GOV.UK writes them, yes or no, lists joined; never a raw code."""
    field, value = bound_field.field, bound_field.value()
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [getattr(item, "pk", item) for item in (value or [])]
        return ", ".join(
            field.label_from_instance(obj) for obj in field.queryset.filter(pk__in=pks)
        )
    if isinstance(field, forms.MultipleChoiceField):
        return ", ".join(_one(field, item) for item in value or [])
    if isinstance(field, forms.DateField) and isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return _one(field, value)


@register.filter
def govuk_date(value) -> str:
    """A date, or an ISO date string as a frozen snapshot keeps it, as "1 February 2027"."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if not isinstance(value, datetime.date):
        return ""
    return f"{value.day} {value:%B %Y}"
