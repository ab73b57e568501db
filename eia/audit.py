"""record(): the only way an audit event is written. verify_chain(): proof nobody rewrote one."""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from .authorization import Role, roles_of
from .events import EventType
from .models.audit import AuditEvent

GENESIS = "0" * 64


def _digest(event: AuditEvent) -> str:
    payload = {
        "assessment": event.assessment_id,
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "actor_roles": event.actor_roles,
        "event_type": event.event_type,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "comment": event.comment,
        "details": event.details,
        "previous_hash": event.previous_hash,
    }
    encoded = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def record(
    event_type: EventType,
    *,
    assessment,
    by,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one event to the assessment's trail, in the caller's transaction.

    Callers hold the assessment's row lock, so reading the last event and appending the next one
    cannot interleave with another writer; the unique (assessment, sequence) constraint makes
    sure of it even if a caller forgot.
    """
    if not isinstance(event_type, EventType):
        raise TypeError(f"record() takes an EventType from eia.events, not {event_type!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change it records")
    last = (
        AuditEvent.objects.filter(assessment_id=assessment.pk)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    roles = roles_of(by) if by is not None else frozenset()
    event = AuditEvent(
        organisation_id=assessment.organisation_id,
        assessment_id=assessment.pk,
        sequence=sequence,
        actor=by,
        actor_name=by.display_name if by is not None else "Due Regard (automatic)",
        actor_roles=", ".join(role.label for role in Role if role in roles),
        event_type=event_type.value,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        details=details or {},
        previous_hash=previous_hash,
    )
    # Round-trip details through JSON so the hash is computed on what the database will return.
    event.details = json.loads(json.dumps(event.details, cls=DjangoJSONEncoder))
    event.hash = _digest(event)
    event.save()
    return event


@dataclass(frozen=True)
class ChainCheck:
    intact: bool
    events: int
    first_broken_sequence: int | None = None


def verify_chain(assessment) -> ChainCheck:
    previous_hash = GENESIS
    count = 0
    for event in AuditEvent.objects.filter(assessment_id=assessment.pk).order_by("sequence"):
        count += 1
        if (
            event.sequence != count
            or event.previous_hash != previous_hash
            or _digest(event) != event.hash
        ):
            return ChainCheck(intact=False, events=count, first_broken_sequence=count)
        previous_hash = event.hash
    return ChainCheck(intact=True, events=count)
