"""The pipeline in the service: project managers add what they own, the equality lead names
who acts and keeps the lists, and decision dates fall on working days at meetings."""

import datetime

import pytest
from django.test import Client

from eia.calendar import add_working_days, is_working_day
from eia.models import DecisionBody, Meeting, PipelineChange, PipelineItem
from tests.factories import DirectorateFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _working(days: int) -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=days)
    return day if is_working_day(day) else add_working_days(day, 1)


def _weekend() -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=30)
    while day.weekday() != 5:
        day += datetime.timedelta(days=1)
    return day


def _form(directorate, day, **extra):
    return {
        "title": "Mobile library timetable",
        "kind": "service_redesign",
        "summary": "Fewer stops, longer visits.",
        "directorate": directorate.pk,
        "decision_body": "Cabinet",
        "decision_date_0": day.day,
        "decision_date_1": day.month,
        "decision_date_2": day.year,
    } | extra


@pytest.fixture
def directorate(organisation):
    DecisionBody.objects.create(organisation=organisation, name="Cabinet")
    return DirectorateFactory(organisation=organisation, name="Communities")


def test_a_project_manager_adds_a_proposal_numbered_automatically(people, directorate):
    day = _working(40)
    response = _client(people["pm"]).post("/pipeline/add/", _form(directorate, day))
    assert response.status_code == 302, response.content.decode()[:3000]
    item = PipelineItem.objects.get(title="Mobile library timetable")
    prefix = item.organisation.prefix
    assert item.reference == f"{prefix}-{day.year}-001"
    assert item.owner == people["pm"] and item.decision_maker is None
    assert PipelineChange.objects.get(item=item).reason == "Added to the pipeline"
    second = _client(people["pm"]).post("/pipeline/add/", _form(directorate, day, title="Two"))
    assert second.status_code == 302
    assert PipelineItem.objects.get(title="Two").reference == f"{prefix}-{day.year}-002"


def test_only_the_lead_names_the_decision_maker_and_sees_roles_in_the_choice(people, directorate):
    pm_page = _client(people["pm"]).get("/pipeline/add/").content.decode()
    assert 'name="decision_maker"' not in pm_page
    lead_page = _client(people["lead"]).get("/pipeline/add/").content.decode()
    assert 'name="decision_maker"' in lead_page
    assert f"{people['dm'].display_name} (" in lead_page and "Decision-maker" in lead_page


def test_a_decision_date_must_be_a_working_day_and_a_meeting_of_the_body(
    people, directorate, organisation
):
    client = _client(people["pm"])
    response = client.post("/pipeline/add/", _form(directorate, _weekend()))
    assert response.status_code == 400
    assert "is not a working day" in response.content.decode()
    cabinet = DecisionBody.objects.get(organisation=organisation, name="Cabinet")
    meets = _working(50)
    Meeting.objects.create(body=cabinet, date=meets)
    response = client.post("/pipeline/add/", _form(directorate, _working(40)))
    assert response.status_code == 400
    assert f"Its next meetings are on {meets:%-d %B %Y}" in response.content.decode()
    assert client.post("/pipeline/add/", _form(directorate, meets)).status_code == 302
    assert PipelineItem.objects.filter(organisation=organisation).count() == 1


def test_changing_details_keeps_the_reason_on_the_history(people, directorate, pipeline_item):
    item = pipeline_item
    client = _client(people["lead"])
    form = _form(
        directorate,
        _working(60),
        title="Library service redesign (revised)",
        owner=item.owner_id,
        decision_maker=item.decision_maker_id,
        reason="Cabinet asked for a revised scope.",
    )
    response = client.post(f"/pipeline/{item.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    change = PipelineChange.objects.filter(item=item).first()
    assert change.reason == "Cabinet asked for a revised scope."
    assert change.changes["title"] == [
        "Library service redesign",
        "Library service redesign (revised)",
    ]
    page = client.get(f"/pipeline/{item.pk}/").content.decode()
    assert "Cabinet asked for a revised scope." in page and "(revised)" in page


def test_other_people_and_organisations_cannot_change_an_item(people, pipeline_item, make_user):
    assert _client(people["viewer"]).get("/pipeline/add/").status_code == 403
    assert (
        _client(people["officer"]).get(f"/pipeline/{pipeline_item.pk}/change/").status_code == 403
    )
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["equality_lead"])
    assert _client(outsider).get(f"/pipeline/{pipeline_item.pk}/change/").status_code == 404


def test_the_lead_keeps_directorates_bodies_and_meeting_dates(people, organisation):
    client = _client(people["lead"])
    assert client.post("/organisation/lists/", {"directorate-name": "Place"}).status_code == 302
    again = client.post("/organisation/lists/", {"directorate-name": "Place"})
    assert (
        again.status_code == 400 and "already a directorate called Place" in again.content.decode()
    )
    day = _working(30)
    response = client.post(
        "/organisation/decision-bodies/add/",
        {"name": "Cabinet", "active": "on", "meetings": f"{day.day} {day.month} {day.year}\n"},
    )
    assert response.status_code == 302
    body = DecisionBody.objects.get(organisation=organisation, name="Cabinet")
    assert list(body.meetings.values_list("date", flat=True)) == [day]
    bad = client.post(
        f"/organisation/decision-bodies/{body.pk}/",
        {"name": "Cabinet", "active": "on", "meetings": "31 2 2027\nsoon"},
    )
    assert bad.status_code == 400 and "These are not dates: 31 2 2027, soon" in bad.content.decode()
    assert _client(people["pm"]).get("/organisation/lists/").status_code == 403
