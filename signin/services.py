"""Signing in with a council account: find the person (their provider `sub` in the
organisation, then their email address), or create them; set their roles from the provider's
groups where the organisation maps them. Every step is on the sign-in log."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from eia.authorization import Role
from eia.models import Organisation, User

from .audit import note
from .models import ProviderGroupRole, ProviderIdentity, SignInEvent
from .provider import organisation_for

NAME_LIMIT = 150


class Refused(Exception):
    """The council account may not sign in here; the message is shown to the person."""


def email_of(claims: dict) -> str:
    # Entra ID often sends no `email`; its `preferred_username` is the user's UPN.
    for key in ("email", "preferred_username", "upn"):
        value = str(claims.get(key) or "").strip()
        if "@" in value and len(value) <= 254 and value.isprintable():
            return value.lower()
    return ""


def groups_of(claims: dict) -> set[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return {str(group) for group in groups}


def _clean(value, limit: int) -> str:
    text = " ".join(str(value or "").split())
    return text[:limit] if text.isprintable() else ""


def _unique_username(organisation: Organisation, claims: dict) -> str:
    base = email_of(claims) or f"{organisation.slug}-{claims['sub']}"
    base = "".join(ch for ch in base if ch.isalnum() or ch in "@.+-_")[: NAME_LIMIT - 4]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _find_or_create(*, organisation: Organisation, issuer: str, claims: dict) -> User:
    subject = str(claims["sub"])
    identity = (
        ProviderIdentity.objects.select_related("user")
        .filter(organisation=organisation, issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        email = email_of(claims)
        # An address the provider says it has not verified never links an existing account.
        matches = (
            list(User.objects.filter(organisation=organisation, email__iexact=email)[:2])
            if email and claims.get("email_verified") is not False
            else []
        )
        if len(matches) > 1:
            raise Refused(
                "More than one person in your organisation has this email address. "
                "Ask your equality lead to correct it."
            )
        if matches:
            user = matches[0]
            note(SignInEvent.Kind.ACCOUNT_LINKED, user=user, issuer=issuer, subject=subject)
        elif settings.OIDC_CREATE_USER:
            user = User(
                username=_unique_username(organisation, claims),
                email=email,
                first_name=_clean(claims.get("given_name"), 150),
                last_name=_clean(claims.get("family_name"), 150),
                organisation=organisation,
            )
            user.set_unusable_password()
            user.save()
            note(SignInEvent.Kind.ACCOUNT_CREATED, user=user, issuer=issuer, subject=subject)
        else:
            raise Refused("You do not have an account. Ask your equality lead to add you.")
        identity = ProviderIdentity.objects.create(
            organisation=organisation, user=user, issuer=issuer, subject=subject
        )
    identity.last_signed_in_at = timezone.now()
    identity.save(update_fields=["last_signed_in_at"])
    return identity.user


def _sync_roles(*, user: User, organisation: Organisation, claims: dict) -> None:
    mappings = list(ProviderGroupRole.objects.filter(organisation=organisation))
    if not mappings:
        return  # this organisation gives roles by hand, not from the provider
    groups = groups_of(claims)
    wanted = {Role(m.role) for m in mappings if m.group in groups}
    held = {Role(name) for name in user.groups.values_list("name", flat=True) if name in set(Role)}
    if wanted == held:
        return
    for role in wanted - held:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    user.groups.remove(*Group.objects.filter(name__in=[r.value for r in held - wanted]))
    note(
        SignInEvent.Kind.ROLES_CHANGED,
        user=user,
        before=sorted(r.value for r in held),
        after=sorted(r.value for r in wanted),
    )


@transaction.atomic
def sign_in_from_provider(*, claims: dict, issuer: str) -> User:
    """The person these verified claims describe, ready to sign in; or Refused."""
    organisation = organisation_for(claims)
    if organisation is None:
        raise Refused(
            "Your council account is not linked to an organisation here. Ask your IT team."
        )
    if not str(claims.get("sub") or "").strip():
        raise Refused("Your council account sent no identifier. Try again or ask IT.")
    user = _find_or_create(organisation=organisation, issuer=issuer, claims=claims)
    if not user.is_active:
        raise Refused("Your account here has been deactivated. Ask your equality lead.")
    _sync_roles(user=user, organisation=organisation, claims=claims)
    note(SignInEvent.Kind.SIGNED_IN_PROVIDER, user=user, issuer=issuer)
    return user
