from django.urls import path

from . import section_views as sv
from . import views

app_name = "workflows"
urlpatterns = [
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/queue/", views.team_queue, name="team_queue"),
    path("tasks/<int:task_id>/claim/", views.claim, name="claim"),
    path("tasks/<int:task_id>/release/", views.release, name="release"),
    path("pipeline/<int:pipeline_pk>/start/", views.start, name="start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/screening/", views.screening_page, name="screening"),
    path("assessments/<int:pk>/whole/", views.whole, name="whole"),
    path("assessments/<int:pk>/summary.pdf", views.pdf, {"kind": "summary"}, name="summary_pdf"),
    path("assessments/<int:pk>/full.pdf", views.pdf, {"kind": "full"}, name="full_pdf"),
    path("assessments/<int:pk>/submit/", views.submit, name="submit"),
    path("assessments/<int:pk>/review-screening/", views.review_screening, name="review_screening"),
    path("assessments/<int:pk>/review/", views.review_assessment, name="review_assessment"),
    path("assessments/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("assessments/<int:pk>/sign-off/record/", views.sign_off_record, name="sign_off_record"),
    path("assessments/<int:pk>/publish/", views.publish, name="publish"),
    path("assessments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("assessments/<int:pk>/start-review/", views.start_review, name="start_review"),
    path("assessments/<int:pk>/comment/", views.comment, name="comment"),
    path("assessments/<int:pk>/co-authors/", views.co_authors, name="co_authors"),
    path("assessments/<int:pk>/tasks/<int:task_id>/reassign/", views.reassign, name="reassign"),
    # The full assessment's sections
    path("assessments/<int:pk>/full/proposal/", sv.proposal, name="section_proposal"),
    path("assessments/<int:pk>/full/evidence/", sv.evidence, name="section_evidence"),
    path("assessments/<int:pk>/full/evidence/add/", sv.evidence_edit, name="evidence_add"),
    path(
        "assessments/<int:pk>/full/evidence/<int:evidence_id>/",
        sv.evidence_edit,
        name="evidence_edit",
    ),
    path("assessments/<int:pk>/full/evidence/gaps/add/", sv.gap_add, name="gap_add"),
    path("assessments/<int:pk>/full/engagement/", sv.engagement, name="section_engagement"),
    path("assessments/<int:pk>/full/engagement/add/", sv.engagement_edit, name="engagement_add"),
    path(
        "assessments/<int:pk>/full/engagement/<int:engagement_id>/",
        sv.engagement_edit,
        name="engagement_edit",
    ),
    path("assessments/<int:pk>/full/impacts/", sv.impacts, name="section_impacts"),
    path(
        "assessments/<int:pk>/full/impacts/<slug:characteristic>/",
        sv.impact_edit,
        name="impact_edit",
    ),
    path("assessments/<int:pk>/full/actions/", sv.actions, name="section_actions"),
    path("assessments/<int:pk>/full/actions/add/", sv.action_edit, name="action_add"),
    path("assessments/<int:pk>/full/actions/<int:action_id>/", sv.action_edit, name="action_edit"),
    path(
        "assessments/<int:pk>/full/<slug:kind>/<int:item_id>/remove/",
        sv.remove,
        name="remove",
    ),
    path("assessments/<int:pk>/full/conclusion/", sv.conclusion, name="section_conclusion"),
    path("assessments/<int:pk>/rurality/", sv.rurality, name="section_rurality"),
    path("actions/<int:action_id>/progress/", sv.action_progress, name="action_progress"),
    # Public once the assessment is published and the item marked public; else 404.
    path("public/evidence/<int:evidence_id>/", sv.evidence_file, name="evidence_file"),
]
