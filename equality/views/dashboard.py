"""The organisation's equality dashboard, for the equality team and Scrutiny viewers: every
chart beside its data table, filterable by directorate and period."""

import datetime

from django.shortcuts import render

from eia.authorization import Permission
from eia.models import Directorate

from ..charts import bar_chart
from ..forms import DashboardFilterForm
from ..selectors import dashboard as figures
from ..selectors.objectives import refresh_for
from .common import require, status_of


def dashboard(request):
    organisation_id = require(
        request, Permission.VIEW_DASHBOARD, "The dashboard is for the equality team and Scrutiny."
    )
    organisation = request.user.organisation
    form = DashboardFilterForm(
        request.GET or None,
        directorates=Directorate.objects.filter(organisation_id=organisation_id),
    )
    period = figures.Period()
    if form.is_bound and form.is_valid():
        period = figures.Period(**form.cleaned_data)
    today = datetime.date.today()
    actions = figures.actions(organisation_id, period, today)
    plan_bars, plan_overdue = figures.plan_rows(organisation_id, today)
    quarters = figures.screening_over_time(organisation_id, period)
    return render(
        request,
        "equality/dashboard.html",
        {
            "form": form,
            "query": request.GET.urlencode(),
            "stages": bar_chart(
                "stages", "Assessments by stage", figures.by_stage(organisation_id, period)
            ),
            "outcomes": bar_chart(
                "outcomes",
                "Screening outcomes",
                figures.by_outcome(organisation_id, period),
            ),
            "directorates": bar_chart(
                "directorates",
                "Assessments by directorate",
                figures.by_directorate(organisation_id, period),
            ),
            "timeliness": figures.timeliness(organisation, period, today),
            "quarters": quarters,
            "screened_out": bar_chart(
                "screened-out",
                "Share screened out by quarter started (per cent)",
                [(quarter.label, quarter.share) for quarter in quarters],
                unit="%",
            ),
            "screening_warning": [quarter for quarter in quarters if quarter.warn],
            "warning_share": round(100 * figures.SCREENED_OUT_WARNING),
            "adverse": bar_chart(
                "adverse",
                "Adverse impacts found, by group",
                figures.adverse_by_characteristic(organisation, period),
            ),
            "actions": actions,
            "action_chart": bar_chart("actions", "Open actions by RAG rating", actions.by_rag),
            "plan_chart": bar_chart("plan", "Action plan rows by RAG rating", plan_bars),
            "plan_overdue": plan_overdue,
            "reviews": figures.reviews_due(organisation_id, period, today),
            "objectives_refresh": refresh_for(organisation_id=organisation_id),
            "today": today,
        },
        status=status_of(form),
    )
