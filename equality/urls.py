from django.urls import path

from .views import annual, cumulative, dashboard, framework, objectives, plan, public, reports

app_name = "equality"
_public = "public/<slug:organisation>/equality"
urlpatterns = [
    path(f"{_public}/reports/<int:pk>/", reports.public_report, name="public_report"),
    path(f"{_public}/reports/<int:pk>.pdf", reports.public_report_pdf, name="public_report_pdf"),
    path("action-plan/reports/", reports.report_list, name="reports"),
    path("action-plan/reports/<int:pk>/", reports.report_detail, name="report"),
    path("action-plan/reports/<int:pk>.pdf", reports.report_pdf, name="report_pdf"),
    path("action-plan/reports/<int:pk>/publish/", reports.report_publish, name="report_publish"),
    path(f"{_public}/", public.equality_duty, name="public"),
    path(f"{_public}/annual/<int:year>/", annual.public_annual_report, name="public_annual"),
    path(
        f"{_public}/annual/<int:year>.pdf",
        annual.public_annual_report_pdf,
        name="public_annual_pdf",
    ),
    path("annual-reports/", annual.annual_reports, name="annual_reports"),
    path("annual-reports/targets/", annual.duty_settings, name="duty_settings"),
    path("annual-reports/<int:pk>/", annual.annual_report, name="annual_report"),
    path("annual-reports/<int:pk>.pdf", annual.annual_report_pdf, name="annual_report_pdf"),
    path(
        "annual-reports/<int:pk>/publish/",
        annual.annual_report_publish,
        name="annual_report_publish",
    ),
    path("equality-framework/", framework.framework, name="framework"),
    path("equality-framework/<slug:area>/", framework.framework_area, name="framework_area"),
    path(
        "equality-framework/<slug:area>/evidence/",
        framework.framework_evidence,
        name="framework_evidence",
    ),
    path(
        "equality-framework/<slug:area>/feedback/",
        framework.framework_feedback,
        name="framework_feedback",
    ),
    path(
        "equality-framework/feedback/<int:pk>/action/",
        framework.feedback_action,
        name="feedback_action",
    ),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("cumulative-impact/", cumulative.cumulative_impact, name="cumulative"),
    path("programmes/", cumulative.programmes, name="programmes"),
    path("programmes/add/", cumulative.programme_edit, name="programme_add"),
    path("programmes/<int:pk>/", cumulative.programme_detail, name="programme"),
    path("programmes/<int:pk>/change/", cumulative.programme_edit, name="programme_edit"),
    path("objectives/", objectives.objectives, name="objectives"),
    path("objectives/add/", objectives.objective_edit, name="objective_add"),
    path("objectives/<int:pk>/", objectives.objective_edit, name="objective_edit"),
    path("action-plan/", plan.action_plan, name="action_plan"),
    path("action-plan/from-assessments/", plan.plan_actions, name="plan_actions"),
    path("action-plan/from-assessments/carry-forward/", plan.carry_links, name="carry_links"),
    path("action-plan/action-plan.csv", plan.download, {"kind": "csv"}, name="plan_csv"),
    path("action-plan/action-plan.xlsx", plan.download, {"kind": "xlsx"}, name="plan_xlsx"),
    path("action-plan/sections/add/", plan.section_add, name="section_add"),
    path("action-plan/rows/add/", plan.row_edit, name="row_add"),
    path("action-plan/rows/<int:pk>/", plan.row_edit, name="row_edit"),
    path("action-plan/rows/<int:pk>/history/", plan.row_history, name="row_history"),
    path("action-plan/actions/<int:action_id>/objective/", plan.action_link, name="action_link"),
]
