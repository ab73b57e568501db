"""The lists the equality lead keeps for their organisation: directorates, decision bodies and
the bodies' meeting dates, and its agenda deadline. Only the lead changes them; nothing in use
is ever deleted (a body or directorate is retired, so the records that name it keep their
meaning)."""

import datetime

from django.db import IntegrityError, transaction

from eia import audit
from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.limits import clean_line, clean_text
from eia.models import (
    Assessment,
    DecisionBody,
    Directorate,
    Meeting,
    Organisation,
    SettingChange,
    State,
)

MAX_AGENDA_DEADLINE = 30
PUBLIC_CONTACT_LIMIT = Organisation._meta.get_field("public_contact").max_length


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


def record_setting_change(*, organisation, setting: str, before: str, after: str, by) -> None:
    """A row of the organisation's settings history, in the caller's transaction."""
    SettingChange.objects.create(
        organisation=organisation,
        setting=setting,
        before=before,
        after=after,
        actor=by,
        actor_name=by.display_name,
    )


@transaction.atomic
def set_agenda_deadline(*, by, working_days: int) -> Organisation:
    """The clear working days before a meeting by which sign-off falls due. Kept on the
    organisation's settings history, and an event on the trail of every assessment awaiting
    sign-off (its due date moved). Nothing is recorded if the value is the same as now."""
    organisation_id = _require_lead(by)
    if not isinstance(working_days, int) or not 0 <= working_days <= MAX_AGENDA_DEADLINE:
        raise InvalidInput(
            f"The agenda deadline must be a whole number of working days from 0 to "
            f"{MAX_AGENDA_DEADLINE}"
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    before = organisation.agenda_deadline_days
    if before == working_days:
        return organisation
    organisation.agenda_deadline_days = working_days
    organisation.save(update_fields=["agenda_deadline_days"])
    record_setting_change(
        organisation=organisation,
        setting="agenda_deadline_days",
        before=str(before),
        after=str(working_days),
        by=by,
    )
    awaiting = Assessment.objects.select_for_update(of=("self",)).filter(
        organisation_id=organisation_id, state=State.AWAITING_SIGN_OFF
    )
    for assessment in awaiting.order_by("pk"):
        audit.record(
            EventType.AGENDA_DEADLINE_CHANGED,
            assessment=assessment,
            by=by,
            details={"agenda_deadline_days": [before, working_days]},
        )
    return organisation


@transaction.atomic
def set_public_contact(*, by, contact: str, other_formats: str) -> Organisation:
    """The contact details and the way to ask for another format that every public page of the
    organisation's records shows. Public by design; each change on the organisation's own trail
    with its before and after values. Nothing is recorded if nothing changed."""
    organisation_id = _require_lead(by)
    values = {
        "public_contact": clean_text(
            contact, what="the contact details", required=False, limit=PUBLIC_CONTACT_LIMIT
        ),
        "other_formats": clean_text(
            other_formats,
            what="how to ask for another format",
            required=False,
            limit=PUBLIC_CONTACT_LIMIT,
        ),
    }
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    changed = {
        name: [getattr(organisation, name), value]
        for name, value in values.items()
        if getattr(organisation, name) != value
    }
    if not changed:
        return organisation
    for name, (_, value) in changed.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=list(changed))
    audit.record(
        EventType.PUBLIC_CONTACT_CHANGED,
        assessment=None,
        organisation=organisation,
        by=by,
        details=changed,
    )
    return organisation
