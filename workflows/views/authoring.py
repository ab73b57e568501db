"""The authors' pages around the sections: starting an assessment or a review, submitting the
current stage, co-authors, and withdrawing unfinished work."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from eia import audit
from eia.authorization import can_manage_co_authors, is_author
from eia.errors import InvalidInput, NotAllowed
from eia.models import State, User
from eia.quality import Problem
from eia.services.co_authors import add_co_author, remove_co_author

from .. import presenters, rules, services
from ..check_answers import check_answers
from ..forms.base import SeenForm
from ..forms.decisions import CoAuthorForm, SubmitForm, WithdrawForm
from ..selectors import assessments
from ..stages import Holder, stage_of, task_stage
from .common import assessment_or_404, status_of, to_assessment

SUBMISSIONS = {
    State.SCREENING: services.submit_screening,
    State.FULL_ASSESSMENT: services.submit_full_assessment,
    State.RURALITY_PROOFING: services.submit_rurality_proofing,
}


@require_POST
def start(request, pipeline_pk: int):
    assessment = services.start_assessment(pipeline_item_id=pipeline_pk, by=request.user)
    messages.success(request, "Assessment started. Begin with the screening.")
    return to_assessment(assessment.pk)


def start_review(request, pk: int):
    """Confirm, then reopen a published version as the next one: a new version is a step in
    the record, never one click from a page that was read for something else."""
    assessment = assessment_or_404(request, pk)
    if not rules.can_start_review(request.user, assessment):
        raise NotAllowed("Only an equality officer or the proposal's owner can start a review.")
    form = SeenForm(request.POST or None, initial={"seen": audit.head(assessment)})
    if request.method == "POST":
        if not form.is_valid():
            raise InvalidInput("The page was incomplete. Reload it and try again.")
        review = services.start_review(
            assessment_id=pk, seen=form.cleaned_data["seen"], by=request.user
        )
        messages.success(
            request,
            f"Review started: version {review.version} is open for screening. Version "
            f"{review.version - 1} stays published until this one replaces it.",
        )
        return to_assessment(review.pk)
    return render(request, "workflows/start_review.html", {"assessment": assessment, "form": form})


def submit(request, pk: int):
    """Check your answers, then submit the author's current stage: every answer with a link to
    change it, the screening's computed outcome, and every blocker linked to where it is fixed.
    The submit button is here and nowhere else."""
    assessment = assessment_or_404(request, pk)
    task = services.active_task(assessment)
    if request.method == "POST":
        if not is_author(request.user, assessment):
            raise NotAllowed("Only the author or a co-author of this assessment can submit it.")
        form = SubmitForm(request.POST)
        if not form.is_valid():
            raise InvalidInput("The page was incomplete. Reload it and try again.")
        action = SUBMISSIONS.get(assessment.state)
        if action is None:
            raise InvalidInput("There is nothing to submit at this stage.")
        submitting_state = assessment.state
        try:
            assessment = action(assessment_id=pk, seen=form.cleaned_data["seen"], by=request.user)
        except InvalidInput as error:
            problems = getattr(error, "problems", None) or [Problem("", error.message)]
            return render(
                request,
                "workflows/submit.html",
                {
                    "assessment": assessment,
                    "task": task,
                    "form": form,
                    "problem": error.message,
                    "problems": presenters.problem_links(assessment, problems),
                    "submit_text": stage_of(submitting_state).action,
                    "check": check_answers(assessment),
                },
                status=400,
            )
        messages.success(
            request, f"Submitted. The assessment is now at '{assessment.get_state_display()}'."
        )
        return to_assessment(pk)
    if task is None or task_stage(task).holder is not Holder.AUTHOR:
        messages.info(request, "There is nothing for you to submit at this stage.")
        return to_assessment(pk)
    if not rules.can_do_task(request.user, assessment, task):
        raise NotAllowed(rules.why_not(request.user, assessment, task))
    return render(
        request,
        "workflows/submit.html",
        {
            "assessment": assessment,
            "task": task,
            "form": SubmitForm(initial={"seen": audit.head(assessment)}),
            "submit_text": stage_of(assessment.state).action,
            "check": check_answers(assessment),
        },
    )


def withdraw(request, pk: int):
    assessment = assessment_or_404(request, pk)
    if request.method != "POST" and not rules.can_withdraw(request.user, assessment):
        raise NotAllowed("Only the author, a co-author or the equality lead can withdraw it.")
    form = WithdrawForm(request.POST or None, initial={"seen": audit.head(assessment)})
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                assessment_id=pk,
                seen=form.cleaned_data["seen"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except InvalidInput as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "The assessment has been withdrawn.")
            return to_assessment(pk)
    return render(
        request,
        "workflows/withdraw.html",
        {"assessment": assessment, "form": form},
        status=status_of(form),
    )


def co_authors(request, pk: int):
    assessment = assessment_or_404(request, pk)
    if not can_manage_co_authors(request.user, assessment):
        raise NotAllowed("Only the author or the equality lead can manage co-authors.")
    current = assessments.co_authors(assessment)
    candidates = (
        User.objects.filter(organisation_id=assessment.organisation_id, is_active=True)
        .exclude(pk=assessment.author_id)
        .exclude(pk__in=current.values("pk"))
        .exclude(pk=assessment.pipeline_item.decision_maker_id)
    )
    form = CoAuthorForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        if remove_id := request.POST.get("remove"):
            if not remove_id.isdigit():
                raise InvalidInput("Choose a co-author to remove")
            remove_co_author(assessment_id=pk, by=request.user, user_id=int(remove_id))
            messages.success(request, "Co-author removed.")
            return redirect("workflows:co_authors", pk=pk)
        if form.is_valid():
            try:
                added = add_co_author(
                    assessment_id=pk, by=request.user, user_id=form.cleaned_data["user"].pk
                )
            except InvalidInput as error:
                form.add_error("user", error.message)
            else:
                messages.success(request, f"{added.display_name} can now edit the assessment.")
                return redirect("workflows:co_authors", pk=pk)
    return render(
        request,
        "workflows/co_authors.html",
        {"assessment": assessment, "form": form, "current": current},
        status=status_of(form),
    )
