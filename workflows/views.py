"""Views are adapters: parse the request, call one service or selector, render.

Domain errors raised by services reach eia.middleware, which turns NotAllowed into 403,
Conflict into 409 and NotFound into 404 pages with their message. InvalidInput is shown beside
the form that caused it, with everything the user typed kept.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eia import audit, screening
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType, label
from eia.models import ScreeningOutcome, Section, State, User
from eia.views import pages

from . import diagram, quality, rules, selectors, services, summary
from .forms import (
    AssessmentReviewForm,
    CoAuthorForm,
    CommentForm,
    PublishForm,
    ReassignForm,
    ScreeningReviewForm,
    SignOffForm,
    SubmitForm,
    WithdrawForm,
)
from .screening_form import ScreeningForm, answer_summary
from .sections import editable_sections
from .stages import STAGE_BY_STATE, TASK_STAGES, Holder, task_stage


def _assessment(request, pk: int):
    assessment = selectors.assessment_for(user=request.user, pk=pk)
    if assessment is None:
        raise Http404
    return assessment


def _to_assessment(pk: int):
    return redirect("workflows:assessment", pk=pk)


# ---------------------------------------------------------------------------------------------
# Task lists


def my_tasks(request):
    from eia.selectors.actions import actions_for

    return render(
        request,
        "workflows/my_tasks.html",
        {
            "rows": selectors.tasks_for(user=request.user),
            "your_actions": actions_for(user=request.user),
        },
    )


def team_queue(request):
    return render(
        request,
        "workflows/team_queue.html",
        {
            "rows": selectors.team_queue(user=request.user),
            "claimed": selectors.claimed_by_colleagues(user=request.user),
            "decisions_at_risk": pages._at_risk(request.user),
        },
    )


@require_POST
def claim(request, task_id: int):
    task = services.claim_task(task_id=task_id, by=request.user)
    assessment_id = task.process.assessmentprocess.assessment_id
    messages.success(request, "You have claimed the task. It is now in your tasks.")
    return _to_assessment(assessment_id)


@require_POST
def release(request, task_id: int):
    task = services.release_task(task_id=task_id, by=request.user)
    messages.success(request, "The task is back in the team queue.")
    return _to_assessment(task.process.assessmentprocess.assessment_id)


def reassign(request, pk: int, task_id: int):
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    if task is None or task.pk != task_id:
        messages.info(request, "That task is finished; the assessment has moved on.")
        return _to_assessment(pk)
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
            return _to_assessment(pk)
    return render(
        request,
        "workflows/reassign.html",
        {
            "assessment": assessment,
            "task": task,
            "stage": task_stage(task),
            "form": form,
        },
    )


# ---------------------------------------------------------------------------------------------
# Starting


@require_POST
def start(request, pipeline_pk: int):
    assessment = services.start_assessment(pipeline_item_id=pipeline_pk, by=request.user)
    messages.success(request, "Assessment started. Begin with the screening.")
    return _to_assessment(assessment.pk)


@require_POST
def start_review(request, pk: int):
    assessment = services.start_review(assessment_id=pk, by=request.user)
    messages.success(
        request,
        f"Review started: version {assessment.version} is open for screening. Version "
        f"{assessment.version - 1} stays published until this one replaces it.",
    )
    return _to_assessment(assessment.pk)


# ---------------------------------------------------------------------------------------------
# The assessment page


def _sections(assessment, task, user) -> list[dict]:
    """The GOV.UK task list: screening, the sections that apply, then the later stages."""
    rows = []
    order = [stage.state for stage in TASK_STAGES]
    now_index = order.index(assessment.state) if assessment.state in order else len(order)
    withdrawn = assessment.state == State.WITHDRAWN

    def stage_status(state) -> str:
        index = order.index(state)
        if withdrawn:
            return "Withdrawn"
        return (
            "Completed"
            if index < now_index
            else "In progress"
            if index == now_index
            else "Cannot start yet"
        )

    screening_status = stage_status(State.SCREENING)
    if screening_status == "In progress" and not assessment.screening.answers:
        screening_status = "Not yet started"
    rows.append(
        {
            "title": STAGE_BY_STATE[State.SCREENING].step,
            "status": screening_status,
            "id": "screening",
            "href": reverse("workflows:screening", args=[assessment.pk]),
        }
    )
    present = editable_sections(assessment)
    if present:
        completed = set(quality.full_of(assessment).completed_sections)
        started = _started_sections(assessment)
        for section in present:
            status = (
                "Completed"
                if section in completed
                else "In progress"
                if section in started
                else "Not yet started"
            )
            rows.append(
                {
                    "title": Section(section).label,
                    "status": status,
                    "id": section,
                    "href": reverse(f"workflows:section_{section}", args=[assessment.pk]),
                }
            )
    for stage in TASK_STAGES:
        if not stage.step or stage.state == State.SCREENING:
            continue  # screening leads the list; the author's sections stand for their stages
        if (
            stage.state == State.OFFICER_REVIEW
            and assessment.screening_outcome
            and (not assessment.screened_in)
        ):
            continue
        rows.append(
            {
                "title": stage.step,
                "status": stage_status(stage.state),
                "id": stage.state,
                "href": "",
            }
        )
    return rows


def _started_sections(assessment) -> set[str]:
    started = set()
    full = quality.full_of(assessment)
    if any(getattr(full, name) for name in ("aims", "who_affected", "what_changes", "budget")):
        started.add(Section.PROPOSAL)
    if full.conclusion or full.changes_made:
        started.add(Section.CONCLUSION)
    for section, related in [
        (Section.EVIDENCE, assessment.evidence),
        (Section.ENGAGEMENT, assessment.engagement),
        (Section.IMPACTS, assessment.impacts),
        (Section.ACTIONS, assessment.actions),
        (Section.RURALITY, assessment.rural_impacts),
    ]:
        if related.exists():
            started.add(section)
    return started


def _actions(user, assessment, task) -> list[dict]:
    """What this user can do now, as links or one-click forms."""
    pk = assessment.pk
    actions = []
    if task is not None:
        stage = task_stage(task)
        if rules.can_do_task(user, assessment, task):
            actions.append(
                {
                    "kind": "submit" if stage.holder is Holder.AUTHOR else "link",
                    "text": stage.action,
                    "url": reverse(stage.page, args=[pk]),
                }
            )
        if rules.can_claim(user, assessment, task):
            actions.append(
                {
                    "kind": "post",
                    "text": "Claim this task",
                    "url": reverse("workflows:claim", args=[task.pk]),
                }
            )
        if rules.can_release(user, assessment, task):
            actions.append(
                {
                    "kind": "post",
                    "text": "Release to the team queue",
                    "secondary": True,
                    "url": reverse("workflows:release", args=[task.pk]),
                }
            )
        if rules.can_reassign(user, assessment):
            actions.append(
                {
                    "kind": "link",
                    "text": "Reassign this task",
                    "secondary": True,
                    "url": reverse("workflows:reassign", args=[pk, task.pk]),
                }
            )
    if rules.can_start_review(user, assessment) and assessment.review_under_way is None:
        actions.append(
            {
                "kind": "post",
                "text": "Start a review (new version)",
                "url": reverse("workflows:start_review", args=[pk]),
            }
        )
    if rules.can_manage_co_authors(user, assessment):
        actions.append(
            {
                "kind": "link",
                "text": "Manage co-authors",
                "secondary": True,
                "url": reverse("workflows:co_authors", args=[pk]),
            }
        )
    if rules.can_withdraw(user, assessment):
        actions.append(
            {
                "kind": "link",
                "text": "Withdraw the assessment",
                "warning": True,
                "url": reverse("workflows:withdraw", args=[pk]),
            }
        )
    return actions


def _latest_return(assessment):
    return (
        assessment.audit_events.filter(
            event_type__in=[
                EventType.SCREENING_RETURNED,
                EventType.ASSESSMENT_RETURNED,
                EventType.REFERRED_BACK,
            ]
        )
        .order_by("-sequence")
        .first()
    )


def assessment_detail(request, pk: int):
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    events = list(assessment.audit_events.order_by("-sequence"))
    labels = dict(State.choices)
    for event in events:
        event.label = label(event.event_type)
        event.from_label = labels.get(event.from_state, "")
        event.to_label = labels.get(event.to_state, "")
    latest_return = _latest_return(assessment)
    show_return = (
        latest_return is not None
        and assessment.state in (State.SCREENING, State.FULL_ASSESSMENT)
        and events
        and events[0].sequence == latest_return.sequence
    )
    stage = STAGE_BY_STATE.get(assessment.state)
    due = selectors.row_for(task, assessment).due if task is not None else None
    return render(
        request,
        "workflows/assessment.html",
        {
            "assessment": assessment,
            "task": task,
            "stage": stage,
            "due": due,
            "sections": _sections(assessment, task, request.user),
            "actions": _actions(request.user, assessment, task),
            "diagram_svg": diagram.render_svg(assessment.state),
            "diagram_text": diagram.describe(assessment.state),
            "events": events,
            "chain": audit.verify_chain(assessment),
            "latest_return": latest_return if show_return else None,
            "co_authors": selectors.co_authors(assessment),
            "versions": selectors.history(assessment),
            "comment_form": CommentForm() if rules.can_comment(request.user, assessment) else None,
            "can_edit": rules.can_edit(request.user, assessment),
        }
        | _screening_context(assessment),
    )


@require_POST
def comment(request, pk: int):
    assessment = _assessment(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(
            assessment_id=assessment.pk, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, "Comment added.")
        return _to_assessment(pk)
    return render(
        request, "workflows/comment.html", {"assessment": assessment, "form": form}, status=400
    )


# ---------------------------------------------------------------------------------------------
# Author stages


def _screening_context(assessment) -> dict:
    """What the rules make of the saved answers, for the screening and review pages."""
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    result = record.result
    return {
        "ruleset": ruleset,
        "result": result,
        "outcome_label": ruleset.outcome_label(result["outcome"]) if result else "",
        "flag_labels": [ruleset.flag_label(flag) for flag in result["flags"]] if result else [],
        "summary": answer_summary(ruleset, record.answers, record.characteristics),
    }


def screening_page(request, pk: int):
    assessment = _assessment(request, pk)
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    editable = rules.can_edit(request.user, assessment) and assessment.state == State.SCREENING
    form_args = {
        "ruleset": ruleset,
        "answers": record.answers,
        "characteristics": record.characteristics,
    }
    status = 200
    if request.method == "POST":
        if not editable:
            raise NotAllowed("The screening can only be changed by its authors while in screening.")
        form = ScreeningForm(request.POST, **form_args)
        if form.is_valid():
            services.save_screening_answers(
                assessment_id=pk,
                by=request.user,
                expected_state=form.cleaned_data["state"],
                answers=form.answers(),
            )
            assessment.refresh_from_db()
            if request.POST.get("action") != "continue":
                messages.success(request, "Screening saved. You can come back to it at any time.")
                return _to_assessment(pk)
            errors = services.screening_errors(assessment)
            if not errors:
                return redirect("workflows:submit", pk=pk)
            form.add_rule_errors(errors)
        status = 400
        answers = form.answers() if hasattr(form, "cleaned_data") else record.answers
    else:
        form = ScreeningForm(initial={"state": assessment.state}, **form_args)
        answers = record.answers
    return render(
        request,
        "workflows/screening.html",
        {"assessment": assessment, "form": form, "editable": editable, "items": form.items(answers)}
        | _screening_context(assessment),
        status=status,
    )


def submit(request, pk: int):
    """Confirm and submit the author's current stage."""
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    if request.method == "POST":
        if not rules.is_author(request.user, assessment):
            raise NotAllowed("Only the author or a co-author of this assessment can submit it.")
        form = SubmitForm(request.POST)
        if not form.is_valid():
            raise InvalidInput("The page was incomplete. Reload it and try again.")
        data = form.cleaned_data
        action = {
            State.SCREENING: services.submit_screening,
            State.FULL_ASSESSMENT: services.submit_full_assessment,
            State.RURALITY_PROOFING: services.submit_rurality_proofing,
        }.get(data["state"])
        if action is None:
            raise InvalidInput("There is nothing to submit at this stage.")
        try:
            assessment = action(
                assessment_id=pk,
                task_id=data["task_id"],
                expected_state=data["state"],
                by=request.user,
            )
        except InvalidInput as error:
            problems = getattr(error, "problems", None) or [
                quality.Problem("", error.message, reverse("workflows:assessment", args=[pk]))
            ]
            return render(
                request,
                "workflows/submit.html",
                {
                    "assessment": assessment,
                    "task": task,
                    "form": form,
                    "problem": error.message,
                    "problems": problems,
                    "submit_text": STAGE_BY_STATE[data["state"]].action,
                },
                status=400,
            )
        messages.success(
            request, f"Submitted. The assessment is now at '{assessment.get_state_display()}'."
        )
        return _to_assessment(pk)
    if task is None or task_stage(task).holder is not Holder.AUTHOR:
        messages.info(request, "There is nothing for you to submit at this stage.")
        return _to_assessment(pk)
    if not rules.can_do_task(request.user, assessment, task):
        raise NotAllowed(rules.why_not(request.user, assessment, task))
    form = SubmitForm(initial={"task_id": task.pk, "state": assessment.state})
    return render(
        request,
        "workflows/submit.html",
        {
            "assessment": assessment,
            "task": task,
            "form": form,
            "submit_text": STAGE_BY_STATE[assessment.state].action,
        },
    )


