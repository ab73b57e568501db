"""record(): the only way an audit event is written. verify_chain(): proof nobody rewrote one.
head() and require_fresh(): the trail's newest sequence is the one staleness token of every
form, so a change made from an out-of-date page is refused instead of silently winning."""

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.timezone import localtime

from .authorization import Role, roles_of
from .chain import database, keys, seal
from .chain.seal import GENESIS
from .errors import Conflict, TrailAltered
from .events import NOT_A_CHANGE, EventType, label
from .models import AuditEvent, AuditHead

__all__ = [
    "GENESIS",
    "ChainCheck",
    "check_head",
    "Entry",
    "head",
    "record",
    "record_many",
    "record_trails",
    "require_fresh",
    "verify_chain",
]


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
    """Append one event to the assessment's trail and move its anchor, in the caller's
    transaction.

    Callers hold the assessment's row lock, so reading the chain's end and appending the next
    event cannot interleave with another writer; the unique (assessment, sequence) constraint
    makes sure of it even if a caller forgot. A chain whose anchor and newest event disagree
    has been altered: nothing more is added to it until someone looks (TrailAltered).

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
    return _append(
        assessment,
        organisation_id,
        [Entry(event_type, by, from_state, to_state, comment, details)],
    )[0]


@dataclass(frozen=True)
class Entry:
    """One event for record_many(): record()'s arguments, less the assessment."""

    event_type: EventType
    by: object
    from_state: str = ""
    to_state: str = ""
    comment: str = ""
    details: dict | None = None


def record_many(assessment, entries: list[Entry]) -> int:
    """Append `entries` to one assessment's trail: record_trails() for one chain."""
    return record_trails([(assessment, entries)])


