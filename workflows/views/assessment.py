"""One assessment's pages for everyone in the organisation: the assessment page (task list, what
you can do now, the process diagram and the trail), comments, the whole assessment read-only,
what the decision-maker signed, and the PDFs for the committee report."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from eia import audit, facts, screening, summary
from eia.authorization import Permission, can_comment, can_download_pack, has_permission
from eia.documents import document_for
from eia.errors import InvalidInput, NotAllowed
from eia.pagination import numbered
from eia.pdf_http import pdf_response
from eia.services import decisions
from eia.services.comments import add_comment
from eia.services.signoff import explain_fact_change
from eia.summary_document import document_from_summary

from .. import diagram, presenters, services
from ..forms.decisions import CommentForm, FactChangeReasonForm
from ..forms.screening import answer_summary
from ..selectors import assessments
from ..selectors.tasks import row_for
from ..stages import stage_of
from .common import assessment_or_404, status_of, to_assessment

TRAIL_PAGE = 50  # events a page of the trail shows, newest first; the export has them all


def screening_context(assessment) -> dict:
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


def _decision_page(user, assessment) -> str:
    """ "record" when the user may record or correct the decision now, "view" when it can be
    read, "" before sign-off."""
    if assessment.state not in decisions.DECIDABLE_STATES:
        return ""
    return "record" if decisions.may_record(user, assessment) else "view"


def assessment_detail(request, pk: int):
    assessment = assessment_or_404(request, pk)
    task = services.active_task(assessment)
    trail = numbered(request, assessment.audit_events.order_by("-sequence"), per_page=TRAIL_PAGE)
    return render(
        request,
        "workflows/assessment.html",
        {
            "assessment": assessment,
            "task": task,
            "stage": stage_of(assessment.state),
            "due": row_for(task, assessment) if task is not None else None,
            "sections": presenters.task_list(assessment),
            "actions": presenters.available_actions(request.user, assessment, task),
            "diagram_svg": diagram.render_svg(assessment.state),
            "diagram_text": diagram.describe(assessment.state),
            "trail": trail,
            "events": presenters.trail(trail.rows),
            "chain": audit.check_head(assessment),
            "latest_return": presenters.latest_return(assessment),
            "co_authors": assessments.co_authors(assessment),
            "versions": assessments.history(assessment),
            "comment_form": CommentForm() if can_comment(request.user, assessment) else None,
            "can_edit": presenters.may_edit(request.user, assessment),
            "seen": audit.head(assessment),
            "can_download_pack": can_download_pack(request.user, assessment.pipeline_item),
            "can_export_organisation_trail": has_permission(
                request.user,
                Permission.LEAD_ASSESSMENTS,
                organisation_id=assessment.organisation_id,
            ),
            "decision": decisions.current(assessment),
            "decision_page": _decision_page(request.user, assessment),
            "fact_status": facts.facts_status(assessment),
            "may_explain": may_explain(request.user, assessment),
            "previews": presenters.previews(assessment),
        }
        | screening_context(assessment),
    )


@require_POST
def comment(request, pk: int):
    assessment = assessment_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        add_comment(assessment_id=assessment.pk, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Comment added.")
        return to_assessment(pk)
    return render(
        request, "workflows/comment.html", {"assessment": assessment, "form": form}, status=400
    )


def whole(request, pk: int):
    """The whole assessment, read-only, for anyone in the organisation."""
    assessment = assessment_or_404(request, pk)
    return render(
        request,
        "workflows/whole.html",
        {"assessment": assessment}
        | assessments.whole_assessment(assessment)
        | screening_context(assessment),
    )


def pdf(request, pk: int, kind: str):
    """The decision-maker summary or the full assessment as PDF, for the committee report.
    Redacted exactly as the public register is; before publication it says it is a draft."""
    assessment = assessment_or_404(request, pk)
    name = f"{slugify(assessment.pipeline_item.reference)}-v{assessment.version}-{kind}"
    return pdf_response(
        request,
        document_for(assessment, before_publication=True),
        full=kind == "full",
        name=name,
        page_url=reverse("workflows:whole", args=[pk]),
        title=assessment.title,
    )


def sign_off_record(request, pk: int):
    """Exactly what the decision-maker saw and accepted, with a check of its hash."""
    assessment = assessment_or_404(request, pk)
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
            "fact_status": facts.facts_status(assessment),
            "may_explain": may_explain(request.user, assessment),
        },
    )


def change_lines(assessment) -> list[str]:
    """Each fact the decision-maker saw that changed after they signed, in words."""
    return [
        f"{change.label}: signed as “{change.signed or 'none'}”, now “{change.now or 'none'}”"
        for change in facts.changed_since_sign_off(assessment)
    ]


def sign_off_pdf(request, pk: int):
    """The decision-maker's summary as a PDF, from the same data as the sign-off page: the
    frozen snapshot once signed, else the summary as the page shows it now."""
    assessment = assessment_or_404(request, pk)
    record = getattr(assessment, "sign_off_record", None)
    shown = record.snapshot if record is not None else summary.decision_summary(assessment)
    document = document_from_summary(
        shown,
        organisation=assessment.organisation.name,
        status="Signed off" if record is not None else "Awaiting sign-off",
        sign_off=record,
        changed=change_lines(assessment),
    )
    return pdf_response(
        request,
        document,
        full=False,
        name=f"{slugify(assessment.pipeline_item.reference)}-v{assessment.version}-sign-off",
        page_url=reverse("workflows:assessment", args=[pk]),
        title=assessment.title,
    )


def may_explain(user, assessment) -> bool:
    return has_permission(
        user, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
    )


def explain_change(request, pk: int):
    """An officer records why a change since sign-off needs no fresh sign-off."""
    assessment = assessment_or_404(request, pk)
    if not may_explain(request.user, assessment):
        raise NotAllowed("Only an equality officer or the equality lead can record this.")
    form = FactChangeReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            explain_fact_change(
                assessment_id=assessment.pk, by=request.user, reason=form.cleaned_data["reason"]
            )
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The reason is recorded.")
            return redirect("workflows:assessment", pk=pk)
    return render(
        request,
        "workflows/explain_change.html",
        {
            "assessment": assessment,
            "form": form,
            "fact_status": facts.facts_status(assessment),
            "may_explain": False,
        },
        status=status_of(form),
    )
