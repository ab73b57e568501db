from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from ..models import PipelineItem


def home(request):
    return render(request, "eia/home.html", {"decisions_at_risk": _at_risk(request.user)})


def _at_risk(user):
    """Decisions close to their date without a signed-off assessment, for equality officers."""
    from .. import authorization
    from ..selectors import decisions

    if not authorization.has_permission(
        user, authorization.Permission.REVIEW_ASSESSMENT, organisation_id=user.organisation_id
    ):
        return None
    return decisions.decisions_at_risk(user=user)


def pipeline_list(request):
    items = PipelineItem.objects.visible_to(request.user).select_related(
        "directorate", "owner", "decision_maker"
    )
    return render(request, "eia/pipeline_list.html", {"items": items})


def pipeline_detail(request, pk: int):
    # Another organisation's item is indistinguishable from one that does not exist.
    item = get_object_or_404(
        PipelineItem.objects.visible_to(request.user).select_related(
            "directorate", "owner", "decision_maker"
        ),
        pk=pk,
    )
    from workflows import rules  # the workflow builds on the core, not the other way round

    return render(
        request,
        "eia/pipeline_detail.html",
        {
            "item": item,
            "assessments": item.assessments.order_by("-version"),
            "can_start": rules.can_start(request.user, item)
            and not item.assessments.live().exists(),
        },
    )


@login_not_required
def accessibility(request):
    return render(request, "eia/accessibility.html")
