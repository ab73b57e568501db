from django.urls import path

from .views import (
    assessment,
    authoring,
    calendar,
    decision_record,
    decisions,
    duty_modules,
    history,
    impacts,
    lists,
    pack,
    pipeline,
    pipeline_edit,
    previews,
    screening,
    section_rows,
    sections,
    tasks,
    trail,
)

app_name = "workflows"
_assessment = "assessments/<int:pk>"
_full = f"{_assessment}/full"
urlpatterns = [
    path("tasks/", tasks.my_tasks, name="my_tasks"),
    path("tasks/queue/", tasks.team_queue, name="team_queue"),
    path("tasks/<int:task_id>/claim/", tasks.claim, name="claim"),
    path("tasks/<int:task_id>/release/", tasks.release, name="release"),
    path("pipeline/<int:pipeline_pk>/start/", authoring.start, name="start"),
    path("pipeline/<int:pipeline_pk>/jr-pack.zip", pack.jr_pack, name="jr_pack"),
    path(f"{_assessment}/", assessment.assessment_detail, name="assessment"),
    path(f"{_assessment}/screening/", screening.screening_page, name="screening"),
    path(f"{_assessment}/whole/", assessment.whole, name="whole"),
    path(f"{_assessment}/summary.pdf", assessment.pdf, {"kind": "summary"}, name="summary_pdf"),
    path(f"{_assessment}/full.pdf", assessment.pdf, {"kind": "full"}, name="full_pdf"),
    path(f"{_assessment}/submit/", authoring.submit, name="submit"),
    path(f"{_assessment}/review-screening/", decisions.review_screening, name="review_screening"),
    path(f"{_assessment}/review/", decisions.review_assessment, name="review_assessment"),
    path(f"{_assessment}/sign-off/", decisions.sign_off, name="sign_off"),
    path(f"{_assessment}/sign-off/record/", assessment.sign_off_record, name="sign_off_record"),
    path(f"{_assessment}/decision/", decision_record.decision_record, name="decision_record"),
    path(f"{_assessment}/sign-off/summary.pdf", assessment.sign_off_pdf, name="sign_off_pdf"),
    path(f"{_assessment}/sign-off/changed/", assessment.explain_change, name="explain_change"),
    path(f"{_assessment}/publish/", decisions.publish, name="publish"),
    path(f"{_assessment}/publish/preview/", previews.public_preview, name="public_preview"),
    path(
        f"{_assessment}/sign-off/preview/",
        previews.decision_maker_preview,
        name="decision_maker_preview",
    ),
    path(f"{_assessment}/withdraw/", authoring.withdraw, name="withdraw"),
    path(f"{_assessment}/start-review/", authoring.start_review, name="start_review"),
    path(f"{_assessment}/comment/", assessment.comment, name="comment"),
    path(f"{_assessment}/compare/", history.compare_versions, name="compare_versions"),
    path(f"{_assessment}/since-sign-off/", history.since_sign_off, name="since_sign_off"),
    path(f"{_assessment}/since-return/", history.since_return, name="since_return"),
    path(f"{_assessment}/audit-trail.<slug:kind>", trail.assessment_trail, name="trail_export"),
    path(f"{_assessment}/co-authors/", authoring.co_authors, name="co_authors"),
    path(f"{_assessment}/tasks/<int:task_id>/reassign/", tasks.reassign, name="reassign"),
    # The full assessment's sections
    path(f"{_full}/proposal/", sections.ProposalPage.as_view(), name="section_proposal"),
    path(f"{_full}/evidence/", sections.EvidenceList.as_view(), name="section_evidence"),
    path(f"{_full}/evidence/add/", section_rows.EvidenceEdit.as_view(), name="evidence_add"),
    path(
        f"{_full}/evidence/<int:evidence_id>/",
        section_rows.EvidenceEdit.as_view(),
        name="evidence_edit",
    ),
    path(f"{_full}/evidence/gaps/add/", section_rows.GapAdd.as_view(), name="gap_add"),
    path(f"{_full}/engagement/", sections.EngagementList.as_view(), name="section_engagement"),
    path(f"{_full}/engagement/add/", section_rows.EngagementEdit.as_view(), name="engagement_add"),
    path(
        f"{_full}/engagement/consultation/",
        section_rows.ConsultationEdit.as_view(),
        name="consultation_edit",
    ),
    path(
        f"{_full}/engagement/<int:engagement_id>/",
        section_rows.EngagementEdit.as_view(),
        name="engagement_edit",
    ),
    path(f"{_full}/impacts/", sections.ImpactList.as_view(), name="section_impacts"),
    path(
        f"{_full}/impacts/no-different-impact/",
        impacts.NoDifferentImpactPage.as_view(),
        name="no_different_impact",
    ),
    path(
        f"{_full}/impacts/<slug:characteristic>/",
        section_rows.ImpactEdit.as_view(),
        name="impact_edit",
    ),
    path(f"{_full}/actions/", sections.ActionList.as_view(), name="section_actions"),
    path(f"{_full}/actions/add/", section_rows.ActionEdit.as_view(), name="action_add"),
    path(
        f"{_full}/actions/<int:action_id>/", section_rows.ActionEdit.as_view(), name="action_edit"
    ),
    path(f"{_full}/<slug:kind>/<int:item_id>/remove/", section_rows.remove, name="remove"),
    path(f"{_full}/conclusion/", sections.ConclusionPage.as_view(), name="section_conclusion"),
    path(f"{_assessment}/rurality/", sections.RuralityPage.as_view(), name="section_rurality"),
    path(
        f"{_assessment}/duties/<slug:module>/",
        duty_modules.DutyModulePage.as_view(),
        name="section_duty",
    ),
    path(
        f"{_assessment}/duties/<slug:module>/authorise/",
        duty_modules.authorise,
        name="duty_authorise",
    ),
    path("actions/<int:action_id>/progress/", section_rows.action_progress, name="action_progress"),
    # Public once the assessment is published and the item marked public; else 404.
    path("public/evidence/<int:evidence_id>/", section_rows.evidence_file, name="evidence_file"),
]

# Pages outside the workflows namespace (their names predate it and templates use them).
site_patterns = [
    path("", pipeline.home, name="home"),
    path("pipeline/", pipeline.pipeline_list, name="pipeline_list"),
    path("pipeline/add/", pipeline_edit.pipeline_add, name="pipeline_add"),
    path("pipeline/<int:pk>/change/", pipeline_edit.pipeline_edit, name="pipeline_edit"),
    path("pipeline/<int:pk>/", pipeline.pipeline_detail, name="pipeline_detail"),
    path("decisions/", calendar.decision_calendar, name="decision_calendar"),
    path(
        "organisation/audit-trail.<slug:kind>",
        trail.organisation_trail,
        name="organisation_trail_export",
    ),
    path("organisation/lists/", lists.lists, name="organisation_lists"),
    path("organisation/directorates/<int:pk>/", lists.directorate_edit, name="directorate_edit"),
    path("organisation/agenda-deadline/", lists.agenda_deadline_edit, name="agenda_deadline_edit"),
    path("organisation/public-contact/", lists.public_contact_edit, name="public_contact_edit"),
    path(
        "organisation/screening-rules/",
        lists.screening_ruleset_edit,
        name="screening_ruleset_edit",
    ),
    path("organisation/decision-bodies/add/", lists.decision_body_edit, name="decision_body_add"),
    path(
        "organisation/decision-bodies/<int:pk>/",
        lists.decision_body_edit,
        name="decision_body_edit",
    ),
]
