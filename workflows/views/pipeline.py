"""The home page and the policy pipeline: the register of upcoming decisions that need due
regard, each with its assessment's versions and, for its owner or the lead, a way to start."""

from django.shortcuts import get_object_or_404, render

from eia.authorization import Permission, has_permission
from eia.models import PipelineItem

from .. import rules
from ..selectors.calendar import at_risk_for_officers


def home(request):
    return render(
        request,
        "workflows/home.html",
        {"decisions_at_risk": at_risk_for_officers(user=request.user)},
    )


def pipeline_list(request):
    items = PipelineItem.objects.visible_to(request.user).select_related(
        "directorate", "owner", "decision_maker"
    )
    org = request.user.organisation_id
    can_add = any(
        has_permission(request.user, permission, organisation_id=org)
        for permission in (Permission.START_ASSESSMENT, Permission.MANAGE_REFERENCE_DATA)
    )
    return render(request, "workflows/pipeline_list.html", {"items": items, "can_add": can_add})


def pipeline_detail(request, pk: int):
    # Another organisation's item is indistinguishable from one that does not exist.
    item = get_object_or_404(
        PipelineItem.objects.visible_to(request.user).select_related(
            "directorate", "owner", "decision_maker"
        ),
        pk=pk,
    )
    return render(
        request,
        "workflows/pipeline_detail.html",
        {
            "item": item,
            "assessments": item.assessments.order_by("-version"),
            "can_start": rules.can_start(request.user, item)
            and not item.assessments.live().exists(),
            "can_change": request.user.pk == item.owner_id
            or has_permission(
                request.user, Permission.MANAGE_REFERENCE_DATA, organisation_id=item.organisation_id
            ),
            "history": item.history.all()[:50],
        },
    )
