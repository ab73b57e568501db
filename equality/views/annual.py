"""The annual equality report: prepared by the equality team for a reporting year, read as
HTML (the accessible form) or PDF, published on the register by the lead; and the targets it
measures against (the reporting year's first month and the timeliness targets)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput
from eia.models import Organisation
from eia.pdf_http import inline_pdf

from .. import annual_pdf
from ..charts import bar_chart
from ..forms import AnnualReportForm, DutySettingsForm
from ..models import AnnualReport
from ..selectors.timeliness import targets_for, year_label
from ..services import annual as services
from .common import posted, require, staff_organisation, status_of


def annual_reports(request):
    organisation_id = staff_organisation(request)
    targets = targets_for(organisation_id)
    can_take = has_permission(
        request.user, Permission.KEEP_ACTION_PLAN, organisation_id=organisation_id
    )
    form = AnnualReportForm(
        posted(request),
        years=services.years_open(organisation_id),
        label=lambda year: year_label(targets, year),
    )
    if request.method == "POST":
        require(request, Permission.KEEP_ACTION_PLAN, "Only the equality team prepares reports.")
        if form.is_valid():
            report = services.take_annual_report(by=request.user, year=form.cleaned_data["year"])
            messages.success(request, "Annual equality report prepared.")
            return redirect("equality:annual_report", report.pk)
    return render(
        request,
        "equality/annual_reports.html",
        {
            "form": form,
            "can_take": can_take,
            "can_set": has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=organisation_id
            ),
            "targets": targets,
            "starts_in": datetime.date(2000, targets.year_starts_month, 1),
            "reports": [
                (report, year_label(targets, report.year))
                for report in AnnualReport.objects.filter(organisation_id=organisation_id).defer(
                    "content"
                )[:50]
            ],
        },
        status=status_of(form),
    )


def duty_settings(request):
    organisation_id = require(
        request, Permission.MANAGE_OBJECTIVES, "Only the equality lead sets these targets."
    )
    targets = targets_for(organisation_id)
    form = DutySettingsForm(posted(request), initial=vars(targets))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_duty_settings(by=request.user, values=form.cleaned_data)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Reporting year and timeliness targets saved.")
            return redirect("equality:annual_reports")
    return render(
        request,
        "equality/form.html",
        {
            "form": form,
            "heading": "Reporting year and timeliness targets",
            "intro": "The annual equality report covers one reporting year. The dashboard and "
            "the report count, in working days with your nation's bank holidays, how many "
            "assessments started in time before the decision and were published in time.",
            "back": "equality:annual_reports",
            "back_text": "Back to the annual equality reports",
        },
        status=status_of(form),
    )


def _detail(request, report: AnnualReport, *, public: bool):
    content = report.content
    return render(
        request,
        "equality/annual_report.html",
        {
            "report": report,
            "content": content,
            "public": public,
            "outcomes": bar_chart(
                "outcomes", "Published records by screening decision", content["outcomes"]
            ),
            "plan": bar_chart("plan", "Action plan deliverables by RAG rating", content["plan"]),
            "can_publish": not public
            and report.published_at is None
            and has_permission(
                request.user, Permission.MANAGE_OBJECTIVES, organisation_id=report.organisation_id
            ),
        },
    )


def _pdf(report: AnnualReport) -> HttpResponse:
    pdf = annual_pdf.pdf(report, report.organisation.name)
    return inline_pdf(pdf, f"annual-equality-report-{report.year}")


def _own(request, pk: int) -> AnnualReport:
    organisation_id = staff_organisation(request)
    report = (
        AnnualReport.objects.filter(pk=pk, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )
    if report is None:
        raise Http404
    return report


def annual_report(request, pk: int):
    return _detail(request, _own(request, pk), public=False)


def annual_report_pdf(request, pk: int):
    return _pdf(_own(request, pk))


@require_POST
def annual_report_publish(request, pk: int):
    report = _own(request, pk)
    services.publish_annual_report(by=request.user, report_id=report.pk)
    messages.success(request, "Annual equality report published on the register.")
    return redirect("equality:annual_report", report.pk)


def _published(organisation: str, year: int) -> AnnualReport:
    found = get_object_or_404(Organisation, slug=organisation)
    return get_object_or_404(
        AnnualReport.objects.select_related("organisation"),
        organisation=found,
        year=year,
        published_at__isnull=False,
    )


@login_not_required
def public_annual_report(request, organisation: str, year: int):
    return _detail(request, _published(organisation, year), public=True)


@login_not_required
def public_annual_report_pdf(request, organisation: str, year: int):
    return _pdf(_published(organisation, year))
