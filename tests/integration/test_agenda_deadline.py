"""The agenda deadline: the lead sets it, sign-off falls due at it, and every list shows it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eia.audit import head
from eia.calendar import agenda_deadline
from eia.events import EventType
from eia.models import SettingChange
from tests.support import builders
from workflows import services
from workflows.selectors import tasks as selectors

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _awaiting_sign_off(people, organisation, **item_fields):
    assessment = builders.at_officer_review(people, organisation, **item_fields)
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    return assessment


def test_the_lead_changes_the_agenda_deadline_and_it_is_kept_with_who_and_when(
    people, organisation
):
    awaiting = _awaiting_sign_off(people, organisation)
    lead = _client(people["lead"])
    page = lead.get("/organisation/lists/").content.decode()
    assert "5 clear working days before the meeting" in page
    assert lead.get("/organisation/agenda-deadline/").status_code == 200
    response = lead.post("/organisation/agenda-deadline/", {"working_days": "8"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.agenda_deadline_days == 8
    change = SettingChange.objects.get(organisation=organisation)
    assert (change.before, change.after, change.actor) == ("5", "8", people["lead"])
    # The record awaiting sign-off has its due date moved: an event on its trail.
    event = awaiting.audit_events.get(event_type=EventType.AGENDA_DEADLINE_CHANGED)
    assert event.details == {"agenda_deadline_days": [5, 8]}
    page = lead.get("/organisation/lists/").content.decode()
    assert "8 clear working days before the meeting" in page
    assert "changed it from 5 to 8 clear working days" in page
    # Saving the same value again records nothing.
    lead.post("/organisation/agenda-deadline/", {"working_days": "8"})
    assert SettingChange.objects.count() == 1


@pytest.mark.parametrize("value", ["", "-1", "31", "five", "1e3", "9" * 40])
def test_a_bad_agenda_deadline_is_a_form_error_not_a_500(people, organisation, value):
    response = _client(people["lead"]).post(
        "/organisation/agenda-deadline/", {"working_days": value}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.agenda_deadline_days == 5


def test_only_the_lead_changes_the_agenda_deadline(people, organisation):
    for who in ("officer", "pm", "dm"):
        client = _client(people[who])
        assert client.get("/organisation/agenda-deadline/").status_code == 403
        assert (
            client.post("/organisation/agenda-deadline/", {"working_days": "2"}).status_code == 403
        )
    organisation.refresh_from_db()
    assert organisation.agenda_deadline_days == 5


def test_sign_off_falls_due_at_the_agenda_deadline_on_every_page(people, organisation):
    decision = timezone.localdate() + datetime.timedelta(days=60)
    while decision.weekday() >= 5:
        decision += datetime.timedelta(days=1)
    awaiting = _awaiting_sign_off(people, organisation, decision_date=decision)
    due = agenda_deadline(decision, 5, organisation.nation)
    rows = selectors.tasks_for(user=people["dm"])
    assert [(row.assessment.pk, row.due) for row in rows] == [(awaiting.pk, due)]
    dm = _client(people["dm"])
    shown = f"{due.day} {due:%b %Y}"
    assert shown in dm.get("/tasks/").content.decode()
    page = dm.get(f"/assessments/{awaiting.pk}/").content.decode()
    assert f"{due.day} {due:%B %Y} (the agenda deadline: 5 clear working days" in page
    calendar = _client(people["officer"]).get(f"/decisions/?start={decision:%Y-%m-%d}")
    assert f"Sign-off due by {due:%A} {due.day} {due:%B %Y}" in calendar.content.decode()
    # A longer deadline moves the due date everywhere.
    _client(people["lead"]).post("/organisation/agenda-deadline/", {"working_days": "10"})
    later_due = agenda_deadline(decision, 10, organisation.nation)
    assert [row.due for row in selectors.tasks_for(user=people["dm"])] == [later_due]


def test_a_sign_off_past_the_agenda_deadline_is_overdue(people, organisation):
    decision = timezone.localdate() + datetime.timedelta(days=3)
    while decision.weekday() >= 5:
        decision += datetime.timedelta(days=1)
    awaiting = _awaiting_sign_off(people, organisation, decision_date=decision)
    rows = selectors.tasks_for(user=people["dm"])
    assert rows[0].overdue
    dm = _client(people["dm"])
    assert "Overdue" in dm.get("/tasks/").content.decode()
    assert "Overdue" in dm.get(f"/assessments/{awaiting.pk}/").content.decode()
    page = _client(people["officer"]).get("/decisions/").content.decode()
    assert "Sign-off overdue: the agenda deadline has passed" in page
