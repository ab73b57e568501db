"""Headers and sessions: a Content-Security-Policy with no inline code, nothing signed-in kept
by a browser or proxy, only the methods pages need, sessions that end when idle or too old
(with a message), browser-session cookies, and a styled page for an expired form."""

import re
import time
from html import unescape

import pytest
from django.test import Client

from eia.authorization import Role
from signin import sessions
from signin.models import SignInEvent
from tests.support import builders

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_has_a_csp_without_inline_code(client, project_manager):
    for response in (client.get("/sign-in/"), _signed_in(project_manager).get("/")):
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy
        html = response.content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html


def test_signed_in_pages_and_internal_pdfs_are_never_stored(organisation, project_manager):
    people = builders.team(organisation)
    assessment = builders.at_officer_review(people, organisation)
    client = _signed_in(people["dm"])
    for path in ("/", "/pipeline/", f"/assessments/{assessment.pk}/summary.pdf"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
    # The public register may be cached: it is the same for everyone.
    assert "no-store" not in Client().get("/public/").get("Cache-Control", "")


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "PUT", "PATCH", "DELETE", "CONNECT"])
def test_methods_no_page_needs_are_405_everywhere(method, project_manager):
    for client in (Client(), _signed_in(project_manager)):
        for path in ("/", "/sign-in/", "/public/", "/admin/", "/no-such-page/"):
            response = client.generic(method, path)
            assert response.status_code == 405, (method, path)
            assert response["Allow"] == "GET, HEAD, POST"


def test_an_idle_session_ends_with_a_message_and_no_javascript(project_manager):
    client = Client()
    client.post("/sign-in/", {"username": project_manager.username, "password": PASSWORD})
    assert client.get("/pipeline/").status_code == 200
    session = client.session
    session[sessions.SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get("/pipeline/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=%2Fpipeline%2F"
    page = unescape(client.get(response["Location"]).content.decode())
    assert "You were signed out because you had not done anything for 30 minutes." in page
    assert client.get("/").status_code == 302  # signed out for good
    event = SignInEvent.objects.get(kind=SignInEvent.Kind.TIMED_OUT)
    assert event.user == project_manager and event.details == {"reason": "idle"}


def test_a_busy_session_still_ends_at_its_limit(project_manager):
    client = _signed_in(project_manager)
    session = client.session
    session[sessions.STARTED] = time.time() - 12 * 3600 - 1
    session[sessions.SEEN] = time.time()
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    page = unescape(client.get(response["Location"]).content.decode())
    assert "because you had been signed in for 12 hours" in page


def test_requests_keep_a_session_alive(project_manager):
    client = _signed_in(project_manager)
    session = client.session
    session[sessions.SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get("/").status_code == 200
    assert time.time() - client.session[sessions.SEEN] < 5


def test_stay_signed_in_restarts_the_idle_clock_but_not_the_limit(project_manager):
    client = _signed_in(project_manager)
    session = client.session
    session[sessions.STARTED] = time.time() - 3600
    session[sessions.SEEN] = time.time() - 28 * 60
    session.save()
    answer = client.post("/sign-in/stay-signed-in/", HTTP_ACCEPT="application/json").json()
    assert 30 * 60 - 5 <= answer["idle"] <= 30 * 60
    assert 11 * 3600 - 5 <= answer["absolute"] <= 11 * 3600
    assert client.get("/sign-in/stay-signed-in/").status_code == 405


def test_the_warnings_time_up_page_signs_out(project_manager):
    client = _signed_in(project_manager)
    response = client.get("/sign-in/signed-out/")
    assert response["Location"] == "/sign-in/"
    assert client.get("/").status_code == 302
    assert "You were signed out" in unescape(client.get("/sign-in/").content.decode())


def test_signed_in_pages_carry_the_timeout_warning(project_manager):
    html = _signed_in(project_manager).get("/").content.decode()
    assert 'id="timeout-warning"' in html
    idle = int(re.search(r'data-idle-seconds="(\d+)"', html).group(1))
    assert 1790 <= idle <= 1800 and 'data-warning-seconds="120"' in html
    assert "signin/timeout-warning.js" in html
    assert 'id="timeout-warning"' not in Client().get("/sign-in/").content.decode()


def test_the_session_cookie_lasts_only_until_the_browser_closes(project_manager):
    client = Client()
    response = client.post(
        "/sign-in/", {"username": project_manager.username, "password": PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]
    assert SignInEvent.objects.filter(
        user=project_manager, kind=SignInEvent.Kind.SIGNED_IN
    ).exists()


def test_an_expired_form_gets_a_styled_page(project_manager):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/sign-in/", {"username": project_manager.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html and "govuk-heading-l" in html
    assert "Nothing was saved" in html


def test_the_idle_timeout_reads_settings(settings, make_user):
    settings.DUE_REGARD_SESSION_IDLE_SECONDS = 10 * 60
    client = _signed_in(make_user(Role.VIEWER))
    session = client.session
    session[sessions.SEEN] = time.time() - 11 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert "for 10 minutes" in unescape(client.get(response["Location"]).content.decode())
