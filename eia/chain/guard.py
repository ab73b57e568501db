"""The database refuses to change or remove audit events, anchors and digests (triggers from
migration 0017); this module holds the one way through, for `manage.py flush` only.

- On SQLite the DELETE triggers fire unless `due_regard_audit_unlocked()` answers 1. Django
  registers that function on each of its connections (answering 0); any other client (the
  sqlite3 shell) lacks it, so its deletes fail too. Only `unlocked()`, from Python, makes it 1.
- On PostgreSQL nothing the application can do lets a change through: `unlocked()` switches
  the session to replica mode, which only a database superuser may do, and that is exactly who
  could drop the triggers anyway.
"""

from contextlib import contextmanager

from django.db import DatabaseError

UNLOCK_FUNCTION = "due_regard_audit_unlocked"


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created receiver: give each SQLite connection the unlock function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            UNLOCK_FUNCTION, 0, lambda: int(getattr(connection, "audit_unlocked", False))
        )


@contextmanager
def unlocked(connection):
    """Let this connection empty the audit tables (flush), for the length of the block."""
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError as error:
            raise PermissionError(
                "Only a PostgreSQL superuser can empty the audit trail (manage.py flush)."
            ) from error
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
        return
    connection.ensure_connection()
    connection.audit_unlocked = True
    try:
        yield
    finally:
        connection.audit_unlocked = False
