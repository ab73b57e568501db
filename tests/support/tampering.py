"""Raw SQL on the audit tables as a database superuser would run it, past the triggers of
eia/migrations/0017_audit_refuse_delete_and_truncate.py: on PostgreSQL in replica mode for the
transaction, on SQLite with the triggers dropped and created again afterwards."""

import importlib
from contextlib import contextmanager

from django.db import connection

TRIGGERS = importlib.import_module("eia.migrations.0017_audit_refuse_delete_and_truncate")


@contextmanager
def as_superuser():
    """A cursor whose statements the audit triggers do not stop."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            try:
                yield cursor
            finally:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            for sql in TRIGGERS.SQLITE_BACKWARD + ["DROP TRIGGER eia_auditevent_no_update"]:
                cursor.execute(sql)
            try:
                yield cursor
            finally:
                for sql in TRIGGERS.SQLITE_FORWARD:
                    cursor.execute(sql)


def run(sql: str, params=()):
    with as_superuser() as cursor:
        cursor.execute(sql, list(params))
