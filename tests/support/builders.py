"""Build assessments at a given stage through the real services (no shortcuts into the DB)."""

from eia.audit import head
from eia.authorization import Role
from eia.services import screening as screening_services
from tests.factories import PipelineItemFactory, UserFactory
from tests.support.screening_answers import answers_for
from tests.support.sections import complete_full
from workflows import services
from workflows.demo import stories as demo


def team(organisation):
    return {
        "pm": UserFactory(organisation=organisation, roles=[Role.PROJECT_MANAGER]),
        "officer": UserFactory(organisation=organisation, roles=[Role.EQUALITY_OFFICER]),
        "officer2": UserFactory(organisation=organisation, roles=[Role.EQUALITY_OFFICER]),
        "dm": UserFactory(organisation=organisation, roles=[Role.DECISION_MAKER]),
        "lead": UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD]),
    }


def started(people, organisation, **item_fields):
    item = PipelineItemFactory(
        organisation=organisation, owner=people["pm"], decision_maker=people["dm"], **item_fields
    )
    return services.start_assessment(pipeline_item_id=item.pk, by=people["pm"])


def _task(assessment):
    return services.active_task(assessment).pk


def at_screening_review(
    people, organisation, *, rurality=False, outcome="full_assessment", **item_fields
):
    assessment = started(people, organisation, **item_fields)
    screening_services.save_screening_answers(
        assessment_id=assessment.pk,
        by=people["pm"],
        seen=head(assessment),
        answers=answers_for(outcome, rural=rurality),
    )
    return services.submit_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
    )


def at_officer_review(people, organisation, **item_fields):
    assessment = at_screening_review(people, organisation, **item_fields)
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )
    assessment.refresh_from_db()
    return submit_full(people, assessment)


def submit_full(people, assessment):
    """From full_assessment: complete the content through the services and submit it."""
    complete_full(assessment, by=people["pm"])
    return services.submit_full_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
    )


def approve_sign_and_publish(people, assessment):
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    sign(people, assessment)
    # Separation of duties: whoever approved it does not publish it.
    return services.publish(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer2"],
    )


def sign(people, assessment):
    return demo.decision_maker_signs(assessment, by=people["dm"])


def finish_and_publish(people, assessment):
    assessment.refresh_from_db()
    return approve_sign_and_publish(people, submit_full(people, assessment))


def published(people, organisation, **item_fields):
    return approve_sign_and_publish(people, at_officer_review(people, organisation, **item_fields))


def admin_item_form(item, **changes) -> dict:
    """The admin's change form for a pipeline item as it stands, with `changes` made."""
    data = {
        "title": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "directorate": item.directorate_id,
        "owner": item.owner_id,
        "decision_body": item.decision_body,
        "decision_maker": item.decision_maker_id or "",
        "decision_date_0": item.decision_date.day,
        "decision_date_1": item.decision_date.month,
        "decision_date_2": item.decision_date.year,
        "decision_date": item.decision_date.isoformat(),
    }
    return data | changes
