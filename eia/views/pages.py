from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from ..models import PipelineItem


def home(request):
    return render(request, "eia/home.html")


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
