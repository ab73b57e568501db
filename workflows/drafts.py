"""Drafts on the authors' pages: what a draft keeps of a form, and what the page shows of one.

A draft (eia/models/drafts.py) keeps the form's long text boxes, each with its own limit from
the form (eia.limits), keyed by the page's address relative to the assessment's. The page
offers it back in a banner ("Restore the draft", server-rendered: no JavaScript needed);
`workflows/static/workflows/drafts.js` saves it while the person types."""

from django import forms
from django.urls import get_script_prefix, reverse

from eia.selectors.drafts import changed_since, draft_of


def text_fields(form) -> dict[str, tuple[str, int]]:
    """The form's long text boxes, each with (its label, its limit): what a draft keeps."""
    return {
        name: (str(field.label or name), field.max_length)
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and isinstance(field.widget, forms.Textarea)
        and field.max_length
    }


def root_of(assessment_id: int) -> str:
    return reverse("workflows:assessment", args=[assessment_id])


def page_of(request, assessment) -> str:
    """The page's draft key: its address after the assessment's, e.g. "full/proposal/"."""
    root = root_of(assessment.pk)
    return request.path[len(root) :] if request.path.startswith(root) else ""


def path_info_of(assessment_id: int, page: str) -> str:
    """The path a draft key stands for, as the URL resolver reads it (no script prefix)."""
    return "/" + (root_of(assessment_id) + page)[len(get_script_prefix()) :]


def autosave(request, assessment, *, form) -> dict:
    """What an editable page's form needs to be drafted as the person types: its key and where
    to save it (nothing when the form has no long text)."""
    page = page_of(request, assessment)
    if not page or not text_fields(form):
        return {}
    return {
        "draft_page": page,
        "draft_url": reverse("workflows:draft_save", args=[assessment.pk]),
        "draft_discard_url": reverse("workflows:draft_discard", args=[assessment.pk]),
    }


def offered(request, assessment, *, form, records: tuple[str, ...]) -> dict:
    """On opening the page: the autosave, and the person's own draft of this form if there is
    one, with the edit that changed the record since the draft began (if any)."""
    context = autosave(request, assessment, form=form)
    if not context:
        return {}
    draft = draft_of(user=request.user, assessment=assessment, page=context["draft_page"])
    if draft is not None:
        context |= {"draft": draft, "draft_changed": changed_since(draft, records=records)}
    return context


def restored_values(draft, form) -> dict[str, str]:
    """The draft's text for the form's own long text boxes (a field it no longer has is left)."""
    fields = text_fields(form)
    return {name: text for name, text in draft.fields.items() if name in fields}


def saved_now(form, values: dict[str, str]) -> list[tuple[str, str]]:
    """What is saved now in each field where the draft differs, for the merge view."""
    return [
        (label, str(form[name].value() or ""))
        for name, (label, _) in text_fields(form).items()
        if name in values and str(form[name].value() or "") != values[name]
    ]
