"""Programmes and budget rounds: the equality lead names them and says which proposals on the
pipeline belong to each, so their impacts on the same groups are read together."""

from django.db import IntegrityError, transaction

from eia.authorization import Permission
from eia.errors import InvalidInput, NotFound
from eia.events import EventType
from eia.limits import clean_text
from eia.models import PipelineItem

from ..models import Programme
from .common import locked_organisation, record

_LEAD = "Only the equality lead keeps the programmes and budget rounds."


@transaction.atomic
def save_programme(
    *, by, name: str, description: str = "", item_ids: list[int], programme_id: int | None = None
) -> Programme:
    organisation = locked_organisation(by, Permission.MANAGE_REFERENCE_DATA, _LEAD)
    name = clean_text(name, what="the programme's name", required=True, limit=200)
    description = clean_text(description, what="the description", required=False)
    items = list(PipelineItem.objects.filter(organisation=organisation, pk__in=item_ids))
    if len(items) != len(set(item_ids)):
        raise InvalidInput("Select proposals from the list")
    if programme_id is None:
        programme, before = Programme(organisation=organisation), None
    else:
        programme = Programme.objects.filter(pk=programme_id, organisation=organisation).first()
        if programme is None:
            raise NotFound("No such programme.")
        before = sorted(programme.items.values_list("pk", flat=True))
    programme.name, programme.description = name, description
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError as error:
        raise InvalidInput(f"There is already a programme called {name}") from error
    programme.items.set(items)
    after = sorted(item.pk for item in items)
    if before is None:
        record(
            EventType.PROGRAMME_ADDED,
            organisation=organisation,
            by=by,
            details={"programme": programme.pk, "name": name, "items": after},
        )
    elif before != after:
        record(
            EventType.PROGRAMME_ITEMS_SET,
            organisation=organisation,
            by=by,
            details={"programme": programme.pk, "name": name, "items": [before, after]},
        )
    return programme
