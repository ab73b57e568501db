"""The Equality Framework self-assessment: the equality lead records, per area, the current
and target level with dates, the evidence and the peer challenge's feedback."""

from django.db import transaction

from eia.authorization import Permission
from eia.errors import InvalidInput
from eia.events import EventType
from eia.limits import clean_text

from ..framework import Area, Level
from ..models import FrameworkArea
from .common import locked_organisation, record

FIELDS = (
    "current_level",
    "assessed_on",
    "target_level",
    "target_date",
    "evidence",
    "peer_feedback",
)
_ORDER = list(Level.values)


@transaction.atomic
def save_area(*, by, area: str, values: dict) -> FrameworkArea:
    organisation = locked_organisation(
        by, Permission.MANAGE_OBJECTIVES, "Only the equality lead records the self-assessment."
    )
    if area not in Area.values:
        raise InvalidInput("Select an area of the framework")
    current, target = values.get("current_level"), values.get("target_level")
    if current not in Level.values or target not in Level.values:
        raise InvalidInput("Select a level from the list")
    if _ORDER.index(target) < _ORDER.index(current):
        raise InvalidInput("The target level cannot be below the current level")
    row = FrameworkArea.objects.filter(organisation=organisation, area=area).first()
    row = row or FrameworkArea(organisation=organisation, area=area)
    before = {name: getattr(row, name, None) for name in FIELDS} if row.pk else {}
    row.current_level, row.target_level = current, target
    row.assessed_on, row.target_date = values.get("assessed_on"), values.get("target_date")
    row.evidence = clean_text(values.get("evidence"), what="the evidence", required=False)
    row.peer_feedback = clean_text(
        values.get("peer_feedback"), what="the peer feedback", required=False
    )
    row.save()
    changes = {
        name: [before.get(name), getattr(row, name)]
        for name in FIELDS
        if before.get(name) != getattr(row, name)
    }
    record(
        EventType.FRAMEWORK_AREA_SAVED,
        organisation=organisation,
        by=by,
        details={"area": area, "changes": changes},
    )
    return row
