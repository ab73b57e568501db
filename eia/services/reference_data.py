"""The lists the equality lead keeps for their organisation: directorates, decision bodies and
the bodies' meeting dates. Only the lead changes them; nothing in use is ever deleted (a body
or directorate is retired, so the records that name it keep their meaning)."""

import datetime

from django.db import IntegrityError, transaction

from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.limits import clean_line
from eia.models import DecisionBody, Directorate, Meeting


def _require_lead(user) -> int:
    organisation_id = getattr(user, "organisation_id", None)
    if not has_permission(user, Permission.MANAGE_REFERENCE_DATA, organisation_id=organisation_id):
        raise NotAllowed("Only the equality lead keeps the organisation's lists.")
    return organisation_id


DIRECTORATE_NAME = "the directorate's name"


def clean_name(value: str, what: str, limit: int) -> str:
    """A list entry's name: one line (a line break is refused, naming the field), single
    spaces. The admin's forms ask this too."""
    return " ".join(clean_line(value, what=what, required=True, limit=limit).split())


def save_directorate(*, by, name: str, directorate_id: int | None = None) -> Directorate:
    organisation_id = _require_lead(by)
    name = clean_name(name, DIRECTORATE_NAME, 200)
    with transaction.atomic():
        if directorate_id is None:
            row = Directorate(organisation_id=organisation_id)
        else:
            row = Directorate.objects.filter(pk=directorate_id, organisation_id=organisation_id)
            row = row.select_for_update().first()
            if row is None:
                raise NotFound("No such directorate.")
        row.name = name
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:
            raise InvalidInput(f"There is already a directorate called {name}") from error
        return row


def save_decision_body(
    *, by, name: str, body_id: int | None = None, active: bool = True
) -> DecisionBody:
    organisation_id = _require_lead(by)
    name = clean_name(name, "the decision body's name", 120)
    with transaction.atomic():
        if body_id is None:
            row = DecisionBody(organisation_id=organisation_id)
        else:
            row = DecisionBody.objects.filter(pk=body_id, organisation_id=organisation_id)
            row = row.select_for_update().first()
            if row is None:
                raise NotFound("No such decision body.")
        row.name, row.active = name, active
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:
            raise InvalidInput(f"There is already a decision body called {name}") from error
        return row


def set_meetings(*, by, body_id: int, dates: list[datetime.date]) -> list[Meeting]:
    """The body's meeting dates from today on, as the lead lists them (past ones are kept)."""
    organisation_id = _require_lead(by)
    with transaction.atomic():
        body = DecisionBody.objects.filter(pk=body_id, organisation_id=organisation_id).first()
        if body is None:
            raise NotFound("No such decision body.")
        today = datetime.date.today()
        body.meetings.filter(date__gte=today).exclude(date__in=dates).delete()
        for day in sorted(set(dates)):
            Meeting.objects.get_or_create(body=body, date=day)
        return list(body.meetings.all())
