"""The assessment page shows a page of the trail, newest first, and checks the chain's head
(the newest event against its anchor) on every view; every event is verify_audit's and the
pack's. On SQLite and PostgreSQL."""

import pytest
from django.db import transaction

from eia import audit
from eia.events import EventType
from eia.models import AuditEvent
from tests.support import builders, tampering
from workflows.views.assessment import TRAIL_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return builders.team(organisation)


@pytest.fixture
def trail(people, organisation):
    assessment = builders.at_screening_review(people, organisation)  # events 1, 2, 3
    with transaction.atomic():
        audit.record_many(
            assessment,
            [
                audit.Entry(EventType.COMMENT_ADDED, people["officer"], comment=f"Note {n}")
                for n in range(4, TRAIL_PAGE * 2 + 11)
            ],
        )
    return assessment


def _page(client, people, trail, query=""):
    client.force_login(people["officer"])
    response = client.get(f"/assessments/{trail.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_long_trail_is_shown_a_page_at_a_time_newest_first(client, people, trail):
    total = TRAIL_PAGE * 2 + 10
    first = _page(client, people, trail)
    assert first.count("Note ") == TRAIL_PAGE
    assert f"Note {total}<" in first and f"Note {total - TRAIL_PAGE}<" not in first
    assert f"Showing events {total} to {total - TRAIL_PAGE + 1} of {total}" in first
    assert 'aria-label="Pages of the audit trail"' in first
    last = _page(client, people, trail, "?page=3")
    assert "Assessment started" in last and f"Note {total}<" not in last
    assert "Showing events 10 to 1 of" in last
    assert f"{total} events." in first and "matches its anchor" in first


def test_rewriting_the_newest_event_shows_on_the_page(client, people, trail):
    newest = AuditEvent.objects.filter(assessment=trail).order_by("-sequence").first()
    tampering.run("UPDATE eia_auditevent SET comment = 'x' WHERE id = %s", [newest.pk])
    page = _page(client, people, trail)
    assert f"The audit trail has been altered at event {newest.sequence}" in page


def test_deleting_the_newest_event_shows_on_the_page(client, people, trail):
    newest = AuditEvent.objects.filter(assessment=trail).order_by("-sequence").first()
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [newest.pk])
    page = _page(client, people, trail)
    assert f"The audit trail has been altered at event {newest.sequence}" in page


def test_an_older_event_rewritten_is_left_to_the_whole_check(client, people, trail):
    """The page's check is the head's; the whole chain's check still finds the older edit."""
    tampering.run(
        "UPDATE eia_auditevent SET comment = 'x' WHERE assessment_id = %s AND sequence = 5",
        [trail.pk],
    )
    assert audit.check_head(trail).intact
    whole = audit.verify_chain(trail)
    assert not whole.intact and whole.first_broken_sequence == 5
