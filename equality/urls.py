from django.urls import path

from .views import cumulative, dashboard, objectives, plan, public

app_name = "equality"
urlpatterns = [
    path("public/<slug:organisation>/equality/", public.equality_duty, name="public"),
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
    path("action-plan/action-plan.csv", plan.download, {"kind": "csv"}, name="plan_csv"),
    path("action-plan/action-plan.xlsx", plan.download, {"kind": "xlsx"}, name="plan_xlsx"),
    path("action-plan/sections/add/", plan.section_add, name="section_add"),
    path("action-plan/rows/add/", plan.row_edit, name="row_add"),
    path("action-plan/rows/<int:pk>/", plan.row_edit, name="row_edit"),
    path("action-plan/rows/<int:pk>/history/", plan.row_history, name="row_history"),
    path("action-plan/actions/<int:action_id>/objective/", plan.action_link, name="action_link"),
]