def record_trails(trails: list[tuple[object, list[Entry]]]) -> int:
    """Append each assessment's entries to its trail, every event sealed exactly as record()
    seals it and each anchor moved once, to its last event: for writing trails at scale
    (`manage.py seed_scale`), in one INSERT per 1,000 events and two reads of the chains' ends
    whatever the number of trails. The same rules as record(): the caller's transaction and
    row locks, a refused altered chain (none of the trails is written then)."""
    trails = [(assessment, list(entries)) for assessment, entries in trails if entries]
    for _assessment, entries in trails:
        for entry in entries:
            if not isinstance(entry.event_type, EventType):
                raise TypeError(f"record_many() takes EventTypes, not {entry.event_type!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("record_many() must run inside the transaction of its changes")
    if not trails:
        return 0
    ends = _chain_ends([assessment.pk for assessment, _entries in trails])
    key_id, key = keys.current()
    events, anchors = [], []
    for assessment, entries in trails:
        end = ends.get(assessment.pk)
        sequence, previous_hash = end if end else (0, GENESIS)
        for entry in entries:
            sequence += 1
            event = _event(
                entry, assessment, assessment.organisation_id, sequence, previous_hash, key_id
            )
            event.hash = previous_hash = seal.sign(seal.of_event(event), key)
            events.append(event)
        anchors.append((events[-1], end is None))
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    new = [_anchor(event, key_id, key) for event, first in anchors if first]
    AuditHead.objects.bulk_create(new, batch_size=1000)
    for event, first in anchors:
        if not first:
            _move_anchor(event, {"assessment_id": event.assessment_id}, key_id, key, first=False)
    return len(events)


def _chain_ends(assessment_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Each chain's newest (sequence, hash), checked against its anchor (TrailAltered if they
    disagree); a chain with no events is absent."""
    anchors = {
        row[0]: tuple(row[1:])
        for row in AuditHead.objects.filter(assessment_id__in=assessment_ids).values_list(
            "assessment_id", "sequence", "hash"
        )
    }
    newest = dict(
        AuditEvent.objects.filter(assessment_id__in=assessment_ids)
        .values("assessment_id")
        .annotate(newest=Max("sequence"))
        .values_list("assessment_id", "newest")
    )
    found = {}
    pairs = sorted(newest.items())
    for start in range(0, len(pairs), 200):  # an OR of pairs, short enough for SQLite's parser
        matching = Q()
        for assessment_id, sequence in pairs[start : start + 200]:
            matching |= Q(assessment_id=assessment_id, sequence=sequence)
        found.update(
            (assessment_id, (sequence, digest))
            for assessment_id, sequence, digest in AuditEvent.objects.filter(matching).values_list(
                "assessment_id", "sequence", "hash"
            )
        )
    if found != anchors:
        raise TrailAltered(
            "The audit trail of this assessment has been altered, so no change can be "
            "recorded on it. Tell your equality lead: `manage.py verify_audit` says where."
        )
    return found


def _append(assessment, organisation_id: int, entries: list[Entry]) -> list[AuditEvent]:
    chain = _chain(assessment, organisation_id)
    last = (
        AuditEvent.objects.filter(**chain)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    anchor = AuditHead.objects.filter(**chain).values_list("sequence", "hash")
    if (last and tuple(last)) != (anchor.first() and tuple(anchor.first())):
        whose = "this assessment" if assessment is not None else "your organisation"
        raise TrailAltered(
            f"The audit trail of {whose} has been altered, so no change can be recorded "
            "on it. Tell your equality lead: `manage.py verify_audit` says where."
        )
    sequence, previous_hash = last if last else (0, GENESIS)
    key_id, key = keys.current()
    events = []
    for entry in entries:
        sequence += 1
        event = _event(entry, assessment, organisation_id, sequence, previous_hash, key_id)
        event.hash = previous_hash = seal.sign(seal.of_event(event), key)
        events.append(event)
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events, batch_size=500)
    _move_anchor(events[-1], chain, key_id, key, first=not last)
    return events


def _event(entry: Entry, assessment, organisation_id, sequence, previous_hash, key_id):
    by = entry.by
    roles = roles_of(by) if by is not None else frozenset()
    return AuditEvent(
        organisation_id=organisation_id,
        assessment_id=assessment.pk if assessment is not None else None,
        sequence=sequence,
        occurred_at=timezone.now(),
        actor=by,
        actor_name=by.display_name if by is not None else "Due Regard (automatic)",
        actor_roles=", ".join(role.label for role in Role if role in roles),
        event_type=entry.event_type.value,
        from_state=entry.from_state,
        to_state=entry.to_state,
        comment=entry.comment,
        # Round-tripped through JSON so the seal is computed on what the database returns.
        details=json.loads(json.dumps(entry.details or {}, cls=DjangoJSONEncoder)),
        previous_hash=previous_hash,
        key_id=key_id,
    )


def _chain(assessment, organisation_id: int) -> dict:
    """The filter that picks one chain's events, or its anchor: an assessment's, or (with no
    assessment) the organisation's own."""
    if assessment is not None:
        return {"assessment_id": assessment.pk}
    return {"organisation_id": organisation_id, "assessment__isnull": True}


def _anchor_fields(event: AuditEvent, key_id: str, key: bytes) -> dict:
    values = {
        "organisation": event.organisation_id,
        "assessment": event.assessment_id,
        "sequence": event.sequence,
        "hash": event.hash,
        "key_id": key_id,
    }
    return {
        "sequence": event.sequence,
        "hash": event.hash,
        "key_id": key_id,
        "seal": seal.sign(seal.anchor_payload(**values), key),
        "updated_at": event.occurred_at,
    }


def _move_anchor(event: AuditEvent, chain: dict, key_id: str, key: bytes, *, first: bool) -> None:
    fields = _anchor_fields(event, key_id, key)
    if first:
        AuditHead.objects.create(
            organisation_id=event.organisation_id, assessment_id=event.assessment_id, **fields
        )
    else:
        AuditHead.objects.filter(**chain).update(**fields)


def _anchor(event: AuditEvent, key_id: str, key: bytes) -> AuditHead:
    """A new chain's anchor at `event`, sealed as _move_anchor seals it."""
    return AuditHead(
        organisation_id=event.organisation_id,
        assessment_id=event.assessment_id,
        **_anchor_fields(event, key_id, key),
    )


@dataclass(frozen=True)
class ChainCheck:
    intact: bool
    events: int
    first_broken_sequence: int | None = None
    reason: str = ""


def verify_chain(assessment, *, organisation=None, with_digest: bool = False) -> ChainCheck:
    """One assessment's chain, or (`assessment=None`) the organisation's own: its events, its
    anchor, and (with_digest) the last digest."""
    if assessment is None:
        report = database.verify_organisation(organisation, with_digest=with_digest)
    else:
        report = database.verify_one(assessment, with_digest=with_digest)
    return _as_check(report)


def _as_check(report) -> ChainCheck:
    if report.intact:
        return ChainCheck(intact=True, events=report.events)
    broken = report.breaks[0]
    return ChainCheck(
        intact=False,
        events=report.events,
        first_broken_sequence=broken.sequence or report.events + 1,
        reason=broken.reason,
    )


def check_head(assessment) -> ChainCheck:
    """The newest event and the anchor (eia.chain.database.verify_head): the assessment
    page's check on every view; verify_chain() walks the whole trail."""
    return _as_check(database.verify_head(assessment))


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
