"""Multi-factor authentication for local accounts: an authenticator app (TOTP) and ten
single-use recovery codes, on django-otp's TOTP and static devices.

Required for equality leads and for Django admins (staff and superusers), and for anyone who
has set up an app. People who signed in with their council account are not asked: their
identity provider does MFA (see signin.oidc.PROVIDER).
"""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eia.authorization import Role, roles_of

from .audit import note
from .models import SignInEvent

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODES = 10


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def required(user) -> bool:
    if not getattr(settings, "DUE_REGARD_REQUIRE_MFA", True):
        return has_app(user)
    return (
        user.is_staff or user.is_superuser or Role.EQUALITY_LEAD in roles_of(user) or has_app(user)
    )


def pending_app(user) -> TOTPDevice:
    """The app being set up: one unconfirmed device, kept until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b0c0c")


def _normalised(token: str) -> str:
    return "".join(str(token or "").split()).replace("-", "").lower()


@transaction.atomic
def confirm_app(*, user, token: str) -> list[str] | None:
    """Confirm the pending app with a code from it; replace the recovery codes. Returns the
    new recovery codes (shown once), or None if the code was wrong."""
    device = pending_app(user)
    if not device.verify_token(_normalised(token)):
        note(SignInEvent.Kind.MFA_FAILED, user=user, during="set up")
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    note(SignInEvent.Kind.MFA_SET_UP, user=user)
    return codes


def check(*, user, token: str):
    """The device that accepts this code (a six-digit app code, else a recovery code), or
    None. Each device counts its own failures and slows down guessing (django-otp)."""
    token = _normalised(token)
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    verified = device and django_otp.verify_token(user, device.persistent_id, token)
    if not verified:
        note(SignInEvent.Kind.MFA_FAILED, user=user, during="sign in")
        return None
    if model is StaticDevice:
        note(SignInEvent.Kind.RECOVERY_CODE_USED, user=user, left=verified.token_set.count())
    else:
        note(SignInEvent.Kind.MFA_VERIFIED, user=user)
    return verified
