from django.conf import settings
from django.db import connection

from eia.authorization import ROLE_PERMISSIONS, Permission, Role


def test_sqlite_uses_wal_and_immediate_transactions():
    if connection.vendor != "sqlite":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False


def test_every_permission_is_granted_by_some_role_and_authors_cannot_sign_off():
    assert set(ROLE_PERMISSIONS) == set(Permission)
    assert Role.PROJECT_MANAGER not in ROLE_PERMISSIONS[Permission.SIGN_OFF_ASSESSMENT]
    assert Role.VIEWER not in ROLE_PERMISSIONS[Permission.REVIEW_ASSESSMENT]
