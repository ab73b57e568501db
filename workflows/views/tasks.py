"""Task lists (your tasks, the team queue) and who holds a task (claim, release, reassign)."""

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from eia.errors import InvalidInput, NotAllowed
from eia.models import User
from eia.pagination import numbered
from eia.selectors import actions

from .. import rules, services
from ..forms.decisions import ReassignForm
from ..selectors import calendar, tasks
from ..stages import task_stage
from .common import assessment_or_404, to_assessment


def my_tasks(request):
    pagination = numbered(request, tasks.your_tasks(user=request.user))
    return render(
        request,
        "workflows/my_tasks.html",
        {
            "rows": tasks.rows_of(pagination.rows),
            "pagination": pagination,
            "your_actions": actions.actions_for(user=request.user, limit=ACTIONS_SHOWN),
            "actions_total": actions.your_actions(user=request.user).count(),
        },
    )


# Your tasks names the soonest actions; all of them are a page of their own.
ACTIONS_SHOWN = 10


def my_actions(request):
    pagination = numbered(request, actions.your_actions(user=request.user))
    return render(
        request,
        "workflows/my_actions.html",
        {"your_actions": actions.rows_of(pagination.rows), "pagination": pagination},
    )


def team_queue(request):
    pagination = numbered(request, tasks.queue_tasks(user=request.user))
    return render(
        request,
        "workflows/team_queue.html",
        {
            "rows": tasks.rows_of(pagination.rows),
            "pagination": pagination,
            "claimed": tasks.claimed_by_colleagues(user=request.user),
            "decisions_at_risk": calendar.at_risk_for_officers(user=request.user),
        },
    )


@require_POST
def claim(request, task_id: int):
    task = services.claim_task(task_id=task_id, by=request.user)
    messages.success(request, "You have claimed the task. It is now in your tasks.")
    return to_assessment(task.process.assessmentprocess.assessment_id)


@require_POST
def release(request, task_id: int):
    task = services.release_task(task_id=task_id, by=request.user)
    messages.success(request, "The task is back in the team queue.")
    return to_assessment(task.process.assessmentprocess.assessment_id)


def reassign(request, pk: int, task_id: int):
    assessment = assessment_or_404(request, pk)
    task = services.active_task(assessment)
    if task is None or task.pk != task_id:
        messages.info(request, "That task is finished; the assessment has moved on.")
        return to_assessment(pk)
    if not rules.can_reassign(request.user, assessment):
        raise NotAllowed("Only the equality lead can reassign tasks.")
    candidates = [
        user.pk
        for user in User.objects.filter(organisation_id=assessment.organisation_id, is_active=True)
        if rules.may_hold(user, assessment, task.flow_task.name) and user.pk != task.owner_id
    ]
    form = ReassignForm(request.POST or None, candidates=User.objects.filter(pk__in=candidates))
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign_task(
                task_id=task.pk, to_user_id=form.cleaned_data["to"].pk, by=request.user
            )
        except InvalidInput as error:
            form.add_error("to", error.message)
        else:
            messages.success(request, f"Reassigned to {form.cleaned_data['to'].display_name}.")
            return to_assessment(pk)
    return render(
        request,
        "workflows/reassign.html",
        {"assessment": assessment, "task": task, "stage": task_stage(task), "form": form},
    )
