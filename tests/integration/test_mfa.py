"""MFA for local accounts: equality leads and admins set up an authenticator app after their
password, then enter its code each time; recovery codes work once each. Codes are real TOTP
codes computed from the key the page shows."""

import re
from base64 import b32decode
from html import unescape

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eia.authorization import Role
from signin import mfa
from signin.models import SignInEvent
from signin.oidc import METHOD_KEY, PROVIDER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_mfa")]
PASSWORD = "correct-horse-battery"


def _sign_in(user) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _key_from_page(html: str) -> bytes:
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def _code(key: bytes, steps_ahead: int = 0) -> str:
    # One step ahead is inside the default tolerance and is never the code used just before.
    return f"{totp(key, drift=steps_ahead):06d}"


def _set_up(client, next_path="/") -> tuple[bytes, list[str]]:
    page = client.get(f"/sign-in/security-code/set-up/?next={next_path}")
    key = _key_from_page(page.content.decode())
    response = client.post(
        "/sign-in/security-code/set-up/", {"code": _code(key), "next": next_path}
    )
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<code>([a-z2-7]+)</code>", codes_page.content.decode())
    return key, codes


@pytest.fixture
def no_throttle(settings):
    # django-otp waits 1 s after one wrong code, 2 s after two...: tested on its own below.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_a_lead_must_set_up_an_app_after_the_password_then_reaches_the_page(make_user, no_throttle):
    lead = make_user(Role.EQUALITY_LEAD)
    client = _sign_in(lead)
    response = client.get("/pipeline/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/security-code/set-up/?next=%2Fpipeline%2F"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Set up an authenticator app" in html
    assert "<svg" in html and 'aria-label="QR code' in html  # the QR code, inline
    key = _key_from_page(html)  # and the key as text, for anyone who cannot scan
    wrong = client.post("/sign-in/security-code/set-up/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 400
    assert "The code is not correct" in unescape(wrong.content.decode())
    right = client.post(
        "/sign-in/security-code/set-up/", {"code": _code(key), "next": "/pipeline/"}
    )
    assert right.status_code == 302
    codes_page = client.get(right["Location"])
    codes = re.findall(r"<code>([a-z2-7]+)</code>", codes_page.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/sign-in/security-code/recovery-codes/").status_code == 302  # shown once
    assert client.get("/pipeline/").status_code == 200
    assert TOTPDevice.objects.get(user=lead).confirmed
    assert SignInEvent.objects.filter(user=lead, kind=SignInEvent.Kind.MFA_SET_UP).exists()


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_wrong_one(make_user, no_throttle):
    lead = make_user(Role.EQUALITY_LEAD)
    key, _ = _set_up(_sign_in(lead))
    client = _sign_in(lead)
    assert client.get("/")["Location"] == "/sign-in/security-code/?next=%2F"
    wrong = client.post("/sign-in/security-code/", {"code": "123456", "next": "/"})
    assert wrong.status_code == 400
    assert client.get("/").status_code == 302  # still not in
    right = client.post("/sign-in/security-code/", {"code": _code(key, 1), "next": "/"})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get("/").status_code == 200
    kinds = set(SignInEvent.objects.filter(user=lead).values_list("kind", flat=True))
    assert {SignInEvent.Kind.MFA_FAILED, SignInEvent.Kind.MFA_VERIFIED} <= kinds


def test_a_recovery_code_works_once(make_user):
    lead = make_user(Role.EQUALITY_LEAD)
    _, codes = _set_up(_sign_in(lead))
    first = _sign_in(lead)
    used = first.post("/sign-in/security-code/", {"code": codes[0].upper(), "next": "/"})
    assert used.status_code == 302
    assert first.get("/").status_code == 200
    again = _sign_in(lead)
    assert again.post("/sign-in/security-code/", {"code": codes[0]}).status_code == 400
    assert SignInEvent.objects.get(kind=SignInEvent.Kind.RECOVERY_CODE_USED).details["left"] == 9


def test_the_admin_needs_a_verified_session(make_user):
    admin_user = make_user(is_staff=True, is_superuser=True)
    client = _sign_in(admin_user)
    response = client.get("/admin/")
    assert response["Location"] == "/sign-in/security-code/set-up/?next=%2Fadmin%2F"
    _set_up(client, "/admin/")
    assert client.get("/admin/").status_code == 200


def test_an_officer_is_not_asked_unless_they_set_up_an_app(make_user):
    officer = make_user(Role.EQUALITY_OFFICER)
    assert _sign_in(officer).get("/").status_code == 200
    assert not mfa.required(officer)


def test_a_council_account_session_is_not_asked_for_a_local_code(make_user):
    lead = make_user(Role.EQUALITY_LEAD)
    client = Client()
    client.force_login(lead)
    assert client.get("/").status_code == 302
    session = client.session
    session[METHOD_KEY] = PROVIDER  # as signin.oidc's callback marks it
    session.save()
    assert client.get("/").status_code == 200


def test_a_wrong_code_many_times_is_slowed_down(make_user):
    lead = make_user(Role.EQUALITY_LEAD)
    key, _ = _set_up(_sign_in(lead))
    client = _sign_in(lead)
    for _ in range(3):
        client.post("/sign-in/security-code/", {"code": "000000"})
    # django-otp's throttle: after failures even the right code waits for the delay to pass.
    response = client.post("/sign-in/security-code/", {"code": _code(key, 1)})
    assert response.status_code == 400
