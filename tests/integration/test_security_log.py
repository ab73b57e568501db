"""The organisation's security log: who reads it (the lead and the auditor, nobody else, only
their own organisation's), paged, exported as CSV with formula injection neutralised, and
append-only."""

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from eia import security_log
from eia.authorization import Role
from eia.events import SecurityEventType
from eia.models import AppendOnlyError, SecurityEvent

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _log(organisation, n=1, **fields):
    for _ in range(n):
        security_log.record(
            SecurityEventType.SIGN_IN_FAILED, organisation_id=organisation.pk, **fields
        )


def test_the_lead_and_the_auditor_read_it_and_nobody_else(
    people, organisation, make_user, other_organisation
):
    auditor = make_user(Role.AUDITOR)
    _log(organisation, subject_name="ours.person")
    _log(other_organisation, subject_name="theirs.person")
    for reader in (people["lead"], auditor):
        page = _client(reader).get("/security-log/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "ours.person" in text and "theirs.person" not in text
        assert 'href="/security-log/"' in text  # in the navigation
    for other in ("pm", "officer", "dm", "viewer"):
        assert _client(people[other]).get("/security-log/").status_code == 403
        assert _client(people[other]).get("/security-log/download.csv").status_code == 403
    assert Client().get("/security-log/").status_code == 302  # to sign in


def test_the_page_is_paged(people, organisation):
    _log(organisation, 60)
    first = _client(people["lead"]).get("/security-log/").content.decode()
    assert first.count("Sign-in failed") == 50
    second = _client(people["lead"]).get("/security-log/?page=2").content.decode()
    assert second.count("Sign-in failed") == 10


def test_the_export_neutralises_formulas_and_has_every_entry(people, organisation):
    _log(organisation, subject_name='=HYPERLINK("http://evil.example","click")')
    _log(organisation, subject_name="+SUM(1)", details={"username": "@cmd"})
    response = _client(people["lead"]).get("/security-log/download.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == security_log.HEADER
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'+SUM(1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert len(rows) == 3


def test_entries_cannot_be_changed_or_deleted(organisation):
    _log(organisation)
    event = SecurityEvent.objects.get()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.update(details={})


def test_the_database_refuses_to_rewrite_an_entry(organisation):
    _log(organisation)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE eia_securityevent SET subject_name = 'someone else'")
    assert SecurityEvent.objects.get().subject_name == ""


def test_role_changes_and_deactivation_in_the_admin_are_logged(people, organisation):
    lead, officer = people["lead"], people["officer"]
    groups = officer.groups.model.objects
    data = {
        "username": officer.username,
        "first_name": officer.first_name,
        "last_name": officer.last_name,
        "job_title": "",
        "groups": [groups.get(name=Role.DECISION_MAKER).pk],
    }
    response = _client(lead).post(f"/admin/eia/user/{officer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    change = SecurityEvent.objects.get(event_type=SecurityEventType.ROLES_CHANGED)
    assert change.details == {"added": ["Decision-maker"], "removed": ["Equality officer"]}
    assert change.actor == lead and change.subject == officer
    # is_active is a checkbox: leaving it out deactivates.
    assert SecurityEvent.objects.filter(event_type=SecurityEventType.USER_DEACTIVATED).count() == 1
    officer.refresh_from_db()
    assert not officer.is_active
