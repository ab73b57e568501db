"""The equality action plan's pages: the plan (its deliverables, filtered and paginated),
the assessments' actions under the objectives, downloads, and the equality team's edits."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput
from eia.models import Action, Directorate, User
from eia.pagination import numbered

from .. import exports
from ..forms import LinkForm, PlanFilterForm, PlanRowForm, SectionForm
from ..models import ActionObjective, Objective, PlanRow
from ..selectors import plan as selectors
from ..services import plan as services
from ..targets import parse
from .common import require, staff_organisation, status_of

_KEEPERS = "Only the equality team keeps the action plan."
UNLINKED_SHOWN = 20


def _filters(request, organisation_id: int):
    lists = selectors.choices(organisation_id=organisation_id)
    directorates = list(Directorate.objects.filter(organisation_id=organisation_id))
    form = PlanFilterForm(request.GET or None, directorates=directorates, **lists)
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        filters = selectors.Filters(**form.cleaned_data)
    return form, filters, lists


def action_plan(request):
    organisation_id = staff_organisation(request)
    form, filters, lists = _filters(request, organisation_id)
    page = numbered(request, selectors.rows(organisation_id=organisation_id, filters=filters))
    return render(
        request,
        "equality/action_plan.html",
        {
            "form": form,
            "pagination": page,
            "rows": [(row, parse(row.target_text)) for row in page.rows],
            "objectives": lists["objectives"],
            "query": request.GET.urlencode(),
            "can_keep": has_permission(
                request.user, Permission.KEEP_ACTION_PLAN, organisation_id=organisation_id
            ),
            "today": datetime.date.today(),
        },
        status=status_of(form),
    )


def plan_actions(request):
    organisation_id = staff_organisation(request)
    form, filters, lists = _filters(request, organisation_id)
    page = numbered(
        request, selectors.linked_actions(organisation_id=organisation_id, filters=filters)
    )
    can_keep = has_permission(
        request.user, Permission.KEEP_ACTION_PLAN, organisation_id=organisation_id
    )
    unlinked, unlinked_count, suggested = [], 0, {}
    if can_keep:
        found = selectors.unlinked_actions(organisation_id=organisation_id)
        unlinked_count = found.count()
        unlinked = list(found[:UNLINKED_SHOWN])
        suggested = selectors.previous_links(unlinked)
    return render(
        request,
        "equality/plan_actions.html",
        {
            "form": form,
            "pagination": page,
            "unlinked": [(action, suggested.get(action.pk)) for action in unlinked],
            "unlinked_count": unlinked_count,
            "any_suggested": bool(suggested),
            "query": request.GET.urlencode(),
            "today": datetime.date.today(),
        },
        status=status_of(form),
    )


@require_POST
def carry_links(request):
    require(request, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    linked = services.carry_links_forward(by=request.user)
    messages.success(
        request, f"{linked} action{'' if linked == 1 else 's'} linked as in the version before."
    )
    return redirect("equality:plan_actions")


def download(request, kind: str):
    organisation_id = staff_organisation(request)
    _form, filters, _lists = _filters(request, organisation_id)
    if kind == "csv":
        return exports.csv_response(organisation_id=organisation_id, filters=filters)
    return exports.xlsx_response(organisation_id=organisation_id, filters=filters)


def section_add(request):
    organisation_id = require(request, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    objectives = Objective.objects.filter(organisation_id=organisation_id)
    form = SectionForm(request.POST or None, objectives=objectives)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(
                by=request.user,
                objective_id=form.cleaned_data["objective"],
                title=form.cleaned_data["title"],
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Section added.")
            return redirect("equality:action_plan")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Add a section to the action plan",
            "back": "equality:action_plan",
            "back_text": "Back to the action plan",
        },
        status=status_of(form),
    )


def row_edit(request, pk: int | None = None):
    organisation_id = require(request, Permission.KEEP_ACTION_PLAN, _KEEPERS)
    row = None
    if pk is not None:
        row = PlanRow.objects.filter(pk=pk, organisation_id=organisation_id).first()
        if row is None:
            raise Http404
    lists = selectors.choices(organisation_id=organisation_id)
    initial = {}
    if row is not None:
        initial = {name.removesuffix("_id"): getattr(row, name) for name in services.ROW_FIELDS}
    form = PlanRowForm(
        request.POST or None,
        initial=initial,
        sections=lists["sections"],
        users=User.objects.filter(organisation_id=organisation_id, is_active=True),
        directorates=Directorate.objects.filter(organisation_id=organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_row(
                by=request.user, values=form.cleaned_data, row_id=row.pk if row else None
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Action plan saved.")
            return redirect("equality:action_plan")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Add a deliverable" if row is None else f"Update: {row.overview}",
            "back": "equality:action_plan",
            "back_text": "Back to the action plan",
        },
        status=status_of(form),
    )


def row_history(request, pk: int):
    organisation_id = staff_organisation(request)
    row = (
        PlanRow.objects.filter(pk=pk, organisation_id=organisation_id)
        .select_related("section__objective", "peer_feedback")
        .first()
    )
    if row is None:
        raise Http404
    return render(
        request,
        "equality/row_history.html",
        {
            "row": row,
            "target": parse(row.target_text),
            "changes": [
                (
                    change,
                    [
                        (services.ROW_LABELS.get(name, name), *values)
                        for name, values in change.changes.items()
                    ],
                )
                for change in row.changes.all()[:100]
            ],
        },
    )


def action_link(request, action_id: int):
    organisation_id = staff_organisation(request)
    action = (
        Action.objects.filter(pk=action_id, assessment__organisation_id=organisation_id)
        .select_related("assessment__pipeline_item")
        .first()
    )
    if action is None:
        raise Http404
    link = ActionObjective.objects.filter(action=action).first()
    form = LinkForm(
        request.POST or None,
        initial={"objective": link.objective_id if link else None},
        objectives=Objective.objects.filter(organisation_id=organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.link_action(
                by=request.user, action_id=action.pk, objective_id=form.cleaned_data["objective"]
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The action's objective is saved.")
            return redirect("equality:plan_actions")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": f"Link an action to an objective: {action.title}",
            "intro": f"From the assessment of {action.assessment.pipeline_item.title}.",
            "back": "equality:plan_actions",
            "back_text": "Back to the actions from assessments",
        },
        status=status_of(form),
    )
