"""Read-only previews for the people who prepare a decision: what the decision-maker will see
on the sign-off page, and the public page as the register will show it once published. Each is
built by the code that builds the real thing (`eia.summary.decision_summary`,
`eia.redaction.public_record`), so a preview cannot say something the real page would not."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from eia import summary
from eia.documents import implications_for
from eia.models import State
from eia.public_summary import plain_summary
from eia.redaction import PUBLIC_STATES, public_record
from eia.register.links import record_url

from .. import rules, services
from .common import assessment_or_404


@require_safe
def decision_maker_preview(request, pk: int):
    """The sign-off page's content, read-only: the summary as it stands now. Anyone in the
    organisation may read it, as they may its PDF (`workflows:sign_off_pdf`)."""
    assessment = assessment_or_404(request, pk)
    return render(
        request,
        "workflows/decision_maker_preview.html",
        {"assessment": assessment, "summary": summary.decision_summary(assessment)},
    )


@require_safe
def public_preview(request, pk: int):
    """The public page of an unpublished version, from the same redaction as the register,
    bannered as a preview. Once published, the real page."""
    assessment = assessment_or_404(request, pk)
    if assessment.state in PUBLIC_STATES and assessment.published_at is not None:
        return redirect(public_url(assessment))
    record = public_record(assessment, before_publication=True)
    task = services.active_task(assessment)
    may_publish = (
        task is not None
        and task.flow_task.name == State.SIGNED_OFF
        and rules.can_do_task(request.user, assessment, task)
    )
    return render(
        request,
        "register/assessment.html",
        {
            "record": record,
            "preview": {"pk": assessment.pk, "may_publish": may_publish},
            "current": None,
            "other_versions": [],
            "implications": implications_for(record),
            "plain": plain_summary(record),
            "summary_pdf": reverse("workflows:summary_pdf", args=[pk]),
            "full_pdf": reverse("workflows:full_pdf", args=[pk]),
            "report_url": "",
        },
    )


def public_url(assessment) -> str:
    """The register's address of a published version."""
    return record_url(public_record(assessment))
