"""The home page and the policy pipeline: the register of upcoming decisions that need due
regard, each with its assessment's versions and, for its owner or the lead, a way to start."""

from django import forms
from django.shortcuts import get_object_or_404, render

from eia.authorization import Permission, has_permission
from eia.forms import GovukDateField, GovukForm
from eia.models import PipelineItem, State
from eia.pagination import numbered

from .. import notifications, rules
from ..selectors import pipeline
from ..selectors.calendar import at_risk_for_officers
from ..selectors.pipeline import NOT_STARTED


def home(request):
    return render(
        request,
        "workflows/home.html",
        {
            "decisions_at_risk": at_risk_for_officers(user=request.user),
            "waiting": notifications.waiting_for(user=request.user),
        },
    )


class PipelineFilterForm(GovukForm):
    q = forms.CharField(
        label="Reference or title", required=False, max_length=200, help_text="Any part of it"
    )
    directorate = forms.TypedChoiceField(
        label="Directorate",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a directorate from the list"},
    )
    status = forms.ChoiceField(
        label="Assessment status",
        required=False,
        choices=[("", "Any status"), (NOT_STARTED, "Not started"), *State.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    decided_from = GovukDateField(
        label="Decision on or after", required=False, help_text="For example, 1 4 2026"
    )
    decided_to = GovukDateField(
        label="Decision on or before", required=False, help_text="For example, 30 6 2026"
    )

    def __init__(self, *args, directorates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (str(pk), name) for pk, name in directorates
        ]

    def filters(self) -> dict:
        """The valid filters only: a field with an error filters nothing (its message shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: value
            for name, value in data.items()
            if value not in (None, "") and name not in self.errors
        }


def pipeline_list(request):
    form = PipelineFilterForm(
        request.GET or None, directorates=pipeline.directorate_choices(user=request.user)
    )
    filters = form.filters() if request.GET else {}
    filters["directorate_id"] = filters.pop("directorate", None)
    pagination = numbered(request, pipeline.pipeline_items(user=request.user, **filters))
    org = request.user.organisation_id
    return render(
        request,
        "workflows/pipeline_list.html",
        {
            "form": form,
            "pagination": pagination,
            "items": pagination.rows,
            "filtered": bool(request.GET.keys() - {"page"}),
            "can_add": any(
                has_permission(request.user, permission, organisation_id=org)
                for permission in (Permission.START_ASSESSMENT, Permission.MANAGE_REFERENCE_DATA)
            ),
        },
    )


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
            and not item.assessments.live().exists()
            and not item.assessments.published().exists(),
            "published": item.assessments.published().order_by("-version").first(),
            "can_change": request.user.pk == item.owner_id
            or has_permission(
                request.user, Permission.MANAGE_REFERENCE_DATA, organisation_id=item.organisation_id
            ),
            "history": item.history.all()[:50],
        },
    )
