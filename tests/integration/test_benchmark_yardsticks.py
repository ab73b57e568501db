"""The benchmarks' two yardsticks (benchmarks/urls.py) do what their names say."""

import pytest
from django.test import Client, override_settings

from eia.authorization import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("benchmarks.urls")]


@override_settings(RATELIMIT_ENABLE=False)
def test_the_bare_view_is_one_tiny_anonymous_answer(client):
    response = client.get("/bench/bare/")
    assert (response.status_code, response.content) == (200, b"ok")


def test_the_floor_is_an_empty_signed_in_page_in_the_layout(organisation):
    anonymous = Client()
    assert anonymous.get("/bench/floor/").status_code == 302  # signed in only, as every page
    client = Client()
    client.force_login(UserFactory(organisation=organisation, roles=[Role.PROJECT_MANAGER]))
    page = client.get("/bench/floor/").content.decode()
    assert '<h1 class="govuk-heading-l">Floor</h1>' in page
    assert "govuk-service-navigation" in page and "Sign out" in page
