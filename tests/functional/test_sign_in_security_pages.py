"""The sign-in security pages in a real browser, by keyboard, each checked by axe: setting up
and entering a security code, recovery codes, the timeout warning (a modal dialog) and its
sign-out, the expired-form page and the council sign-in button. No page breaks the CSP."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from eia.authorization import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(browse):
    found = []
    browse.page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    yield found
    assert found == [], f"The browser refused content under the CSP: {found}"


def _sign_in_by_keyboard(browse, username):
    browse.goto("/sign-in/")
    browse.type_into("username", username)
    browse.type_into("password", "correct-horse-battery")
    browse.press_and_load("Enter")


def _code(key: bytes, ahead: int = 0) -> str:
    return f"{totp(key, drift=ahead):06d}"


def test_setting_up_and_entering_a_security_code(browse, make_user, require_mfa, csp_violations):
    make_user(Role.EQUALITY_LEAD, username="gareth", first_name="Gareth")
    _sign_in_by_keyboard(browse, "gareth")
    page = browse.page
    assert page.inner_text("h1") == "Set up an authenticator app"
    browse.check_reflow()
    secret = page.inner_text("#secret").replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    browse.type_into("code", "000000")
    browse.press_and_load("Enter")
    assert "The code is not correct" in page.inner_text(".govuk-error-summary")
    # A wrong code throttles the device: the next try counts after a second (django-otp's
    # exponential back-off, OTP_TOTP_THROTTLE_FACTOR), as a person's would.
    page.wait_for_timeout(1200)
    browse.type_into("code", _code(key))
    browse.press_and_load("Enter")
    assert page.inner_text("h1") == "Authenticator app set up"
    assert len(re.findall(r"[a-z2-7]{8}", page.inner_text("#recovery-codes"))) == 10
    browse.activate("I have saved my recovery codes")
    assert "Signed in as Gareth" in page.inner_text(".govuk-phase-banner")
    # Next time: the code only.
    browse.tab_to("Sign out")
    browse.press_and_load("Enter")
    _sign_in_by_keyboard(browse, "gareth")
    assert page.inner_text("h1") == "Enter your security code"
    browse.check_reflow()
    browse.type_into("code", _code(key, 1))
    browse.press_and_load("Enter")
    assert "Signed in as Gareth" in page.inner_text(".govuk-phase-banner")


def test_the_timeout_warning_offers_to_stay_then_signs_out(
    browse, make_user, settings, csp_violations
):
    settings.DUE_REGARD_SESSION_IDLE_SECONDS = 12
    settings.DUE_REGARD_SESSION_WARNING_SECONDS = 9
    browse.sign_in_as(make_user(Role.PROJECT_MANAGER))
    browse.goto("/pipeline/")
    page = browse.page
    page.wait_for_selector("#timeout-warning[open]", timeout=15000)
    browse.check()  # axe with the dialog open
    assert "sign you out in" in page.inner_text("#timeout-warning")
    assert page.evaluate("() => document.activeElement.innerText") == "Stay signed in"
    page.keyboard.press("Enter")
    page.wait_for_selector("#timeout-warning:not([open])", state="attached", timeout=5000)
    assert page.url.endswith("/pipeline/")
    # Nobody answers the second warning: the browser goes to sign-in, which says why.
    with page.expect_navigation(url=re.compile(r"/sign-in/$"), timeout=30000):
        pass
    browse.check()
    assert "You were signed out" in page.inner_text("main")
    assert page.inner_text("h1") == "Sign in to Due Regard"


def test_an_expired_form_page(browse, make_user, csp_violations):
    make_user(Role.VIEWER, username="vera")
    browse.goto("/sign-in/")
    browse.page.context.clear_cookies()  # as if the form sat open past its cookie
    browse.type_into("username", "vera")
    browse.type_into("password", "correct-horse-battery")
    browse.press_and_load("Enter")
    assert browse.page.inner_text("h1") == "This form has expired"
    browse.check_reflow()


def test_the_sign_in_page_offers_the_council_account(browse, settings, csp_violations):
    settings.OIDC_RP_CLIENT_ID = "due-regard"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/authorize"
    browse.goto("/sign-in/")
    button = browse.page.get_by_role("button", name="Sign in with your council account")
    assert button.get_attribute("href") == "/sign-in/council/"
    browse.check_reflow()
