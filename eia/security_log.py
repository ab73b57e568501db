"""The organisation's security log: record(), the only writer of eia.models.SecurityEvent, and
what the equality lead and the auditor read and export.

Events come from the admin (users created, roles changed, deactivations), the accounts pages
(invitations, resets, password changes), sign-in (failures and lockouts, eia.accounts.throttling)
and the separation-of-duties policy (eia.services.duty_policy). Written inside the change's
transaction when there is one, so a role change and its entry commit together.
"""

from collections.abc import Iterator

from django.utils.timezone import localtime

from .authorization import Permission, has_permission
from .events import SecurityEventType, security_label
from .models.security_log import SecurityEvent
from .register.exports import csv_lines


def client_address(request) -> str | None:
    """The client's address as axes saw it (eia.accounts.throttling), for the log."""
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


def record(
    event_type: SecurityEventType,
    *,
    organisation_id: int | None,
    by=None,
    subject=None,
    subject_name: str = "",
    request=None,
    details: dict | None = None,
) -> SecurityEvent:
    if not isinstance(event_type, SecurityEventType):
        raise TypeError(f"record() takes a SecurityEventType, not {event_type!r}")
    actor = by if getattr(by, "is_authenticated", False) else None
    return SecurityEvent.objects.create(
        organisation_id=organisation_id,
        event_type=event_type.value,
        actor=actor,
        actor_name=actor.display_name if actor is not None else "",
        subject=subject,
        subject_name=subject_name or (subject.display_name if subject is not None else ""),
        ip_address=client_address(request),
        details=details or {},
    )


def can_read(user) -> bool:
    return has_permission(
        user, Permission.READ_SECURITY_LOG, organisation_id=getattr(user, "organisation_id", None)
    )


def entries_for(user):
    """The user's organisation's log, newest first (none for anyone who may not read it)."""
    if not can_read(user):
        return SecurityEvent.objects.none()
    return SecurityEvent.objects.filter(organisation_id=user.organisation_id).select_related(
        "actor", "subject"
    )


def describe(event: SecurityEvent) -> str:
    """The details in words, for the page and the export."""
    details = event.details or {}
    parts = []
    if "added" in details or "removed" in details:
        if details.get("added"):
            parts.append("added " + ", ".join(details["added"]))
        if details.get("removed"):
            parts.append("removed " + ", ".join(details["removed"]))
    for key in ("username", "email", "duties", "policy_reference", "reason"):
        if details.get(key):
            value = details[key]
            value = " and ".join(value) if isinstance(value, list) else value
            parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


HEADER = ["When", "Event", "By", "About", "Address", "Details"]


def row(event: SecurityEvent) -> list[str]:
    return [
        localtime(event.occurred_at).isoformat(timespec="seconds"),
        security_label(event.event_type),
        event.actor_name,
        event.subject_name,
        event.ip_address or "",
        describe(event),
    ]


def csv_export(user) -> Iterator[str]:
    """The whole log as CSV, every cell neutralised against formula injection."""
    return csv_lines(HEADER, (row(event) for event in entries_for(user).iterator(chunk_size=500)))
