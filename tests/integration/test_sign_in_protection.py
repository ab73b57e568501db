"""Sign-in throttling (django-axes) per username and address: a guesser is locked out, the
real person at another address is not, the pause ends after the cool-off, and every failure
and lockout is on the organisation's security log."""

import datetime

import pytest
from django.conf import settings as conf
from django.test import Client

from eia.events import SecurityEventType
from eia.models import SecurityEvent

pytestmark = pytest.mark.django_db

ATTACKER, VICTIM = "203.0.113.9", "198.51.100.20"
RIGHT = "correct-horse-battery"


def _sign_in(address, username, password):
    return Client(REMOTE_ADDR=address).post(
        "/sign-in/", {"username": username, "password": password}
    )


def _fail(officer, times, address=ATTACKER):
    """Wrong passwords: the form again until the limit, then the lockout page."""
    for attempt in range(1, times + 1):
        expected = 200 if attempt < conf.AXES_FAILURE_LIMIT else 429
        assert _sign_in(address, officer.username, "guess").status_code == expected


def test_twenty_wrong_passwords_then_the_right_one_is_refused_with_the_lockout_page(officer):
    """The finding: 20 wrong passwords, then the right one signed in."""
    _fail(officer, conf.AXES_FAILURE_LIMIT - 1)
    response = _sign_in(ATTACKER, officer.username, "guess")
    assert response.status_code == 429
    for _ in range(20 - conf.AXES_FAILURE_LIMIT):
        _sign_in(ATTACKER, officer.username, "guess")
    response = _sign_in(ATTACKER, officer.username, RIGHT)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page and "15 minutes" in page
    assert "govuk-header" in page or "govuk-service-navigation" in page


def test_an_attacker_elsewhere_cannot_lock_out_the_real_person(officer):
    _fail(officer, conf.AXES_FAILURE_LIMIT + 2)
    response = _sign_in(VICTIM, officer.username, RIGHT)
    assert response.status_code == 302 and response.url == "/"


def test_the_pause_ends_after_the_cool_off(officer, settings):
    _fail(officer, conf.AXES_FAILURE_LIMIT)
    assert _sign_in(ATTACKER, officer.username, RIGHT).status_code == 429
    settings.AXES_COOLOFF_TIME = datetime.timedelta(microseconds=1)
    assert _sign_in(ATTACKER, officer.username, RIGHT).status_code == 302


def test_failures_and_the_lockout_are_on_the_security_log(officer, organisation):
    _fail(officer, conf.AXES_FAILURE_LIMIT)
    events = SecurityEvent.objects.filter(organisation=organisation)
    failures = events.filter(event_type=SecurityEventType.SIGN_IN_FAILED)
    assert failures.count() == conf.AXES_FAILURE_LIMIT
    assert {e.ip_address for e in failures} == {ATTACKER}
    assert {e.subject_id for e in failures} == {officer.pk}
    locked = events.get(event_type=SecurityEventType.LOCKED_OUT)
    assert locked.details["username"] == officer.username


def test_an_unknown_username_is_logged_for_no_organisation(organisation):
    _sign_in(ATTACKER, "no.such.person\n=cmd", "guess")
    event = SecurityEvent.objects.get(event_type=SecurityEventType.SIGN_IN_FAILED)
    assert event.organisation_id is None and event.subject_id is None
    assert event.subject_name == "no.such.person\n=cmd"