# ---------------------------------------------------------------------------------------------
# Decisions: one page per decision task


def _refuse_out_of_turn(request, assessment, task) -> None:
    """A POST for the task that is still active, by someone who may not do it, is a 403 before
    any form validation. (A POST for a task that has moved on is left to the service: 409.)"""
    posted = request.POST.get("task_id", "")
    if (
        task is not None
        and posted.isdigit()
        and int(posted) == task.pk
        and not rules.can_do_task(request.user, assessment, task)
    ):
        raise NotAllowed(rules.why_not(request.user, assessment, task))


def _open_task_page(request, assessment, task, node):
    """Shared by every decision page: a POST out of turn is a 403; a GET when the assessment has
    moved past this task goes back to the assessment; a GET by the wrong person is a 403."""
    if request.method == "POST":
        _refuse_out_of_turn(request, assessment, task)
        return None
    if task is None or task.flow_task.name != node:
        messages.info(request, "The assessment is not at this stage any more.")
        return _to_assessment(assessment.pk)
    if not rules.can_do_task(request.user, assessment, task):
        raise NotAllowed(rules.why_not(request.user, assessment, task))
    return None


def _decision(request, pk, *, node, form_class, template, act, extra=None):
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    if moved_on := _open_task_page(request, assessment, task, node):
        return moved_on
    initial = {"task_id": task.pk if task else 0, "state": assessment.state}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            message = act(assessment, form.cleaned_data)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, message)
            return _to_assessment(pk)
    context = {"assessment": assessment, "task": task, "form": form}
    if extra:
        context |= extra(assessment)
    return render(request, template, context, status=400 if form.errors else 200)


