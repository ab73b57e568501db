"""`manage.py check --deploy` warns while the audit trail is sealed with the development key."""

from django.test import override_settings

from eia.checks import audit_keys_configured


def test_the_development_key_is_a_deploy_warning():
    with override_settings(AUDIT_KEYS_CONFIGURED=False):
        (warning,) = audit_keys_configured(None)
    assert warning.id == "eia.W001"
    assert "DUE_REGARD_AUDIT_KEYS" in warning.hint
    with override_settings(AUDIT_KEYS_CONFIGURED=True, AUDIT_KEYS={"2026a": "secret"}):
        assert audit_keys_configured(None) == []
