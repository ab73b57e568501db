"""The Django admin: scoped to the lead's organisation, closed to everyone else, and refusing
values the service would refuse."""

import pytest
from django.test import Client

from tests.factories import PipelineItemFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


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


def test_admin_is_scoped_to_the_leads_organisation(client, lead, pipeline_item, other_organisation):
    foreign = PipelineItemFactory(organisation=other_organisation, title="Not yours")
    client.force_login(lead)
    listing = client.get("/admin/eia/pipelineitem/").content.decode()
    assert pipeline_item.title in listing
    assert foreign.title not in listing
    # The change page of another organisation's item does not exist for this lead.
    response = client.get(f"/admin/eia/pipelineitem/{foreign.pk}/change/")
    assert response.status_code == 302  # admin redirects "doesn't exist" to its index
    assert client.get(f"/admin/eia/pipelineitem/{pipeline_item.pk}/change/").status_code == 200


def test_admin_refuses_non_leads(client, project_manager):
    project_manager.is_staff = True
    project_manager.save()
    client.force_login(project_manager)
    assert client.get("/admin/eia/pipelineitem/").status_code == 403


def test_admin_sign_in_page_answers_anonymous_visitors(client):
    # Found by the permission matrix: the sign-in page asked an AnonymousUser for its
    # organisation and answered 500 to every visitor.
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert client.post("/admin/login/", {"username": "nobody", "password": "x"}).status_code == 200
