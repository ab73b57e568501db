"""Bad input gets a clear message and loses nothing: never a 500, whatever arrives."""

import pytest
from django.test import Client

from eia.audit import head
from eia.register import published_file
from tests.integration.register.support import close
from tests.support import builders
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
