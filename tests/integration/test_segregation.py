"""Segregation of duties: whoever wrote any part of a proposal's assessment, in any version,
never reviews, signs off, publishes or picks the reviewer of it."""

import pytest
from django.test import Client

from eia.audit import head
from eia.authorization import Role
from eia.models import AuditEvent
from eia.services import authorship
from eia.services import co_authors as co_authors_services
from eia.services import screening as screening_services
from eia.services import sections as sections_services
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders
from tests.support.screening_answers import answers_for
from workflows import services
from workflows.demo import stories as demo
from workflows.selectors import tasks as selectors

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_removed_co_author_still_cannot_approve_what_they_wrote(people, organisation):
    writer = UserFactory(
        organisation=organisation, roles=[Role.EQUALITY_OFFICER, Role.PROJECT_MANAGER]
    )
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    assessment.refresh_from_db()
    co_authors_services.add_co_author(
        assessment_id=assessment.pk, by=people["pm"], user_id=writer.pk
    )
    sections_services.save_proposal(
        assessment_id=assessment.pk,
        by=writer,
        seen=head(assessment),
        data={"aims": "Written by Rhys."},
    )
    co_authors_services.remove_co_author(
        assessment_id=assessment.pk, by=people["pm"], user_id=writer.pk
    )
    assessment = builders.submit_full(people, assessment)
    task = services.active_task(assessment)
    response = _client(writer).post(
        f"/assessments/{assessment.pk}/review/",
        {"seen": head(assessment), "decision": "approve", "comment": ""},
    )
    assert response.status_code == 403
    assert "You are an author of this assessment" in response.content.decode()
    assert _client(writer).post(f"/tasks/{task.pk}/claim/").status_code == 403


def test_an_author_of_version_one_cannot_review_version_two(people, organisation):
    first = builders.published(people, organisation)
    pm_officer = people["pm"]
    pm_officer.groups.add(
        *UserFactory(organisation=organisation, roles=[Role.EQUALITY_OFFICER]).groups.all()
    )
    second = services.start_review(assessment_id=first.pk, seen=head(first), by=people["officer"])
    demo.answer_and_submit_screening(second, by=people["pm"], outcome="full_assessment")
    assert services.active_task(second).flow_task.name == "screening_review"
    from workflows import rules

    other = UserFactory(organisation=organisation, roles=[Role.EQUALITY_OFFICER])
    assert not rules.has_authored(other, second)
    assert rules.has_authored(people["pm"], second)


def test_removing_someone_who_is_not_a_co_author_is_refused_and_not_audited(people, organisation):
    assessment = builders.started(people, organisation)
    outsider = UserFactory(organisation=OrganisationFactory())
    before = AuditEvent.objects.filter(assessment=assessment).count()
    for user in (outsider, people["officer"]):
        response = _client(people["pm"]).post(
            f"/assessments/{assessment.pk}/co-authors/", {"remove": user.pk}
        )
        assert response.status_code == 400
    assert AuditEvent.objects.filter(assessment=assessment).count() == before


def test_a_lead_who_wrote_it_cannot_pick_its_reviewer(people, organisation):
    lead = people["lead"]
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    assessment.refresh_from_db()
    co_authors_services.add_co_author(assessment_id=assessment.pk, by=people["pm"], user_id=lead.pk)
    sections_services.save_proposal(
        assessment_id=assessment.pk,
        by=lead,
        seen=head(assessment),
        data={"aims": "By the lead."},
    )
    co_authors_services.remove_co_author(
        assessment_id=assessment.pk, by=people["pm"], user_id=lead.pk
    )
    assessment = builders.submit_full(people, assessment)
    task = services.active_task(assessment)
    response = _client(lead).get(f"/assessments/{assessment.pk}/tasks/{task.pk}/reassign/")
    assert response.status_code == 403
    other_lead = UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD])
    response = _client(other_lead).get(f"/assessments/{assessment.pk}/tasks/{task.pk}/reassign/")
    assert response.status_code == 200


def test_author_who_is_also_an_officer_cannot_review_claim_or_see_own_work(
    pipeline_item, make_user, client
):
    pm_officer = make_user(Role.PROJECT_MANAGER, Role.EQUALITY_OFFICER)
    pipeline_item.owner = pm_officer
    pipeline_item.save()
    assessment = services.start_assessment(pipeline_item_id=pipeline_item.pk, by=pm_officer)
    screening_services.save_screening_answers(
        assessment_id=assessment.pk,
        by=pm_officer,
        seen=head(assessment),
        answers=answers_for("full_assessment"),
    )
    task = services.active_task(assessment)
    services.submit_screening(assessment_id=assessment.pk, seen=head(assessment), by=pm_officer)
    task = services.active_task(assessment)
    assert selectors.team_queue(user=pm_officer) == []
    client.force_login(pm_officer)
    assert client.post(f"/tasks/{task.pk}/claim/").status_code == 403
    response = client.post(
        f"/assessments/{assessment.pk}/review-screening/",
        {"seen": head(assessment), "decision": "screened_out", "reasons": "Nothing to see."},
    )
    assert response.status_code == 403
    assert services.active_task(assessment).status == "NEW"


def test_co_author_cannot_approve_even_with_the_officer_role(journey, people, make_user):
    officer_coauthor = make_user(Role.EQUALITY_OFFICER, Role.PROJECT_MANAGER)
    j = journey.start()
    j.as_("pm").post(j.url("co-authors/"), {"user": officer_coauthor.pk})
    assert officer_coauthor.pk in authorship.author_ids(j.refresh())
    # The co-author can edit and submit...
    j.answer_screening(rurality=False, who=officer_coauthor)
    j.submit(who=officer_coauthor)
    # ...but not review it.
    response = j.as_(officer_coauthor).client.post(
        j.url("review-screening/"),
        j.stale_guard() | {"decision": "screened_out", "reasons": "fine"},
    )
    assert response.status_code == 403
    assert j.task().flow_task.name == "screening_review"