def _task_args(request, data):
    return {
        "assessment_id": None,
        "task_id": data["task_id"],
        "expected_state": data["state"],
        "by": request.user,
    }


def review_screening(request, pk: int):
    def act(assessment, data):
        services.review_screening(
            **_task_args(request, data) | {"assessment_id": assessment.pk},
            decision=services.ScreeningDecision(
                outcome=data["decision"],
                reasons=data["reasons"],
                mitigation=data["mitigation"],
                override_reason=data["override_reason"],
            ),
        )
        if data["decision"] == "return":
            return "The screening has been returned to the author."
        return f"Decision recorded: {ScreeningOutcome(data['decision']).label}."

    return _decision(
        request,
        pk,
        node=State.SCREENING_REVIEW,
        form_class=ScreeningReviewForm,
        template="workflows/review_screening.html",
        act=act,
        extra=_screening_context,
    )


def review_assessment(request, pk: int):
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    if moved_on := _open_task_page(request, assessment, task, State.OFFICER_REVIEW):
        return moved_on
    present = [Section(key) for key in editable_sections(assessment)]
    form = AssessmentReviewForm(
        request.POST or None,
        sections=present,
        initial={"task_id": task.pk if task else 0, "state": assessment.state},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        try:
            services.review_assessment(
                assessment_id=pk,
                task_id=data["task_id"],
                expected_state=data["state"],
                by=request.user,
                approve=approve,
                comment=data["comment"],
                section_comments=form.section_comments(),
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                "Approved and sent for sign-off."
                if approve
                else "Returned to the author with your comments.",
            )
            return _to_assessment(pk)
    return render(
        request,
        "workflows/review_assessment.html",
        {
            "assessment": assessment,
            "task": task,
            "form": form,
            "flags": quality.quality_flags(assessment),
            "section_fields": [form[name] for _key, name in form.section_keys],
        }
        | selectors.whole_assessment(assessment)
        | _screening_context(assessment),
        status=400 if form.errors else 200,
    )


def sign_off(request, pk: int):
    assessment = _assessment(request, pk)
    task = services.active_task(assessment)
    if moved_on := _open_task_page(request, assessment, task, State.AWAITING_SIGN_OFF):
        return moved_on
    shown = summary.decision_summary(assessment)
    form = SignOffForm(
        request.POST or None,
        initial={
            "task_id": task.pk if task else 0,
            "state": assessment.state,
            "seen_hash": summary.content_hash(shown),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sign = data["decision"] == "sign"
        try:
            services.decide_sign_off(
                assessment_id=pk,
                task_id=data["task_id"],
                expected_state=data["state"],
                by=request.user,
                sign=sign,
                comment=data["comment"],
                attested=data["attested"],
                seen_hash=data["seen_hash"],
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                "You have signed off the assessment." if sign else "Referred back to the author.",
            )
            return _to_assessment(pk)
    return render(
        request,
        "workflows/sign_off.html",
        {
            "assessment": assessment,
            "task": task,
            "form": form,
            "summary": shown,
            "attestation": summary.attestation_text(shown, request.user.display_name),
        },
        status=400 if form.errors else 200,
    )


def whole(request, pk: int):
    """The whole assessment, read-only, for anyone in the organisation."""
    assessment = _assessment(request, pk)
    return render(
        request,
        "workflows/whole.html",
        {"assessment": assessment}
        | selectors.whole_assessment(assessment)
        | _screening_context(assessment),
    )


def pdf(request, pk: int, kind: str):
    """The decision-maker summary or the full assessment as PDF, for the committee report.
    Redacted exactly as the public register is; before publication it says it is a draft."""
    from django.utils.text import slugify

    from eia.documents import document_for
    from eia.pdf_http import pdf_response

    assessment = _assessment(request, pk)
    full = kind == "full"
    name = f"{slugify(assessment.pipeline_item.reference)}-v{assessment.version}-{kind}"
    return pdf_response(
        request,
        document_for(assessment, before_publication=True),
        full=full,
        name=name,
        page_url=reverse("workflows:whole", args=[pk]),
        title=assessment.title,
    )


def sign_off_record(request, pk: int):
    """Exactly what the decision-maker saw and accepted, with a check of its hash."""
    assessment = _assessment(request, pk)
    record = getattr(assessment, "sign_off_record", None)
    if record is None:
        raise Http404
    return render(
        request,
        "workflows/sign_off_record.html",
        {
            "assessment": assessment,
            "record": record,
            "summary": record.snapshot,
            "intact": summary.content_hash(record.snapshot) == record.content_hash,
        },
    )


def publish(request, pk: int):
    def act(assessment, data):
        published = services.publish(
            **_task_args(request, data) | {"assessment_id": assessment.pk},
            review_date=data.get("review_date"),
        )
        return f"Published. It is due for review by {published.review_date:%-d %B %Y}."

    return _decision(
        request,
        pk,
        node=State.SIGNED_OFF,
        form_class=PublishForm,
        template="workflows/publish.html",
        act=act,
    )


def withdraw(request, pk: int):
    assessment = _assessment(request, pk)
    if request.method != "POST" and not rules.can_withdraw(request.user, assessment):
        raise NotAllowed("Only the author, a co-author or the equality lead can withdraw it.")
    form = WithdrawForm(request.POST or None, initial={"state": assessment.state})
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                assessment_id=pk,
                by=request.user,
                expected_state=form.cleaned_data["state"],
                reason=form.cleaned_data["reason"],
            )
        except InvalidInput as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "The assessment has been withdrawn.")
            return _to_assessment(pk)
    return render(
        request,
        "workflows/withdraw.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


def co_authors(request, pk: int):
    assessment = _assessment(request, pk)
    if not rules.can_manage_co_authors(request.user, assessment):
        raise NotAllowed("Only the author or the equality lead can manage co-authors.")
    current = selectors.co_authors(assessment)
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
            services.remove_co_author(assessment_id=pk, by=request.user, user_id=int(remove_id))
            messages.success(request, "Co-author removed.")
            return redirect("workflows:co_authors", pk=pk)
        if form.is_valid():
            try:
                added = services.add_co_author(
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
        status=400 if form.errors else 200,
    )
