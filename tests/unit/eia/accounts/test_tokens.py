"""Invitation links work once and only for INVITATION_TIMEOUT."""

import pytest

from eia.accounts.tokens import invitation_tokens
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_token_works_once(organisation):
    user = UserFactory(organisation=organisation)
    user.set_unusable_password()
    user.save()
    token = invitation_tokens.make_token(user)
    assert invitation_tokens.check_token(user, token)
    user.set_password("a long new password of mine")
    user.save()
    assert not invitation_tokens.check_token(user, token)


def test_an_invitation_token_expires(organisation, settings):
    user = UserFactory(organisation=organisation)
    token = invitation_tokens.make_token(user)
    settings.INVITATION_TIMEOUT = -1
    assert not invitation_tokens.check_token(user, token)


@pytest.mark.parametrize("token", ["", "nonsense", "zz-zz-zz", "!!!-abc"])
def test_a_malformed_token_is_refused_not_an_error(organisation, token):
    assert not invitation_tokens.check_token(UserFactory(organisation=organisation), token)
