from django.conf import settings
from django.db import connection


def test_sqlite_uses_wal_and_immediate_transactions():
    if connection.vendor != "sqlite":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False
