"""Invitations: the equality lead adds a colleague and the service emails them a link to set
their own password (single use, INVITATION_TIMEOUT long). The lead never sees a password."""

from django.conf import settings
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from eia import security_log
from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed
from eia.events import SecurityEventType
from eia.models import User

from . import mail
from .tokens import invitation_tokens


def invitation_link(user: User) -> str:
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def may_invite(by, user: User) -> bool:
    return bool(getattr(by, "is_superuser", False)) or has_permission(
        by, Permission.MANAGE_REFERENCE_DATA, organisation_id=user.organisation_id
    )


@transaction.atomic
def send_invitation(*, user_id: int, by, request=None) -> User:
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not may_invite(by, user):
        raise NotAllowed("Only the equality lead of their organisation can invite this person.")
    if not user.email:
        raise InvalidInput(f"{user.display_name} has no email address to send an invitation to")
    if user.has_usable_password():
        raise InvalidInput(
            f"{user.display_name} has already set a password: they can reset it from the "
            "sign-in page"
        )
    if not user.is_active:
        raise InvalidInput(f"{user.display_name} is deactivated")
    security_log.record(
        SecurityEventType.INVITATION_SENT,
        organisation_id=user.organisation_id,
        by=by,
        subject=user,
        request=request,
        details={"email": user.email},
    )
    context = {
        "user": user,
        "by": by,
        "link": invitation_link(user),
        "days": settings.INVITATION_TIMEOUT // 86400,
        "service_name": settings.SERVICE_NAME,
    }
    subject = loader.render_to_string("registration/invitation_subject.txt", context)
    body = loader.render_to_string("registration/invitation_email.txt", context)
    mail.send(subject=subject, body=body, to=user.email, organisation_id=user.organisation_id)
    return user
