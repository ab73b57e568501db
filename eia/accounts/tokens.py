"""Invitation links: Django's password-reset token, with its own salt and lifetime.

A token is signed over the user's password hash and last sign-in, so it works once: setting a
password (or signing in) makes it invalid. Invitations live INVITATION_TIMEOUT seconds (7 days
by default); reset links PASSWORD_RESET_TIMEOUT (1 hour).
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "due_regard.accounts.invitation"

    def check_token(self, user, token) -> bool:
        """As Django's, but against the invitation's own lifetime."""
        if not (user and token) or token.count("-") != 1:
            return False
        timestamp_b36, _ = token.split("-")
        try:
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            ):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= settings.INVITATION_TIMEOUT


invitation_tokens = InvitationTokenGenerator()
