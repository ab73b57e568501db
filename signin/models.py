"""What sign-in keeps: each council account linked to a person, how an organisation maps its
provider's groups to roles, and a log of sign-in events."""

from django.conf import settings
from django.db import models

from eia.authorization import ROLE_LABELS, Role
from eia.models import Organisation


class ProviderIdentity(models.Model):
    """One person's account at the council's identity provider: the provider's `sub` (stable and
    never reassigned, unlike an email address) within one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="provider_identities"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_identities"
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "issuer", "subject"], name="provider_identity_unique_sub"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"


class ProviderGroupRole(models.Model):
    """A group in the council's identity provider (for Entra ID, the group's object ID as the
    `groups` claim sends it) that gives a role here. When an organisation maps any group, the
    roles of its single sign-on users follow their groups at every sign-in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="provider_group_roles"
    )
    group = models.CharField(
        max_length=255,
        help_text="The group's value in the provider's groups claim (Entra ID: its object ID).",
    )
    role = models.CharField(max_length=30, choices=[(r.value, ROLE_LABELS[r]) for r in Role])

    class Meta:
        ordering = ["group", "role"]
        verbose_name = "provider group's role"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "group", "role"], name="provider_group_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} → {ROLE_LABELS[Role(self.role)]}"


class SignInEvent(models.Model):
    """Written only by signin.audit.note(), never changed."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signin.signed_in", "Signed in with a password"
        SIGNED_IN_PROVIDER = "signin.signed_in_provider", "Signed in with the council account"
        PROVIDER_REFUSED = "signin.provider_refused", "Council sign-in refused"
        ACCOUNT_CREATED = "signin.account_created", "Account created by council sign-in"
        ACCOUNT_LINKED = "signin.account_linked", "Council account linked by email address"
        ROLES_CHANGED = "signin.roles_changed", "Roles changed by the provider's groups"
        MFA_SET_UP = "signin.mfa_set_up", "Authenticator app set up"
        MFA_VERIFIED = "signin.mfa_verified", "Security code accepted"
        MFA_FAILED = "signin.mfa_failed", "Security code refused"
        RECOVERY_CODE_USED = "signin.recovery_code_used", "Recovery code used"
        TIMED_OUT = "signin.timed_out", "Signed out after inactivity or at the session's limit"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.user})"
