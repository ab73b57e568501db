"""The Equality Framework self-assessment: five areas, read by the organisation's staff and
kept by the equality lead."""

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput
from eia.models import Directorate, User

from ..forms import FrameworkAreaForm, FrameworkEvidenceForm, PeerFeedbackForm, PlanRowForm
from ..framework import Area
from ..models import FrameworkArea, FrameworkEvidence, Objective, PeerFeedback, PlanRow
from ..selectors import plan as plan_selectors
from ..services import framework as services
from .common import posted, require, staff_organisation, status_of

_LEAD = "Only the equality lead records the self-assessment."


def framework(request):
    organisation_id = staff_organisation(request)
    found = {row.area: row for row in FrameworkArea.objects.filter(organisation_id=organisation_id)}
    evidence, feedback = defaultdict(list), defaultdict(list)
    for item in FrameworkEvidence.objects.filter(organisation_id=organisation_id).select_related(
        "assessment__pipeline_item", "objective", "plan_row"
    ):
        evidence[item.area].append(item)
    for item in PeerFeedback.objects.filter(organisation_id=organisation_id).select_related(
        "plan_row"
    ):
        feedback[item.area].append(item)
    return render(
        request,
        "equality/framework.html",
        {
            "areas": [
                (area, found.get(area.value), evidence[area.value], feedback[area.value])
                for area in Area
            ],
            "can_edit": has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=organisation_id
            ),
            "can_keep": has_permission(
                request.user, Permission.KEEP_ACTION_PLAN, organisation_id=organisation_id
            ),
        },
    )


def framework_area(request, area: str):
    organisation_id = require(request, Permission.MANAGE_OBJECTIVES, _LEAD)
    if area not in Area.values:
        raise Http404
    row = FrameworkArea.objects.filter(organisation_id=organisation_id, area=area).first()
    initial = {name: getattr(row, name) for name in services.FIELDS} if row else {}
    form = FrameworkAreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_area(by=request.user, area=area, values=form.cleaned_data)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Self-assessment saved.")
            return redirect("equality:framework")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": Area(area).label,
            "back": "equality:framework",
            "back_text": "Back to the Equality Framework",
        },
        status=status_of(form),
    )


def _area_or_404(area: str) -> Area:
    if area not in Area.values:
        raise Http404
    return Area(area)


def framework_evidence(request, area: str):
    organisation_id = require(request, Permission.MANAGE_OBJECTIVES, _LEAD)
    found = _area_or_404(area)
    form = FrameworkEvidenceForm(
        posted(request),
        objectives=Objective.objects.filter(organisation_id=organisation_id),
        rows=PlanRow.objects.filter(organisation_id=organisation_id).select_related("section"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.link_evidence(by=request.user, area=area, values=form.cleaned_data)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Evidence linked.")
            return redirect("equality:framework")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": f"Link evidence: {found.label}",
            "intro": "An assessment, an objective or a deliverable of the plan that shows the "
            "organisation's work in this area, for the peer challenge to look at.",
            "back": "equality:framework",
            "back_text": "Back to the Equality Framework",
        },
        status=status_of(form),
    )


def framework_feedback(request, area: str):
    require(request, Permission.MANAGE_OBJECTIVES, _LEAD)
    found = _area_or_404(area)
    form = PeerFeedbackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_feedback(by=request.user, area=area, **form.cleaned_data)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Peer challenge feedback recorded.")
            return redirect("equality:framework")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": f"Peer challenge feedback: {found.label}",
            "intro": "One point the peers made. Record each point on its own, so each can be "
            "turned into a deliverable of the action plan.",
            "back": "equality:framework",
            "back_text": "Back to the Equality Framework",
        },
        status=status_of(form),
    )


def feedback_action(request, pk: int):
    organisation_id = require(
        request, Permission.KEEP_ACTION_PLAN, "Only the equality team keeps the action plan."
    )
    feedback = PeerFeedback.objects.filter(pk=pk, organisation_id=organisation_id).first()
    if feedback is None:
        raise Http404
    if feedback.plan_row_id is not None:
        return redirect("equality:row_history", feedback.plan_row_id)
    lists = plan_selectors.choices(organisation_id=organisation_id)
    form = PlanRowForm(
        posted(request),
        initial={"key_deliverables": feedback.text, "comment": "From the peer challenge."},
        sections=lists["sections"],
        users=User.objects.filter(organisation_id=organisation_id, is_active=True),
        directorates=Directorate.objects.filter(organisation_id=organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = services.act_on_feedback(
                by=request.user, feedback_id=feedback.pk, values=form.cleaned_data
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Deliverable added to the action plan.")
            return redirect("equality:row_history", row.pk)
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Create a deliverable from the peer challenge",
            "intro": f"{Area(feedback.area).label}: “{feedback.text}”",
            "back": "equality:framework",
            "back_text": "Back to the Equality Framework",
        },
        status=status_of(form),
    )
