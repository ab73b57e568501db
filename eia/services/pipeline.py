"""The policy pipeline's items: adding one, and changing its facts.

Every change to an item's facts (title, summary, kind, directorate, owner, decision body,
decision date, named decision-maker) goes through `change_item`, whatever door it came in by
(the service's pages or the Django admin): it is validated, kept on the item's history with
before and after values, and recorded on the trail of the item's live assessment, in one
transaction: on the live version's trail, or the newest published one's if none is live. A
signed-off record froze the facts its decision-maker saw, so a later change shows against them
instead of silently rewriting what was decided.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from eia import audit
from eia.authorization import Permission, has_permission
from eia.calendar import is_working_day
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.facts import words as fact_words
from eia.limits import clean_line, clean_text
from eia.models import (
    DecisionBody,
    Directorate,
    Organisation,
    PipelineChange,
    PipelineItem,
    State,
    User,
)

from . import authorship

FACTS = (
    "title",
    "summary",
    "kind",
    "directorate",
    "owner",
    "decision_body",
    "decision_date",
    "decision_maker",
)
# The facts shown on one line (in page titles, email subjects, the register's lists).
ONE_LINE = {"title": "the title", "decision_body": "the decision body"}
# A reference is part of the public register's addresses.
REFERENCE_CHARACTERS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()-]*")
REFERENCE_RULE = (
    "Reference must start with a letter or number and use only letters, numbers, spaces, "
    "hyphens (-), full stops (.), underscores (_), slashes (/) and brackets"
)

# Who the item names to act: only the equality lead changes these (choosing your own
# decision-maker is not independent).
LEAD_ONLY = ("owner", "decision_maker")


def _may_edit(user, item: PipelineItem, fields) -> bool:
    if user.is_superuser:  # the platform's own administrators, through the admin
        return True
    lead = has_permission(
        user, Permission.MANAGE_REFERENCE_DATA, organisation_id=item.organisation_id
    )
    if lead:
        return True
    owner = user.pk == item.owner_id and has_permission(
        user, Permission.START_ASSESSMENT, organisation_id=item.organisation_id
    )
    return owner and not set(fields) & set(LEAD_ONLY)


def _colleague(item, value, what):
    """A person or directorate of the item's own organisation (given as it or its id)."""
    if value in (None, ""):
        return None
    model = Directorate if what == "directorate" else User
    pk = value.pk if hasattr(value, "pk") else value
    found = model.objects.filter(pk=pk, organisation_id=item.organisation_id).first()
    if found is None:
        what = "directorate" if model is Directorate else "person"
        raise InvalidInput(f"Choose a {what} from your organisation")
    return found


def _check_date(item: PipelineItem) -> None:
    """A decision is taken on a working day, at one of its body's meetings when the lead has
    listed them."""
    day = item.decision_date
    if not isinstance(day, datetime.date):
        return
    nation = item.organisation.nation
    if not is_working_day(day, nation):
        raise InvalidInput(
            f"The decision date, {day:%A %-d %B %Y}, is not a working day. Choose the date of "
            "the meeting that takes the decision."
        )
    body = DecisionBody.objects.filter(
        organisation_id=item.organisation_id, name=item.decision_body
    ).first()
    if body is None:
        return
    upcoming = list(body.meetings.filter(date__gte=datetime.date.today())[:4])
    if upcoming and not body.meetings.filter(date=day).exists():
        dates = ", ".join(f"{meeting.date:%-d %B %Y}" for meeting in upcoming)
        raise InvalidInput(
            f"{body.name} does not meet on {day:%-d %B %Y}. Its next meetings are on {dates}."
        )


