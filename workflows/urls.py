from django.urls import path

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
    path("assessments/<int:pk>/submit/", views.submit, name="submit"),
    path("assessments/<int:pk>/review-screening/", views.review_screening,
         name="review_screening"),
    path("assessments/<int:pk>/review/", views.review_assessment, name="review_assessment"),
    path("assessments/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("assessments/<int:pk>/publish/", views.publish, name="publish"),
    path("assessments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("assessments/<int:pk>/start-review/", views.start_review, name="start_review"),
    path("assessments/<int:pk>/comment/", views.comment, name="comment"),
    path("assessments/<int:pk>/co-authors/", views.co_authors, name="co_authors"),
    path("assessments/<int:pk>/tasks/<int:task_id>/reassign/", views.reassign,
         name="reassign"),
]  # fmt: skip
