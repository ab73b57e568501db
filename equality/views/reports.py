"""Progress reports of the action plan: taken by the equality team, read as HTML (the
accessible form) or PDF, published on the register by the lead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localdate
from django.views.decorators.http import require_POST

from eia.authorization import Permission, has_permission
from eia.models import Organisation
from eia.pdf_http import inline_pdf

from .. import reports
from ..forms import ReportForm
from ..models import ProgressReport
from ..services import reports as services
from .common import require, staff_organisation, status_of


def report_list(request):
    organisation_id = staff_organisation(request)
    can_take = has_permission(
        request.user, Permission.KEEP_ACTION_PLAN, organisation_id=organisation_id
    )
    form = ReportForm(request.POST or None, initial={"title": f"Progress {localdate():%B %Y}"})
    if request.method == "POST":
        require(request, Permission.KEEP_ACTION_PLAN, "Only the equality team takes reports.")
        if form.is_valid():
            report = services.take_report(by=request.user, title=form.cleaned_data["title"])
            messages.success(request, "Progress report taken.")
            return redirect("equality:report", report.pk)
    return render(
        request,
        "equality/reports.html",
        {
            "form": form,
            "can_take": can_take,
            "reports": ProgressReport.objects.filter(organisation_id=organisation_id)[:50],
        },
        status=status_of(form),
    )


def _detail(request, report, *, public: bool):
    return render(
        request,
        "equality/report.html",
        {
            "report": report,
            "changes": reports.changes_since_previous(report),
            "public": public,
            "can_publish": not public
            and report.published_at is None
            and has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=report.organisation_id
            ),
        },
    )


def _pdf(report) -> HttpResponse:
    return inline_pdf(reports.pdf(report, report.organisation.name), "progress-report")


def _own(request, pk: int) -> ProgressReport:
    organisation_id = staff_organisation(request)
    report = (
        ProgressReport.objects.filter(pk=pk, organisation_id=organisation_id)
        .select_related("previous", "organisation")
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_detail(request, pk: int):
    return _detail(request, _own(request, pk), public=False)


def report_pdf(request, pk: int):
    return _pdf(_own(request, pk))


@require_POST
def report_publish(request, pk: int):
    report = _own(request, pk)
    services.publish_report(by=request.user, report_id=report.pk)
    messages.success(request, "Progress report published on the register.")
    return redirect("equality:report", report.pk)


def _published(organisation: str, pk: int) -> ProgressReport:
    found = get_object_or_404(Organisation, slug=organisation)
    return get_object_or_404(
        ProgressReport.objects.select_related("previous", "organisation"),
        pk=pk,
        organisation=found,
        published_at__isnull=False,
    )


@login_not_required
def public_report(request, organisation: str, pk: int):
    return _detail(request, _published(organisation, pk), public=True)


@login_not_required
def public_report_pdf(request, organisation: str, pk: int):
    return _pdf(_published(organisation, pk))
