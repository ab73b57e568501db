"""record(): the only way an audit event is written. verify_chain(): proof nobody rewrote one.
head() and require_fresh(): the trail's newest sequence is the one staleness token of every
form, so a change made from an out-of-date page is refused instead of silently winning."""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F, Q
from django.utils.timezone import localtime

from .authorization import Role, roles_of
from .errors import Conflict
from .events import NOT_A_CHANGE, EventType, label
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
    if event.assessment_id is None:  # an organisation's own event: its chain is the organisation's
        payload["organisation"] = event.organisation_id
    encoded = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def record(
    event_type: EventType,
    *,
    assessment,
    by,
    organisation=None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one event to the assessment's trail, in the caller's transaction.

    Callers hold the assessment's row lock, so reading the last event and appending the next one
    cannot interleave with another writer; the unique (assessment, sequence) constraint makes
    sure of it even if a caller forgot.

    With `assessment=None` and an `organisation`, the event goes on the organisation's own
    trail (its equality objectives and action plan); the caller holds the organisation's row
    lock, and a unique (organisation, sequence) constraint guards that chain the same way.
    """
    if not isinstance(event_type, EventType):
        raise TypeError(f"record() takes an EventType from eia.events, not {event_type!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change it records")
    if assessment is None and organisation is None:
        raise TypeError("record() needs an assessment, or an organisation for its own events")
    organisation_id = organisation.pk if assessment is None else assessment.organisation_id
    last = (
        _chain(assessment, organisation_id)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    roles = roles_of(by) if by is not None else frozenset()
    event = AuditEvent(
        organisation_id=organisation_id,
        assessment_id=assessment.pk if assessment is not None else None,
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


def _chain(assessment, organisation_id: int):
    if assessment is not None:
        return AuditEvent.objects.filter(assessment_id=assessment.pk)
    return AuditEvent.objects.filter(organisation_id=organisation_id, assessment__isnull=True)


@dataclass(frozen=True)
class ChainCheck:
    intact: bool
    events: int
    first_broken_sequence: int | None = None


def verify_chain(assessment, *, organisation=None) -> ChainCheck:
    """Check one assessment's chain, or (`assessment=None`) the organisation's own."""
    previous_hash = GENESIS
    count = 0
    organisation_id = organisation.pk if assessment is None else assessment.organisation_id
    for event in _chain(assessment, organisation_id).order_by("sequence"):
        count += 1
        if (
            event.sequence != count
            or event.previous_hash != previous_hash
            or _digest(event) != event.hash
        ):
            return ChainCheck(intact=False, events=count, first_broken_sequence=count)
        previous_hash = event.hash
    return ChainCheck(intact=True, events=count)


def head(assessment) -> int:
    """The sequence of the assessment's newest event: the one staleness token every form
    carries as `seen` (0 before the first event)."""
    last = (
        AuditEvent.objects.filter(assessment_id=assessment.pk)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    return last or 0


def require_fresh(assessment, *, seen: int, record: str | None = None) -> None:
    """Refuse (Conflict, a 409) a change made from a page that is out of date.

    A page is out of date when anything that changes the record or who holds it happened since
    it was loaded (comments and progress notes never count). A section form names the `record`
    it edits: only an edit of that same record, or a change of stage, makes it stale, so two
    co-authors can work on different sections at once.
    """
    newer = AuditEvent.objects.filter(assessment_id=assessment.pk, sequence__gt=seen).exclude(
        event_type__in=NOT_A_CHANGE
    )
    if record is not None:
        newer = newer.filter(
            Q(event_type=EventType.SECTION_EDITED, details__record=record)
            | (~Q(to_state="") & ~Q(from_state=F("to_state")))
        )
    event = newer.order_by("-sequence").first()  # the newest change says where it is now
    if event is not None:
        when = localtime(event.occurred_at).strftime("%-d %B %Y at %H:%M")
        raise Conflict(
            f"{event.actor_name} changed this assessment since you opened the page "
            f"({label(event.event_type).lower()}, {when}), so your change was not saved. "
            "Reload the page to see where it is now."
        )
