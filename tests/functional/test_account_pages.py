"""The accounts pages in a real browser, each checked by axe: reset a forgotten password by
email link, accept an invitation, change your password, the lockout page, the security log."""

import re

import pytest
from django.core import mail

from eia import security_log
from eia.accounts import invitations
from eia.authorization import Role
from eia.events import SecurityEventType
from eia.services import duty_policy
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a walk along the quiet river"


def _path(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _submit(browse, label):
    with browse.page.expect_navigation():
        browse.page.get_by_role("button", name=label).click()
    browse.check()


def test_reset_a_forgotten_password_by_email_link(browse, make_user, settings):
    user = make_user(Role.PROJECT_MANAGER, email="priya@example.org")
    browse.goto("/sign-in/")
    with browse.page.expect_navigation():
        browse.page.get_by_role("link", name="Forgotten your password?").click()
    browse.check()
    browse.check_reflow()
    browse.page.get_by_label("Email").fill("priya@example.org")
    _submit(browse, "Send the link")
    assert browse.page.inner_text("h1") == "Check your email"
    browse.goto(_path(mail.outbox[-1]))
    assert browse.page.inner_text("h1") == "Choose a new password"
    browse.check_reflow()
    browse.page.get_by_label("New password", exact=True).fill("Northshire2026")
    browse.page.get_by_label("New password confirmation").fill("Northshire2026")
    _submit(browse, "Save the password")
    assert "cannot contain the name of your organisation" in browse.page.inner_text(
        ".govuk-error-summary"
    )
    browse.page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    browse.page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    _submit(browse, "Save the password")
    assert browse.page.inner_text("h1") == "Your password has been changed"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    browse.goto(_path(mail.outbox[-1]))
    assert browse.page.inner_text("h1") == "This link does not work"


def test_accept_an_invitation(browse, people, organisation):
    invited = UserFactory(organisation=organisation, username="nadia", email="nadia@example.org")
    invited.set_unusable_password()
    invited.save()
    invitations.send_invitation(user_id=invited.pk, by=people["lead"])
    browse.goto(_path(mail.outbox[-1]))
    assert browse.page.inner_text("h1") == "Set your password"
    browse.page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    browse.page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    _submit(browse, "Save the password")
    assert browse.page.inner_text("h1") == "Your password is set"


def test_change_your_password(browse, make_user):
    browse.sign_in_as(make_user(Role.EQUALITY_OFFICER))
    browse.goto("/")
    with browse.page.expect_navigation():
        browse.page.get_by_role("link", name="Change your password").click()
    browse.check()
    browse.check_reflow()
    browse.page.get_by_label("Old password").fill("correct-horse-battery")
    browse.page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    browse.page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    _submit(browse, "Change the password")
    assert browse.page.inner_text("h1") == "Your password has been changed"


def test_the_lockout_page(browse, make_user, settings):
    user = make_user(Role.VIEWER, username="sam")
    browse.goto("/sign-in/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browse.page.fill("#id_username", user.username)
        browse.page.fill("#id_password", "a wrong guess")
        _submit(browse, "Sign in")
    assert browse.page.inner_text("h1") == "Sign-in paused"
    browse.check_reflow()


def test_the_security_log_page(browse, people, organisation):
    superuser = UserFactory(is_superuser=True, is_staff=True, organisation=None)
    exception = duty_policy.record_exception(
        organisation_id=organisation.pk,
        first="review",
        second="publish",
        policy_reference="Scheme of delegation, paragraph 9.2",
        by=people["lead"],
    )
    duty_policy.confirm_exception(exception_id=exception.pk, by=superuser)
    security_log.record(
        SecurityEventType.SIGN_IN_FAILED,
        organisation_id=organisation.pk,
        subject_name="<script>alert(1)</script>",
    )
    browse.sign_in_as(people["lead"])
    browse.goto("/security-log/")
    text = browse.page.inner_text("main")
    assert "Scheme of delegation, paragraph 9.2" in text
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    browse.check_reflow()
