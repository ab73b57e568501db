"""Reading a person's own draft (eia/models/drafts.py) and whether the record moved on since."""

from dataclasses import dataclass

from django.db.models import F, Q

from eia.events import EventType
from eia.models import AuditEvent, Draft


@dataclass(frozen=True)
class ChangedSince:
    by: str
    at: object  # a datetime


def draft_of(*, user, assessment, page: str) -> Draft | None:
    """Only ever the person's own: nobody reads anyone else's draft."""
    if not user.is_authenticated:
        return None
    return Draft.objects.filter(user=user, assessment=assessment, page=page).first()


def changed_since(draft: Draft, *, records: tuple[str, ...]) -> ChangedSince | None:
    """The newest edit of what the draft's form edits (its `records`, as the services name
    them in eia.audit.require_fresh), or change of stage, after the page the draft was typed
    on was loaded (its `seen`): the record changed since the draft began."""
    event = (
        AuditEvent.objects.filter(assessment_id=draft.assessment_id, sequence__gt=draft.seen)
        .filter(
            Q(event_type=EventType.SECTION_EDITED, details__record__in=list(records))
            | (~Q(to_state="") & ~Q(from_state=F("to_state")))
        )
        .order_by("-sequence")
        .first()
    )
    return ChangedSince(by=event.actor_name, at=event.occurred_at) if event else None
