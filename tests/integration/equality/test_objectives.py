"""Equality objectives through HTTP: the lead sets them for at most four years, each change
is on the organisation's own audit trail, and the home page warns well before they lapse."""

import datetime

import pytest
from django.test import Client

from eia.audit import verify_chain
from eia.authorization import Role
from eia.events import EventType
from eia.models import AuditEvent
from equality.models import Objective
from equality.selectors.objectives import REFRESH_NOTICE_DAYS, refresh_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _form(starts, ends, **extra):
    return {
        "title": "Customers: equal access to services",
        "statement": "Services that meet the needs of everyone.",
        **_date_fields("starts_on", starts),
        **_date_fields("ends_on", ends),
        "agreed_by": "Cabinet",
        **_date_fields("agreed_on", datetime.date.today() - datetime.timedelta(days=10)),
        "evidence": "Equality needs analysis 2026",
        **extra,
    }


def test_the_lead_adds_an_objective_on_the_organisations_own_trail(lead, organisation):
    today = datetime.date.today()
    response = _client(lead).post(
        "/objectives/add/", _form(today, today.replace(year=today.year + 3))
    )
    assert response.status_code == 302
    objective = Objective.objects.get()
    assert objective.organisation == organisation and objective.agreed_by == "Cabinet"
    event = AuditEvent.objects.get(assessment=None)
    assert event.event_type == EventType.OBJECTIVE_ADDED and event.organisation == organisation
    assert event.details["title"] == objective.title
    page = _client(lead).get("/objectives/")
    assert b"Customers: equal access to services" in page.content
    assert b"Equality needs analysis 2026" in page.content


def test_a_period_longer_than_four_years_is_refused(lead):
    today = datetime.date.today()
    response = _client(lead).post(
        "/objectives/add/", _form(today, today.replace(year=today.year + 4))
    )
    assert response.status_code == 400
    assert b"at most 4 years" in response.content
    assert not Objective.objects.exists()


def test_changes_are_chained_and_the_chain_verifies(lead, organisation):
    today = datetime.date.today()
    client = _client(lead)
    client.post("/objectives/add/", _form(today, today.replace(year=today.year + 2)))
    objective = Objective.objects.get()
    client.post(
        f"/objectives/{objective.pk}/",
        _form(today, today.replace(year=today.year + 2), agreed_by="Full Council"),
    )
    events = list(AuditEvent.objects.filter(assessment=None).order_by("sequence"))
    assert [e.event_type for e in events] == [
        EventType.OBJECTIVE_ADDED,
        EventType.OBJECTIVE_CHANGED,
    ]
    assert events[1].details["changes"]["agreed_by"] == ["Cabinet", "Full Council"]
    assert verify_chain(None, organisation=organisation).intact


def test_only_the_lead_sets_objectives(officer, project_manager):
    today = datetime.date.today()
    form = _form(today, today.replace(year=today.year + 2))
    assert _client(officer).post("/objectives/add/", form).status_code == 403
    assert _client(project_manager).get("/objectives/add/").status_code == 403
    assert _client(project_manager).get("/objectives/").status_code == 200
    assert not Objective.objects.exists()


def test_another_organisations_objective_is_not_found(lead, other_organisation):
    today = datetime.date.today()
    other_lead = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD])
    _client(other_lead).post("/objectives/add/", _form(today, today.replace(year=today.year + 2)))
    theirs = Objective.objects.get()
    assert _client(lead).get(f"/objectives/{theirs.pk}/").status_code == 404
    assert b"Customers: equal access" not in _client(lead).get("/objectives/").content


def test_the_home_page_warns_well_before_the_objectives_lapse(lead, organisation):
    today = datetime.date.today()
    client = _client(lead)
    assert b"no equality objectives in force" in client.get("/").content
    ends = today + datetime.timedelta(days=REFRESH_NOTICE_DAYS - 1)
    client.post("/objectives/add/", _form(ends - datetime.timedelta(days=900), ends))
    page = client.get("/").content.decode()
    assert "must be refreshed by" in page and ends.strftime("%-d %B %Y") in page
    assert refresh_for(organisation_id=organisation.pk).warn


def test_no_warning_when_the_refresh_is_far_off(lead, organisation):
    today = datetime.date.today()
    _client(lead).post("/objectives/add/", _form(today, today.replace(year=today.year + 3)))
    assert not refresh_for(organisation_id=organisation.pk).warn
    assert b'data-testid="objectives-refresh"' not in _client(lead).get("/").content
