"""The Equality Framework self-assessment: five areas, read by the organisation's staff and
kept by the equality lead."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput

from ..forms import FrameworkAreaForm
from ..framework import Area
from ..models import FrameworkArea
from ..services import framework as services
from .common import require, staff_organisation, status_of


def framework(request):
    organisation_id = staff_organisation(request)
    found = {row.area: row for row in FrameworkArea.objects.filter(organisation_id=organisation_id)}
    return render(
        request,
        "equality/framework.html",
        {
            "areas": [(area, found.get(area.value)) for area in Area],
            "can_edit": has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=organisation_id
            ),
        },
    )


def framework_area(request, area: str):
    organisation_id = require(
        request, Permission.MANAGE_OBJECTIVES, "Only the equality lead records the self-assessment."
    )
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
