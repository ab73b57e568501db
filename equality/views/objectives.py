"""The equality objectives: everyone in the organisation reads them; the lead sets them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput

from ..forms import ObjectiveForm
from ..models import Objective
from ..selectors.objectives import objectives_of, refresh_for
from ..services import objectives as services
from .common import require, staff_organisation, status_of


def objectives(request):
    organisation_id = staff_organisation(request)
    return render(
        request,
        "equality/objectives.html",
        {
            "objectives": objectives_of(organisation_id=organisation_id),
            "refresh": refresh_for(organisation_id=organisation_id),
            "can_edit": has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=organisation_id
            ),
        },
    )


def objective_edit(request, pk: int | None = None):
    organisation_id = require(
        request, Permission.MANAGE_OBJECTIVES, "Only the equality lead sets the objectives."
    )
    objective = None
    if pk is not None:
        objective = Objective.objects.filter(pk=pk, organisation_id=organisation_id).first()
        if objective is None:
            raise Http404
    initial = (
        {} if objective is None else {name: getattr(objective, name) for name in services.FIELDS}
    )
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_objective(
                by=request.user,
                values=form.cleaned_data,
                objective_id=None if objective is None else objective.pk,
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Objective saved.")
            return redirect("equality:objectives")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Add an equality objective" if objective is None else "Change the objective",
            "back": "equality:objectives",
            "back_text": "Back to the objectives",
        },
        status=status_of(form),
    )
