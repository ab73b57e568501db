"""The decision record page: an officer records the decision once it is taken (date, outcome,
body, minute) and corrects it with a reason; everyone in the organisation reads it and its
history."""

from django.contrib import messages
from django.shortcuts import render

from eia.errors import InvalidInput, NotAllowed
from eia.models import DecisionBody
from eia.services import decisions

from ..forms.decision_record import DecisionRecordForm
from .common import assessment_or_404, status_of, to_assessment


def decision_record(request, pk: int):
    assessment = assessment_or_404(request, pk)
    now = decisions.current(assessment)
    can_record = (
        decisions.may_record(request.user, assessment)
        and assessment.state in decisions.DECIDABLE_STATES
    )
    if request.method == "POST" and not can_record:
        raise NotAllowed("Only an equality officer or the equality lead records the decision.")
    bodies = DecisionBody.objects.filter(organisation_id=assessment.organisation_id)
    choices = [(b.pk, b.name) for b in bodies if b.active or (now and now.body_id == b.pk)]
    initial = {"current": now.pk if now else None}
    if now is not None:
        initial |= {
            "taken_on": now.taken_on,
            "outcome": now.outcome,
            "body": now.body_id,
            "minute_reference": now.minute_reference,
            "minute_url": now.minute_url,
        }
    else:
        named = next((b for b in bodies if b.name == assessment.pipeline_item.decision_body), None)
        initial["body"] = named.pk if named else None
    form = DecisionRecordForm(
        request.POST or None, initial=initial, bodies=choices, correcting=now is not None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decisions.record_decision(
                assessment_id=assessment.pk,
                by=request.user,
                taken_on=data["taken_on"],
                outcome=data["outcome"],
                body_id=data["body"],
                minute_reference=data["minute_reference"],
                minute_url=data["minute_url"],
                reason=data.get("reason", ""),
                seen_record=data["current"],
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Decision record corrected." if now else "Decision recorded.")
            return to_assessment(pk)
    return render(
        request,
        "workflows/decision_record.html",
        {
            "assessment": assessment,
            "record": now,
            "history": list(assessment.decision_records.order_by("-pk")),
            "form": form if can_record else None,
        },
        status=status_of(form),
    )
