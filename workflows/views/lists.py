"""The lists the equality lead keeps for the organisation (no admin detour): directorates and
decision bodies with their meeting dates, which the pipeline's forms choose from, and the
agenda deadline sign-off falls due at, and the screening rules screenings start with."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from eia import screening
from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed
from eia.models import DecisionBody, Directorate
from eia.services import reference_data, rulesets

from ..forms.lists import (
    AgendaDeadlineForm,
    DecisionBodyForm,
    NameForm,
    PublicContactForm,
    ScreeningRulesetForm,
)
from .common import status_of


def _organisation_of_lead(request):
    user = request.user
    if not has_permission(
        user, Permission.MANAGE_REFERENCE_DATA, organisation_id=user.organisation_id
    ):
        raise NotAllowed("Only the equality lead keeps the organisation's lists.")
    return user.organisation


def lists(request):
    organisation = _organisation_of_lead(request)
    form = NameForm(request.POST or None, prefix="directorate")
    if request.method == "POST" and form.is_valid():
        try:
            reference_data.save_directorate(by=request.user, name=form.cleaned_data["name"])
        except InvalidInput as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, "Directorate added.")
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/lists.html",
        {
            "form": form,
            "directorates": organisation.directorates.all(),
            "bodies": DecisionBody.objects.filter(organisation=organisation).prefetch_related(
                "meetings"
            ),
            "today": datetime.date.today(),
            "ruleset_in_use": screening.ruleset_in_use(organisation),
            "agenda_changes": organisation.setting_changes.filter(setting="agenda_deadline_days")[
                :5
            ],
        },
        status=status_of(form),
    )


def agenda_deadline_edit(request):
    organisation = _organisation_of_lead(request)
    form = AgendaDeadlineForm(
        request.POST or None, initial={"working_days": organisation.agenda_deadline_days}
    )
    if request.method == "POST" and form.is_valid():
        try:
            reference_data.set_agenda_deadline(
                by=request.user, working_days=form.cleaned_data["working_days"]
            )
        except InvalidInput as error:
            form.add_error("working_days", error.message)
        else:
            messages.success(request, "Agenda deadline saved.")
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/list_item.html",
        {"form": form, "heading": "Change the agenda deadline"},
        status=status_of(form),
    )


def public_contact_edit(request):
    organisation = _organisation_of_lead(request)
    form = PublicContactForm(
        request.POST or None,
        initial={
            "contact": organisation.public_contact,
            "other_formats": organisation.other_formats,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            reference_data.set_public_contact(
                by=request.user,
                contact=form.cleaned_data["contact"],
                other_formats=form.cleaned_data["other_formats"],
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Contact details saved. Public pages show them now.")
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/list_item.html",
        {"form": form, "heading": "Change the public contact details"},
        status=status_of(form),
    )


def screening_ruleset_edit(request):
    organisation = _organisation_of_lead(request)
    choices = screening.released_choices(organisation.nation)
    form = ScreeningRulesetForm(
        request.POST or None,
        choices=choices,
        initial={"choice": screening.ruleset_setting(organisation)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rulesets.set_screening_ruleset(by=request.user, choice=form.cleaned_data["choice"])
        except InvalidInput as error:
            form.add_error("choice", error.message)
        else:
            messages.success(
                request, "Screening rules saved. Screenings started from now on use them."
            )
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/screening_ruleset.html",
        {
            "form": form,
            "choices": choices,
            "organisation": organisation,
            "in_use": screening.ruleset_in_use(organisation),
            "changes": organisation.setting_changes.filter(setting=rulesets.SETTING)[:5],
        },
        status=status_of(form),
    )


def directorate_edit(request, pk: int):
    organisation = _organisation_of_lead(request)
    directorate = get_object_or_404(Directorate, pk=pk, organisation=organisation)
    form = NameForm(request.POST or None, initial={"name": directorate.name})
    if request.method == "POST" and form.is_valid():
        try:
            reference_data.save_directorate(
                by=request.user, name=form.cleaned_data["name"], directorate_id=directorate.pk
            )
        except InvalidInput as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, "Directorate renamed.")
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/list_item.html",
        {"form": form, "heading": f"Rename {directorate.name}"},
        status=status_of(form),
    )


def decision_body_edit(request, pk: int | None = None):
    organisation = _organisation_of_lead(request)
    body = get_object_or_404(DecisionBody, pk=pk, organisation=organisation) if pk else None
    initial = {"active": True}
    if body is not None:
        upcoming = body.meetings.filter(date__gte=datetime.date.today())
        initial = {
            "name": body.name,
            "active": body.active,
            "meetings": "\n".join(f"{m.date.day} {m.date.month} {m.date.year}" for m in upcoming),
        }
    form = DecisionBodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = reference_data.save_decision_body(
                by=request.user,
                name=data["name"],
                body_id=body.pk if body else None,
                active=data["active"],
            )
            reference_data.set_meetings(by=request.user, body_id=saved.pk, dates=data["meetings"])
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("organisation_lists")
    return render(
        request,
        "workflows/list_item.html",
        {"form": form, "heading": f"Change {body.name}" if body else "Add a decision body"},
        status=status_of(form),
    )
