"""What every equality service does first: check the permission in the actor's organisation
and take the organisation's row lock (its own audit chain is appended to under it)."""

from eia import audit
from eia.authorization import Permission, has_permission
from eia.errors import NotAllowed
from eia.events import EventType
from eia.models import Organisation


def locked_organisation(by, permission: Permission, refusal: str) -> Organisation:
    organisation_id = getattr(by, "organisation_id", None)
    if not has_permission(by, permission, organisation_id=organisation_id):
        raise NotAllowed(refusal)
    return Organisation.objects.select_for_update().get(pk=organisation_id)


def record(event_type: EventType, *, organisation, by, comment: str = "", details: dict) -> None:
    audit.record(
        event_type,
        assessment=None,
        organisation=organisation,
        by=by,
        comment=comment,
        details=details,
    )
