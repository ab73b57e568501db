"""The canonical form of an audit event and its seal. docs/audit.md says the same in words, so
an auditor can recompute every hash from an export; change one and you must change the other
(and add a new VERSION: stored seals never change meaning).

An event's payload is a JSON object of every column that carries meaning, the previous event's
seal and the key id included, with sorted keys, no spaces, UTF-8 (non-ASCII kept as it is). Its
`content_hash` is SHA-256 of the payload (anyone can recompute it); its seal, stored as `hash`,
is HMAC-SHA256 of the payload under the key named by `key_id` (only the key holder can).
"""

import datetime
import hashlib
import hmac
import json

from django.core.serializers.json import DjangoJSONEncoder

VERSION = 2
GENESIS = "0" * 64
FIELDS = (
    "organisation",
    "assessment",
    "sequence",
    "occurred_at",
    "actor",
    "actor_name",
    "actor_roles",
    "event_type",
    "from_state",
    "to_state",
    "comment",
    "details",
    "previous_hash",
    "key_id",
)
ANCHOR_FIELDS = ("organisation", "assessment", "sequence", "hash", "key_id")


def timestamp(moment: datetime.datetime) -> str:
    """UTC, always with microseconds: 2026-03-01T09:30:00.000000+00:00."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical(values: dict) -> bytes:
    return json.dumps(
        values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    ).encode()


def payload(**values) -> bytes:
    """The payload of an event from its columns (ids for organisation, assessment and actor)."""
    values = {name: values[name] for name in FIELDS}
    if isinstance(values["occurred_at"], datetime.datetime):
        values["occurred_at"] = timestamp(values["occurred_at"])
    return canonical({"v": VERSION, **values})


def anchor_payload(**values) -> bytes:
    return canonical(
        {"v": VERSION, "anchor": True, **{name: values[name] for name in ANCHOR_FIELDS}}
    )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign(data: bytes, key: bytes) -> str:
    return hmac.digest(key, data, "sha256").hex()  # OpenSSL's one-shot HMAC: hmac.new's value


def matches(data: bytes, key: bytes, seal: str) -> bool:
    return hmac.compare_digest(sign(data, key), seal)


def of_event(event) -> bytes:
    """The payload of an AuditEvent instance."""
    return payload(
        organisation=event.organisation_id,
        assessment=event.assessment_id,
        sequence=event.sequence,
        occurred_at=event.occurred_at,
        actor=event.actor_id,
        actor_name=event.actor_name,
        actor_roles=event.actor_roles,
        event_type=event.event_type,
        from_state=event.from_state,
        to_state=event.to_state,
        comment=event.comment,
        details=event.details,
        previous_hash=event.previous_hash,
        key_id=event.key_id,
    )
