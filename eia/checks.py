"""System checks: `manage.py check --deploy` warns when the audit trail is sealed with the
published development key (settings.AUDIT_KEYS, from DUE_REGARD_AUDIT_KEYS)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def audit_keys_configured(app_configs, **kwargs):
    if settings.AUDIT_KEYS_CONFIGURED:
        return []
    return [
        Warning(
            "The audit trail is sealed with the development key, which is published: anyone "
            "who can write the database could re-seal a rewritten trail.",
            hint='Set DUE_REGARD_AUDIT_KEYS="id:secret" (a long random secret kept outside the '
            "database; list older keys after it when rotating). See docs/audit.md.",
            id="eia.W001",
        )
    ]
