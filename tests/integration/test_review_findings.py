"""Defects an independent review found, each pinned by the request that used to break it."""

import datetime

import pytest
from django.db import transaction
from django.test import Client

from eia import summary
from eia.audit import head
from eia.authorization import Role
from eia.models import AuditEvent
from eia.services import authorship
from eia.services import co_authors as co_authors_services
from eia.services import sections as sections_services
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return builders.team(organisation)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/public/?published_to_0=31&published_to_1=12&published_to_2=9999",
        "/public/register.csv?published_to_0=31&published_to_1=12&published_to_2=9999",
        "/public/feed.atom?published_from_0=1&published_from_1=1&published_from_2=1",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_a_message_not_a_500(url):
    response = Client().get(url)
    assert response.status_code in (200, 400)
    if response["Content-Type"].startswith("text/html"):
        assert "Enter a date between 1900 and 2200" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/public/northshire/NCC%00/v1/", "/public/?q=%00", "/pipeline/?x=%00"]
)
def test_nul_in_the_address_is_a_400_page(url):
    response = Client().get(url)
    assert response.status_code == 400
    assert "This address is not valid" in response.content.decode()


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


def test_two_tabs_cannot_silently_overwrite_each_other(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    pm = _client(people["pm"])
    page = pm.get(f"/assessments/{assessment.pk}/full/proposal/").content.decode()
    seen = int(page.split('name="seen" value="')[1].split('"')[0])
    first = pm.post(
        f"/assessments/{assessment.pk}/full/proposal/",
        {"seen": seen, "aims": "Tab 1 aims"},
    )
    assert first.status_code == 302
    second = pm.post(
        f"/assessments/{assessment.pk}/full/proposal/",
        {"seen": seen, "budget": "Tab 2 budget"},
    )
    assert second.status_code == 409
    assert "changed this assessment since you opened the page" in second.content.decode()
    assessment.refresh_from_db()
    assert assessment.full.aims == "Tab 1 aims"
    # Editing a different record (an impact) from an equally old page is fine.
    other = pm.post(
        f"/assessments/{assessment.pk}/full/impacts/age/",
        {"seen": seen, "direction": "neutral"},
    )
    assert other.status_code == 302


def test_decision_dates_outside_the_calendar_are_refused_in_the_admin(lead, pipeline_item):
    response = _client(lead).post(
        f"/admin/eia/pipelineitem/{pipeline_item.pk}/change/",
        {
            "directorate": pipeline_item.directorate_id,
            "reference": pipeline_item.reference,
            "title": pipeline_item.title,
            "kind": pipeline_item.kind,
            "summary": "",
            "owner": pipeline_item.owner_id,
            "decision_body": "Cabinet",
            "decision_maker": pipeline_item.decision_maker_id,
            "decision_date": "0001-01-01",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1900-01-01" in response.content.decode()


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


def test_the_authors_proposed_review_date_is_used_at_publication(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    proposed = datetime.date.today() + datetime.timedelta(days=200)
    full = assessment.full
    full.review_date = proposed
    full.save()
    published = builders.approve_sign_and_publish(people, assessment)
    assert published.review_date == proposed
    assert published.audit_events.first().details == {"review_date": proposed.isoformat()}


def test_only_the_currently_named_decision_maker_can_sign(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    new_dm = UserFactory(organisation=organisation, roles=[Role.DECISION_MAKER])
    item = assessment.pipeline_item
    item.decision_maker = new_dm
    with transaction.atomic():
        item.save()
        authorship.sync_decision_maker(item)  # as the admin does when the lead names someone
    assessment.refresh_from_db()
    shown = summary.content_hash(summary.decision_summary(assessment))
    response = _client(people["dm"]).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "seen_hash": shown,
            "decision": "sign",
            "attested": "on",
        },
    )
    assert response.status_code == 403
    assert "Only the named decision-maker" in response.content.decode()


def test_signing_without_having_loaded_the_summary_is_refused(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    response = _client(people["dm"]).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "decision": "sign",
            "attested": "on",
        },
    )
    assert response.status_code == 400
    assert "Reload the page and read the summary before you sign" in response.content.decode()


def test_a_bad_content_length_header_is_not_a_500(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    response = _client(people["pm"]).post(
        f"/assessments/{assessment.pk}/full/evidence/add/",
        {"seen": head(assessment), "title": "t", "shows": "s"},
        CONTENT_LENGTH="abc",
    )
    assert response.status_code in (200, 302, 400)  # the body is unreadable, never a 500


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
