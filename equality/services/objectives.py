"""The organisation's equality objectives: the equality lead adds and changes them. A period
is at most four years (the specific duties ask for objectives at least every four years)."""

import datetime

from django.db import transaction

from eia.authorization import Permission
from eia.errors import InvalidInput, NotFound
from eia.events import EventType
from eia.limits import LONG_TEXT, SHORT_TEXT, clean_text

from ..models import Objective
from .common import locked_organisation, record

MAX_YEARS = 4
FIELDS = ("title", "statement", "starts_on", "ends_on", "agreed_by", "agreed_on", "evidence")


def latest_end(starts_on: datetime.date) -> datetime.date:
    """The last day of a four-year period starting on `starts_on`."""
    try:
        end = starts_on.replace(year=starts_on.year + MAX_YEARS)
    except ValueError:  # 29 February
        end = starts_on.replace(year=starts_on.year + MAX_YEARS, day=28)
    return end - datetime.timedelta(days=1)


def _clean(values: dict) -> dict:
    starts_on, ends_on, agreed_on = values["starts_on"], values["ends_on"], values["agreed_on"]
    if ends_on <= starts_on:
        raise InvalidInput("The end of the period must be after its start")
    if ends_on > latest_end(starts_on):
        raise InvalidInput(
            f"An objective's period is at most {MAX_YEARS} years: end it by "
            f"{latest_end(starts_on):%-d %B %Y}"
        )
    if agreed_on > datetime.date.today():
        raise InvalidInput("The date it was agreed must be today or in the past")
    return {
        "title": clean_text(values["title"], what="the objective", required=True, limit=SHORT_TEXT),
        "statement": clean_text(values.get("statement"), what="the statement", required=False),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "agreed_by": clean_text(
            values["agreed_by"], what="the body that agreed it", required=True, limit=120
        ),
        "agreed_on": agreed_on,
        "evidence": clean_text(
            values.get("evidence"), what="the evidence", required=False, limit=LONG_TEXT
        ),
    }


@transaction.atomic
def save_objective(*, by, values: dict, objective_id: int | None = None) -> Objective:
    """Add an objective, or change one; `values` holds the fields in `FIELDS`."""
    organisation = locked_organisation(
        by, Permission.MANAGE_OBJECTIVES, "Only the equality lead sets the equality objectives."
    )
    cleaned = _clean(values)
    if objective_id is None:
        objective = Objective(
            organisation=organisation,
            position=Objective.objects.filter(organisation=organisation).count(),
        )
        before = {}
    else:
        objective = Objective.objects.filter(pk=objective_id, organisation=organisation).first()
        if objective is None:
            raise NotFound("No such objective.")
        before = {name: getattr(objective, name) for name in FIELDS}
    for name, value in cleaned.items():
        setattr(objective, name, value)
    objective.save()
    changes = {
        name: [before.get(name), cleaned[name]]
        for name in FIELDS
        if before.get(name) != cleaned[name]
    }
    record(
        EventType.OBJECTIVE_ADDED if not before else EventType.OBJECTIVE_CHANGED,
        organisation=organisation,
        by=by,
        details={"objective": objective.pk, "title": objective.title, "changes": changes},
    )
    return objective
