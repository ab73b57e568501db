"""Cumulative impact and the programmes (budget rounds) that group proposals: for each group,
every live or recently decided proposal with an adverse impact on it."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput
from eia.models import PipelineItem
from eia.pagination import numbered

from ..forms import CumulativeFilterForm, ProgrammeForm
from ..models import Programme
from ..selectors import cumulative
from ..services import programmes as services
from .common import require, staff_organisation, status_of

_LEAD = "Only the equality lead keeps the programmes and budget rounds."
# Impacts a page: the page is grouped as before, each group's heading counting all its pages.
PER_PAGE = 50


def cumulative_impact(request):
    organisation_id = staff_organisation(request)
    programmes = list(Programme.objects.filter(organisation_id=organisation_id))
    form = CumulativeFilterForm(request.GET or None, programmes=programmes)
    programme_id = form.cleaned_data["programme"] if form.is_bound and form.is_valid() else None
    organisation = request.user.organisation
    impacts = cumulative.impacts(organisation=organisation, programme_id=programme_id)
    pagination = numbered(request, impacts, per_page=PER_PAGE)
    return render(
        request,
        "equality/cumulative.html",
        {
            "form": form,
            "pagination": pagination,
            "groups": cumulative.grouped(
                pagination.rows, organisation=organisation, totals=cumulative.totals(impacts)
            ),
            "programme": next((p for p in programmes if p.pk == programme_id), None),
            "recent_days": cumulative.RECENT.days,
        },
        status=status_of(form),
    )


def programmes(request):
    organisation_id = staff_organisation(request)
    return render(
        request,
        "equality/programmes.html",
        {
            "programmes": Programme.objects.filter(organisation_id=organisation_id)
            .prefetch_related("items")
            .order_by("name"),
            "can_edit": has_permission(
                request.user, Permission.MANAGE_REFERENCE_DATA, organisation_id=organisation_id
            ),
        },
    )


def programme_detail(request, pk: int):
    organisation_id = staff_organisation(request)
    programme = Programme.objects.filter(pk=pk, organisation_id=organisation_id).first()
    if programme is None:
        raise Http404
    return render(
        request,
        "equality/programme.html",
        {
            "programme": programme,
            "items": programme.items.select_related("directorate").order_by("decision_date"),
            "groups": cumulative.by_group(
                organisation=request.user.organisation, programme_id=programme.pk
            ),
            "recent_days": cumulative.RECENT.days,
            "can_edit": has_permission(
                request.user, Permission.MANAGE_REFERENCE_DATA, organisation_id=organisation_id
            ),
        },
    )


def programme_edit(request, pk: int | None = None):
    organisation_id = require(request, Permission.MANAGE_REFERENCE_DATA, _LEAD)
    programme = None
    if pk is not None:
        programme = Programme.objects.filter(pk=pk, organisation_id=organisation_id).first()
        if programme is None:
            raise Http404
    since = datetime.date.today() - datetime.timedelta(days=365)
    items = PipelineItem.objects.filter(organisation_id=organisation_id, decision_date__gte=since)
    initial = {}
    if programme is not None:
        initial = {
            "name": programme.name,
            "description": programme.description,
            "items": list(programme.items.values_list("pk", flat=True)),
        }
    form = ProgrammeForm(request.POST or None, initial=initial, items=items.order_by("reference"))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_programme(
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                item_ids=form.cleaned_data["items"],
                programme_id=programme.pk if programme else None,
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Programme saved.")
            return redirect("equality:programme", saved.pk)
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Add a programme or budget round"
            if programme is None
            else f"Change {programme.name}",
            "back": "equality:programmes",
            "back_text": "Back to the programmes",
        },
        status=status_of(form),
    )
