"""The screening page: the form generated from the rule set's questions, save and return."""

from django.contrib import messages
from django.shortcuts import redirect, render

from eia import audit, screening
from eia.authorization import can_edit
from eia.errors import NotAllowed
from eia.models import State
from eia.services.screening import save_screening_answers, screening_errors

from ..forms.screening import ScreeningForm
from .assessment import screening_context
from .common import assessment_or_404, to_assessment


def screening_page(request, pk: int):
    assessment = assessment_or_404(request, pk)
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    editable = can_edit(request.user, assessment) and assessment.state == State.SCREENING
    form_args = {
        "ruleset": ruleset,
        "answers": record.answers,
        "characteristics": record.characteristics,
    }
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
    else:
        form = ScreeningForm(initial={"seen": audit.head(assessment)}, **form_args)
        answers = record.answers
    return render(
        request,
        "workflows/screening.html",
        {"assessment": assessment, "form": form, "editable": editable, "items": form.items(answers)}
        | screening_context(assessment),
        status=status,
    )
