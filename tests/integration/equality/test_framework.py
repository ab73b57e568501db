"""The Equality Framework self-assessment through HTTP: the lead records each area's level,
target and evidence, audited; a target below the current level is refused; others only read."""

import pytest
from django.test import Client

from eia.events import EventType
from eia.models import AuditEvent
from equality.models import FrameworkArea

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form(**extra):
    return {
        "current_level": "developing",
        "target_level": "achieving",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2028",
        "evidence": "Community diversity profiles; NCC-2027-002 assessment",
        "peer_feedback": "Engage more with Gypsy and Traveller communities.",
        **extra,
    }


def test_the_lead_records_an_area_and_everyone_reads_it(people, organisation):
    response = _client(people["lead"]).post("/equality-framework/knowing/", _form())
    assert response.status_code == 302
    row = FrameworkArea.objects.get()
    assert (row.organisation, row.current_level, row.target_level) == (
        organisation,
        "developing",
        "achieving",
    )
    event = AuditEvent.objects.get(event_type=EventType.FRAMEWORK_AREA_SAVED)
    assert event.assessment is None and event.details["area"] == "knowing"
    page = _client(people["pm"]).get("/equality-framework/").content.decode()
    assert "Gypsy and Traveller" in page and "31 March 2028" in page


def test_a_target_below_the_current_level_is_refused(people):
    response = _client(people["lead"]).post(
        "/equality-framework/workforce/", _form(current_level="excellent")
    )
    assert response.status_code == 400
    assert b"cannot be below the current level" in response.content
    assert not FrameworkArea.objects.exists()


def test_only_the_lead_records_and_unknown_areas_are_not_found(people):
    assert (
        _client(people["officer"]).post("/equality-framework/knowing/", _form()).status_code == 403
    )
    assert _client(people["lead"]).get("/equality-framework/nowhere/").status_code == 404
