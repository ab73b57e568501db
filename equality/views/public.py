"""The organisation's equality objectives and action plan on the public register."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from eia.models import Organisation

from ..models import AnnualReport, ProgressReport
from ..public import public_duty
from ..selectors.timeliness import targets_for, year_label


@login_not_required
def equality_duty(request, organisation: str):
    found = get_object_or_404(Organisation, slug=organisation)
    targets = targets_for(found.pk)
    annual = AnnualReport.objects.filter(organisation=found, published_at__isnull=False)
    return render(
        request,
        "equality/public.html",
        {
            "public_organisation": found,
            "published_reports": ProgressReport.objects.filter(
                organisation=found, published_at__isnull=False
            )[:50],
            "annual_reports": [
                (report, year_label(targets, report.year))
                for report in annual.defer("content")[:50]
            ],
            **public_duty(found.pk, limit=500),
        },
    )
