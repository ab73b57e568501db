"""The screening page: the form generated from the rule set's questions, save and return."""

from django.contrib import messages
from django.shortcuts import redirect, render

from eia import audit, screening
from eia.authorization import can_edit
from eia.errors import NotAllowed
from eia.models import State
from eia.services import drafts as draft_services
from eia.services.screening import RECORD, save_screening_answers, screening_errors

from .. import drafts
from ..forms.screening import ScreeningForm
from .assessment import screening_context
from .common import assessment_or_404, to_assessment


def screening_editable(user, assessment) -> bool:
    return can_edit(user, assessment) and assessment.state == State.SCREENING


def screening_form_args(assessment) -> dict:
    record = assessment.screening
    return {
        "ruleset": screening.pinned_ruleset(record),
        "answers": record.answers,
        "characteristics": record.characteristics,
    }


def screening_page(request, pk: int):
    assessment = assessment_or_404(request, pk)
    record = assessment.screening
    editable = screening_editable(request.user, assessment)
    form_args = screening_form_args(assessment)
    more = {}
    status = 200
    if request.method == "POST":
        if not editable:
            raise NotAllowed("The screening can only be changed by its authors while in screening.")
        form = ScreeningForm(request.POST, **form_args)
        if form.is_valid():
            save_screening_answers(
                assessment_id=pk,
                seen=form.cleaned_data["seen"],
                by=request.user,
                answers=form.answers(),
            )
            draft_services.discard_draft(
                by=request.user, assessment_id=pk, page=drafts.page_of(request, assessment)
            )
            assessment.refresh_from_db()
            if request.POST.get("action") != "continue":
                messages.success(request, "Screening saved. You can come back to it at any time.")
                return to_assessment(pk)
            errors = screening_errors(assessment)
            if not errors:
                return redirect("workflows:submit", pk=pk)
            # Saved, but not complete: show what is missing, on a page as fresh as the save.
            data = request.POST.copy()
            data["seen"] = audit.head(assessment)
            form = ScreeningForm(data, **form_args)
            form.is_valid()
            form.add_rule_errors(errors)
        status = 400
        answers = form.answers() if hasattr(form, "cleaned_data") else record.answers
        more = drafts.autosave(request, assessment, form=form)  # drafted while put right
    else:
        form = ScreeningForm(initial={"seen": audit.head(assessment)}, **form_args)
        answers = record.answers
        if editable:
            form, more = _offer_draft(request, assessment, form, form_args)
    return render(
        request,
        "workflows/screening.html",
        {"assessment": assessment, "form": form, "editable": editable, "items": form.items(answers)}
        | screening_context(assessment)
        | more,
        status=status,
    )


def _offer_draft(request, assessment, form, form_args):
    """The person's own draft of the screening's text answers, restored on request (as on the
    section pages, workflows.views.sections.SectionPage.get)."""
    more = drafts.offered(request, assessment, form=form, records=(RECORD,))
    draft = more.get("draft")
    if draft is None or request.GET.get("draft") != "restore":
        return form, more
    values = drafts.restored_values(draft, form)
    differs = drafts.saved_now(form, values)
    form = ScreeningForm(initial={"seen": audit.head(assessment)}, **form_args)
    form.initial.update(values)  # over the saved answers the form starts from
    more |= {"draft_restored": True}
    if more["draft_changed"]:
        more |= {"conflict": True, "saved_now": differs}
    return form, more
