"""Leads never know a colleague's password: invitations and resets by email link (single use,
with expiry), self-service password change, and no password forms for leads in the admin.
Every step is on the security log."""

import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from eia.authorization import Role
from eia.events import SecurityEventType
from eia.models import SecurityEvent, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a walk along the quiet river"


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _link(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _logged(organisation):
    return list(
        SecurityEvent.objects.filter(organisation=organisation)
        .order_by("occurred_at", "pk")
        .values_list("event_type", flat=True)
    )


def _after_commit():
    """Run the emails queued for after the commit (the test's transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def _invite(lead, **fields):
    data = {
        "username": "nadia.khan",
        "first_name": "Nadia",
        "last_name": "Khan",
        "email": "nadia.khan@example.org",
        "job_title": "Equality Officer",
        "groups": [],
    } | fields
    with _after_commit():
        return _client(lead).post("/admin/eia/user/add/", data)


def test_the_lead_invites_by_email_and_never_sets_a_password(lead, organisation, settings):
    settings.SITE_URL = "https://due-regard.example.gov.uk"
    page = _client(lead).get("/admin/eia/user/add/").content.decode()
    assert 'name="password1"' not in page and 'name="password"' not in page
    officer_group = lead.groups.model.objects.get(name=Role.EQUALITY_OFFICER)
    response = _invite(lead, groups=[officer_group.pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    invited = User.objects.get(username="nadia.khan")
    assert invited.organisation == organisation
    assert not invited.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nadia.khan@example.org"]]
    assert "https://due-regard.example.gov.uk/invitation/" in mail.outbox[0].body
    assert _logged(organisation) == [
        SecurityEventType.USER_CREATED,
        SecurityEventType.ROLES_CHANGED,
        SecurityEventType.INVITATION_SENT,
    ]
    roles = SecurityEvent.objects.get(event_type=SecurityEventType.ROLES_CHANGED)
    assert roles.details["added"] == ["Equality officer"] and roles.actor == lead


def test_the_invitation_link_sets_the_persons_own_password_once(lead, organisation):
    _invite(lead)
    link = _link(mail.outbox[0])
    visitor = _client()
    form = visitor.get(link, follow=True)
    assert "Set your password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    response = visitor.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == "/invitation/done/"
    invited = User.objects.get(username="nadia.khan")
    assert invited.check_password(NEW_PASSWORD)
    assert _logged(organisation)[-1] == SecurityEventType.INVITATION_ACCEPTED
    again = _client().get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_an_expired_invitation_does_not_work(lead, settings):
    _invite(lead)
    settings.INVITATION_TIMEOUT = -1
    page = _client().get(_link(mail.outbox[0]), follow=True).content.decode()
    assert "This link does not work" in page


def test_the_invited_password_must_meet_the_policy(lead, organisation):
    _invite(lead)
    visitor = _client()
    set_url = visitor.get(_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    for weak in ("northshire", "Northshire2026"):
        page = visitor.post(set_url, {"new_password1": weak, "new_password2": weak})
        assert page.status_code == 200
        assert "cannot contain the name of your organisation" in page.content.decode()
    assert not User.objects.get(username="nadia.khan").has_usable_password()


def test_leads_cannot_set_a_colleagues_password_but_superusers_can(lead, officer, organisation):
    url = f"/admin/eia/user/{officer.pk}/password/"
    assert _client(lead).get(url).status_code == 403
    assert (
        _client(lead).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code
        == 403
    )
    officer.refresh_from_db()
    assert not officer.check_password(NEW_PASSWORD)
    change = _client(lead).get(f"/admin/eia/user/{officer.pk}/change/").content.decode()
    assert "/password/" not in change
    assert 'name="email"' not in change  # a lead cannot redirect a colleague's reset email
    root = UserFactory(is_superuser=True, is_staff=True, organisation=None)
    response = _client(root).post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert _logged(organisation) == [SecurityEventType.PASSWORD_SET_BY_ADMIN]


def test_a_forgotten_password_is_reset_by_email_link_once(officer, organisation, settings):
    settings.SITE_URL = "https://due-regard.example.gov.uk"
    visitor = _client()
    page = visitor.get("/sign-in/").content.decode()
    assert 'href="/password-reset/"' in page
    response = visitor.post(
        "/password-reset/", {"email": officer.email}, HTTP_HOST="evil.example.com"
    )
    assert response.status_code in (302, 400)
    with _after_commit():
        response = visitor.post("/password-reset/", {"email": officer.email})
    assert response.status_code == 302 and response.url == "/password-reset/sent/"
    message = mail.outbox[-1]
    assert message.to == [officer.email]
    assert "https://due-regard.example.gov.uk/password-reset/" in message.body
    set_url = visitor.get(_link(message), follow=True).redirect_chain[-1][0]
    response = visitor.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert SecurityEventType.PASSWORD_RESET_REQUESTED in _logged(organisation)
    assert _logged(organisation)[-1] == SecurityEventType.PASSWORD_RESET
    assert "This link does not work" in _client().get(_link(message), follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(organisation):
    response = _client().post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url == "/password-reset/sent/"
    assert mail.outbox == []


def test_people_change_their_own_password(officer, organisation):
    client = _client(officer)
    assert "Change your password" in client.get("/").content.decode()
    page = client.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
    response = client.post(
        "/account/password/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302 and response.url == "/account/password/changed/"
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    event = SecurityEvent.objects.get(event_type=SecurityEventType.PASSWORD_CHANGED)
    assert event.actor == officer and event.subject == officer
    # Still signed in on this browser after the change.
    assert client.get("/account/password/changed/").status_code == 200


def test_the_lead_can_send_an_invitation_again_but_not_to_someone_with_a_password(
    lead, officer, organisation
):
    _invite(lead)
    invited = User.objects.get(username="nadia.khan")
    for user in (invited, officer):
        with _after_commit():
            _client(lead).post(
                "/admin/eia/user/", {"action": "send_invitations", "_selected_action": [user.pk]}
            )
    assert len(mail.outbox) == 2
    assert _logged(organisation).count(SecurityEventType.INVITATION_SENT) == 2


def test_password_reset_requests_are_limited_per_address(officer, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PASSWORD_RESET_RATE = "2/h"
    client = Client(REMOTE_ADDR="192.0.2.40")
    answers = [
        client.post("/password-reset/", {"email": officer.email}).status_code for _ in range(3)
    ]
    assert answers == [302, 302, 429]
    assert (
        "Too many requests" in client.post("/password-reset/", {"email": "x@y.z"}).content.decode()
    )
