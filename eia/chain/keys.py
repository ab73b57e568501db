"""The keys that seal the audit trail (settings.AUDIT_KEYS, from DUE_REGARD_AUDIT_KEYS).

The first key seals new events; every listed key still verifies the events it sealed, so a key
is rotated by putting a new one first and keeping the old one after it. An event sealed with a
key id that is no longer listed cannot be verified and is reported as broken.
"""

from django.conf import settings


def current() -> tuple[str, bytes]:
    key_id, secret = next(iter(settings.AUDIT_KEYS.items()))
    return key_id, secret.encode()


def get(key_id: str) -> bytes | None:
    secret = settings.AUDIT_KEYS.get(key_id)
    return secret.encode() if secret is not None else None
