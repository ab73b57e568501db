"""Bad input gets a clear message and loses nothing: never a 500, whatever arrives."""

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from eia import summary
from eia.audit import head
from eia.errors import InvalidInput
from eia.models import AuditEvent, PipelineItem, SignOff
from eia.register import published_file
from eia.services import pipeline
from tests.factories import UserFactory
from tests.integration.register.support import close
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db


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
    published_file.regenerate()  # an invalid filter filters nothing: the whole-register file
    response = Client().get(url)
    close(response)
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


def test_a_bad_content_length_header_is_not_a_500(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    response = _client(people["pm"]).post(
        f"/assessments/{assessment.pk}/full/evidence/add/",
        {"seen": head(assessment), "title": "t", "shows": "s"},
        CONTENT_LENGTH="abc",
    )
    assert response.status_code in (200, 302, 400)  # the body is unreadable, never a 500


def test_oversized_post_gets_a_clear_400_not_a_500(client, project_manager, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(project_manager)
    response = client.post("/sign-out/", {"text": "x" * 5000})
    assert response.status_code == 400
    assert b"too large" in response.content


def test_styled_404_for_unknown_address(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"govuk-heading-l" in response.content


# The 500s the independent test found (issue 11), each now an answer a person can act on.


def test_the_admin_sign_in_page_answers_an_anonymous_visitor():
    assert Client().get("/admin/login/").status_code == 200
    assert Client().get("/admin/").status_code == 302  # to the sign-in page


def _admin_item_form(item, **overrides):
    return {
        "directorate": item.directorate_id,
        "reference": item.reference,
        "title": "Another proposal",
        "kind": item.kind,
        "summary": "",
        "owner": item.owner_id,
        "decision_body": "Cabinet",
        "decision_maker": "",
        "decision_date": item.decision_date.isoformat(),
    } | overrides


def test_a_duplicate_reference_in_the_admin_is_a_form_error(lead, pipeline_item):
    before = PipelineItem.objects.count()
    response = _client(lead).post("/admin/eia/pipelineitem/add/", _admin_item_form(pipeline_item))
    assert response.status_code == 200
    assert f"Another proposal already has the reference {pipeline_item.reference}" in (
        response.content.decode()
    )
    assert PipelineItem.objects.count() == before


def test_signing_off_a_signed_off_record_is_a_409_and_writes_nothing(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    builders.sign(people, assessment)
    assessment.refresh_from_db()
    events = AuditEvent.objects.count()
    # This officer (who did not approve it) may do the task that follows (publication), so
    # only the state can refuse.
    response = _client(people["officer2"]).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "seen_hash": summary.content_hash(summary.decision_summary(assessment)),
            "decision": "sign",
            "attested": "on",
            "comment": "",
        },
    )
    assert response.status_code == 409
    assert "already signed off" in response.content.decode()
    assert SignOff.objects.filter(assessment=assessment).count() == 1
    assert AuditEvent.objects.count() == events


def test_a_reference_with_a_line_break_is_refused_by_the_service(lead, organisation, pipeline_item):
    with pytest.raises(InvalidInput, match="The reference must be on one line"):
        pipeline.add_item(
            by=lead,
            organisation_id=organisation.pk,
            reference="NCC-2027\n-001",
            facts={
                "title": "Libraries",
                "kind": "policy",
                "decision_body": "Cabinet",
                "directorate": pipeline_item.directorate_id,
                "owner": pipeline_item.owner_id,
                "decision_date": pipeline_item.decision_date,
            },
        )
    with pytest.raises(InvalidInput, match="Reference must start with a letter or number"):
        pipeline.check_reference(organisation_id=organisation.pk, reference="<b>NCC")


def test_a_reference_with_a_line_break_is_refused_in_the_admin(lead, pipeline_item):
    before = PipelineItem.objects.count()
    response = _client(lead).post(
        "/admin/eia/pipelineitem/add/", _admin_item_form(pipeline_item, reference="NCC\r\n1")
    )
    assert response.status_code == 200
    assert "The reference must be on one line, without line breaks or tabs" in (
        response.content.decode()
    )
    assert PipelineItem.objects.count() == before


def test_a_title_with_a_line_break_is_refused_with_the_fields_name(lead, pipeline_item):
    with pytest.raises(InvalidInput, match="The title must be on one line"):
        pipeline.change_item(item_id=pipeline_item.pk, by=lead, changes={"title": "A\nB"})
    pipeline_item.refresh_from_db()
    assert pipeline_item.title == "Library service redesign"


def test_a_directorate_name_with_a_line_break_is_refused_in_the_admin(lead):
    response = _client(lead).post("/admin/eia/directorate/add/", {"name": "Adult\nsocial care"})
    assert response.status_code == 200
    assert "The directorate&#x27;s name must be on one line" in response.content.decode()


@pytest.fixture
def legacy_bad_reference(people, organisation):
    """A published record whose reference holds a line break, as the admin once accepted,
    written straight into the database."""
    published_file.regenerate()
    assessment = builders.published(people, organisation, title="Hawford library")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE eia_pipelineitem SET reference = %s WHERE id = %s",
            ["NCC\n2019/7", assessment.pipeline_item_id],
        )
    published_file.regenerate()
    return assessment


@pytest.mark.parametrize(
    "address",
    [
        "/public/",
        "/public/register.csv",
        "/public/register.json",
        "/public/register.xlsx",
        "/public/feed.atom",
        "/public/{slug}/screening-report/",
        "/public/{slug}/screening-report/{year}/q{quarter}/",
        "/public/{slug}/screening-report/{year}/q{quarter}.csv",
    ],
)
def test_public_lists_answer_with_a_legacy_bad_reference_in_them(legacy_bad_reference, address):
    today = timezone.localdate()
    url = address.format(
        slug=legacy_bad_reference.organisation.slug,
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
    )
    response = Client().get(url)
    close(response)
    assert response.status_code == 200


def test_a_legacy_bad_reference_still_has_its_page(legacy_bad_reference):
    index = Client().get("/public/").content.decode()
    assert "/NCC%0A2019/7/v1/" in index
    page = Client().get(f"/public/{legacy_bad_reference.organisation.slug}/NCC%0A2019/7/v1/")
    assert page.status_code == 200
    assert "Hawford library" in page.content.decode()


def test_an_organisation_name_with_a_line_break_is_refused_in_the_admin(organisation):
    admin = UserFactory(is_staff=True, is_superuser=True, organisation=organisation)
    response = _client(admin).post(
        f"/admin/eia/organisation/{organisation.pk}/change/",
        {
            "name": "Northshire\nCounty Council",
            "short_name": organisation.short_name,
            "slug": organisation.slug,
            "kind": organisation.kind,
            "nation": organisation.nation,
            "screening_ruleset": organisation.screening_ruleset,
            "screening_ruleset_version": "",
            "local_characteristics-TOTAL_FORMS": "0",
            "local_characteristics-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "The organisation&#x27;s name must be on one line" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Northshire County Council"
