"""Adding a proposal to the pipeline and changing its facts, in the service (no admin detour):
the project manager adds what they own, the equality lead names who acts. Every change goes
through eia.services.pipeline, so it is on the item's history and its assessment's trail."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed
from eia.models import PipelineItem
from eia.services import pipeline

from ..forms.pipeline import PipelineItemForm
from .common import status_of


def _lead(user) -> bool:
    return has_permission(
        user, Permission.MANAGE_REFERENCE_DATA, organisation_id=user.organisation_id
    )


def pipeline_add(request):
    user = request.user
    if not (
        _lead(user)
        or has_permission(user, Permission.START_ASSESSMENT, organisation_id=user.organisation_id)
    ):
        raise NotAllowed("Only project managers and the equality lead can add proposals.")
    form = PipelineItemForm(
        request.POST or None, organisation=user.organisation, lead=_lead(user), editing=False
    )
    if request.method == "POST" and form.is_valid():
        facts = form.facts()
        facts.setdefault("owner", user)
        try:
            item = pipeline.add_item(by=user, organisation_id=user.organisation_id, facts=facts)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Added to the pipeline as {item.reference}.")
            return redirect("pipeline_detail", pk=item.pk)
    return render(
        request,
        "workflows/pipeline_form.html",
        {"form": form, "heading": "Add a proposal to the pipeline"},
        status=status_of(form),
    )


def pipeline_edit(request, pk: int):
    item = get_object_or_404(PipelineItem.objects.visible_to(request.user), pk=pk)
    lead = _lead(request.user)
    if not (lead or request.user.pk == item.owner_id):
        raise NotAllowed("Only the proposal's owner or the equality lead can change it.")
    initial = {name: getattr(item, name) for name in pipeline.FACTS}
    form = PipelineItemForm(
        request.POST or None,
        organisation=item.organisation,
        lead=lead,
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.change_item(
                item_id=item.pk,
                by=request.user,
                changes=form.facts(),
                reason=form.cleaned_data.get("reason", ""),
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The proposal's details are saved.")
            return redirect("pipeline_detail", pk=item.pk)
    return render(
        request,
        "workflows/pipeline_form.html",
        {"form": form, "item": item, "heading": f"Change {item.reference}"},
        status=status_of(form),
    )
