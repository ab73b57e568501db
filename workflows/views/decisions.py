"""One page per decision task: the equality officer's screening review and full review, the
decision-maker's sign-off, and publication. Each is reached from the stage table's `page`."""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html

from eia import audit, duty_modules, quality, summary
from eia.errors import InvalidInput, NotAllowed
from eia.models import ScreeningOutcome, State
from eia.services.sections import editable_sections

from .. import returns, rules, services
from ..forms.decisions import (
    AssessmentReviewForm,
    PublishForm,
    ScreeningReviewForm,
    SignOffForm,
)
from ..selectors import assessments
from .assessment import screening_context
from .common import assessment_or_404, status_of, to_assessment
from .previews import public_url


def _refuse_out_of_turn(request, assessment, task) -> None:
    """A POST from an up-to-date page, by someone who may not do the task, is a 403 before any
    form validation. (A POST from an out-of-date page is left to the service: 409.)"""
    posted = request.POST.get("seen", "")
    if (
        task is not None
        and posted.isdigit()
        and int(posted) >= audit.head(assessment)
        and not rules.can_do_task(request.user, assessment, task)
    ):
        raise NotAllowed(rules.why_not(request.user, assessment, task))


def _open_task_page(request, assessment, task, state):
    """Shared by every decision page: a POST out of turn is a 403; a GET when the assessment has
    moved past this task goes back to the assessment; a GET by the wrong person is a 403."""
    if request.method == "POST":
        _refuse_out_of_turn(request, assessment, task)
        return None
    if task is None or task.flow_task.name != state:
        messages.info(request, "The assessment is not at this stage any more.")
        return to_assessment(assessment.pk)
    if not rules.can_do_task(request.user, assessment, task):
        raise NotAllowed(rules.why_not(request.user, assessment, task))
    return None


def _decision(request, pk, *, state, form_class, template, act, extra=None, form_kwargs=None):
    """Show the decision page; on a valid POST call `act` (a service) and go to the assessment.
    `act` returns the message that says what happened."""
    assessment = assessment_or_404(request, pk)
    task = services.active_task(assessment)
    if moved_on := _open_task_page(request, assessment, task, state):
        return moved_on
    context = {"assessment": assessment, "task": task}
    if extra:
        context |= extra(assessment)
    initial = {"seen": audit.head(assessment)} | context.pop("initial", {})
    form = form_class(request.POST or None, initial=initial, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            message = act(assessment, form.cleaned_data, form)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, message)
            return to_assessment(pk)
    context["form"] = form
    return render(request, template, context, status=status_of(form))


def _since_return(assessment) -> dict:
    """For a resubmission: the return it answers and how many changes the authors made."""
    event = returns.return_before_resubmission(assessment)
    if event is None:
        return {}
    return {"since_return": {"event": event, "count": len(returns.since_return(assessment))}}


def review_screening(request, pk: int):
    def act(assessment, data, form):
        services.review_screening(
            assessment_id=assessment.pk,
            seen=data["seen"],
            by=request.user,
            decision=services.ScreeningDecision(
                outcome=data["decision"],
                reasons=data["reasons"],
                mitigation=data["mitigation"],
                override_reason=data["override_reason"],
            ),
        )
        if data["decision"] == services.RETURN:
            return "The screening has been returned to the author."
        return f"Decision recorded: {ScreeningOutcome(data['decision']).label}."

    return _decision(
        request,
        pk,
        state=State.SCREENING_REVIEW,
        form_class=ScreeningReviewForm,
        template="workflows/review_screening.html",
        act=act,
        extra=lambda assessment: screening_context(assessment) | _since_return(assessment),
    )


def review_assessment(request, pk: int):
    assessment = assessment_or_404(request, pk)

    def act(assessment, data, form):
        approve = data["decision"] == "approve"
        services.review_assessment(
            assessment_id=assessment.pk,
            seen=data["seen"],
            by=request.user,
            approve=approve,
            comment=data["comment"],
            section_comments=form.section_comments(),
        )
        if approve:
            return "Approved and sent for sign-off."
        return "Returned to the author with your comments."

    def extra(assessment):
        return (
            {"flags": quality.quality_flags(assessment)}
            | assessments.whole_assessment(assessment)
            | screening_context(assessment)
            | _since_return(assessment)
        )

    response = _decision(
        request,
        pk,
        state=State.OFFICER_REVIEW,
        form_class=AssessmentReviewForm,
        template="workflows/review_assessment.html",
        act=act,
        extra=extra,
        form_kwargs={
            "sections": [duty_modules.named_section(key) for key in editable_sections(assessment)]
        },
    )
    return response


def sign_off(request, pk: int):
    today = timezone.localdate()
    late = summary.signed_late(today, assessment_or_404(request, pk).pipeline_item.decision_date)

    def act(assessment, data, form):
        sign = data["decision"] == "sign"
        services.decide_sign_off(
            assessment_id=assessment.pk,
            seen=data["seen"],
            by=request.user,
            sign=sign,
            comment=data["comment"],
            attested=data["attested"],
            seen_hash=data["seen_hash"],
            late_reason=data["late_reason"] if sign else "",
        )
        return "You have signed off the assessment." if sign else "Referred back to the author."

    def extra(assessment):
        shown = summary.decision_summary(assessment)
        attestation = summary.attestation_text(
            shown,
            request.user.display_name,
            signed_on=today,
            late_reason="(the reason you give below)",
        )
        return {
            "summary": shown,
            "attestation": attestation,
            "late": late,
            "today": today,
            "initial": {"seen_hash": summary.content_hash(shown)},
        }

    return _decision(
        request,
        pk,
        state=State.AWAITING_SIGN_OFF,
        form_class=SignOffForm,
        template="workflows/sign_off.html",
        act=act,
        extra=extra,
        form_kwargs={"late": late},
    )


def publish(request, pk: int):
    def act(assessment, data, form):
        published = services.publish(
            assessment_id=assessment.pk,
            seen=data["seen"],
            by=request.user,
            review_date=data.get("review_date"),
        )
        return format_html(
            'Published. It is due for review by {}. <a class="govuk-notification-banner__link"'
            ' href="{}">Read the public page</a>.',
            f"{published.review_date:%-d %B %Y}",
            public_url(published),
        )

    return _decision(
        request,
        pk,
        state=State.SIGNED_OFF,
        form_class=PublishForm,
        template="workflows/publish.html",
        act=act,
    )