def next_reference(organisation: Organisation, year: int) -> str:
    """The next free reference of the organisation for the year, such as NCC-2027-012."""
    stem = f"{organisation.prefix}-{year}-"
    taken = PipelineItem.objects.filter(
        organisation=organisation, reference__startswith=stem
    ).values_list("reference", flat=True)
    numbers = [int(ref[len(stem) :]) for ref in taken if ref[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def _fact(item: PipelineItem, name: str, value):
    """One fact as it will be stored: a colleague or directorate found in the organisation,
    one-line text refused if it holds a line break, other text stripped."""
    if name in ("directorate", "owner", "decision_maker"):
        return _colleague(item, value, name)
    if name in ONE_LINE:
        limit = PipelineItem._meta.get_field(name).max_length
        return clean_line(value, what=ONE_LINE[name], required=True, limit=limit)
    return value.strip() if isinstance(value, str) else value


def check_reference(*, organisation_id: int, reference: str) -> str:
    """A new reference as it will be stored, or InvalidInput saying what is wrong with it."""
    limit = PipelineItem._meta.get_field("reference").max_length
    reference = clean_line(reference, what="the reference", required=True, limit=limit)
    if not REFERENCE_CHARACTERS.fullmatch(reference):
        raise InvalidInput(REFERENCE_RULE)
    if PipelineItem.objects.filter(organisation_id=organisation_id, reference=reference).exists():
        raise InvalidInput(f"Another proposal already has the reference {reference}")
    return reference


def _check(item: PipelineItem, changing=FACTS) -> None:
    """Validate the item; the decision date is checked against working days and meetings only
    when it (or its body) is being set, so fixing a title never trips over an older date."""
    try:
        item.full_clean(exclude=["organisation", "reference"])
    except ValidationError as error:
        messages = [
            f"{item._meta.get_field(field).verbose_name.capitalize()}: {message}"
            for field, errors in error.message_dict.items()
            for message in errors
        ]
        raise InvalidInput("; ".join(messages)) from error
    if {"decision_date", "decision_body"} & set(changing):
        _check_date(item)
    if item.decision_maker_id is not None and item.decision_maker_id == item.owner_id:
        raise InvalidInput("The named decision-maker cannot be the proposal's owner")


def change_item(*, item_id: int, by, changes: dict, reason: str = "") -> PipelineItem:
    """Change some of an item's facts. `changes` maps fact names to new values (a person or
    directorate may be given as its id). Nothing changes and nothing is recorded if the values
    are the same as now."""
    unknown = sorted(set(changes) - set(FACTS))
    if unknown:
        raise InvalidInput(f"These cannot be changed here: {', '.join(unknown)}")
    reason = clean_text(reason, what="the reason for the change", required=False)
    with transaction.atomic():
        items = (
            PipelineItem.objects.all() if by.is_superuser else PipelineItem.objects.visible_to(by)
        )
        item = items.select_for_update(of=("self",)).filter(pk=item_id).first()
        if item is None:
            raise NotFound("No such pipeline item.")
        if not _may_edit(by, item, changes):
            raise NotAllowed(
                "Only the equality lead can change this proposal's owner or decision-maker, and "
                "only its owner or the lead can change its details."
            )
        before = {name: fact_words(item, name) for name in changes}
        for name, value in changes.items():
            setattr(item, name, _fact(item, name, value))
        _check(item, changing=changes)
        after = {name: fact_words(item, name) for name in changes}
        changed = {
            name: [before[name], after[name]] for name in changes if before[name] != after[name]
        }
        if not changed:
            return item
        item.save()
        PipelineChange.objects.create(
            item=item, actor=by, actor_name=by.display_name, changes=changed, reason=reason
        )
        # The version the change bears on: the live one, else the newest published record.
        current = item.assessments.exclude(state=State.WITHDRAWN).order_by("-version").first()
        if current is not None:
            audit.record(
                EventType.PIPELINE_CHANGED,
                assessment=current,
                by=by,
                comment=reason,
                details={"changes": changed, "pipeline_item": item.reference},
            )
        if "decision_maker" in changed:
            authorship.sync_decision_maker(item)
        return item


def add_item(*, by, organisation_id: int, facts: dict, reference: str = "") -> PipelineItem:
    """A new item on the organisation's pipeline, numbered automatically unless a reference is
    given (its first history row says who added it)."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
        item = PipelineItem(organisation=organisation)
        allowed = by.is_superuser or any(
            has_permission(by, permission, organisation_id=organisation_id)
            for permission in (Permission.START_ASSESSMENT, Permission.MANAGE_REFERENCE_DATA)
        )
        if not allowed:
            raise NotAllowed("Only project managers and the equality lead can add proposals.")
        for name, value in facts.items():
            if name not in FACTS:
                raise InvalidInput(f"Unknown detail: {name}")
            setattr(item, name, _fact(item, name, value))
        _check(item)
        if reference.strip():
            item.reference = check_reference(organisation_id=organisation_id, reference=reference)
        else:
            item.reference = next_reference(
                organisation,
                item.decision_date.year if item.decision_date else datetime.date.today().year,
            )
        item.save()
        PipelineChange.objects.create(
            item=item,
            actor=by,
            actor_name=by.display_name,
            changes={
                name: ["", fact_words(item, name)] for name in FACTS if fact_words(item, name)
            },
            reason="Added to the pipeline",
        )
        return item
