"""Recording the decision once it has been taken, and correcting that record.

An equality officer or the lead of the assessment's organisation records when the decision was
taken, its outcome, the body that took it (from the organisation's list) and the minute (a
reference, a link, or both). The record is content, not a move of the process: it changes no
stage. Each recording or correction is a new row (a correction needs a reason and names the row
it corrects) and an event on the assessment's trail with the values before and after.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from eia import audit
from eia.authorization import Permission, has_permission
from eia.errors import Conflict, InvalidInput, NotAllowed
from eia.events import EventType
from eia.limits import clean_text
from eia.models import DecisionBody, DecisionRecord, Outcome, State, User

from .locking import locked

# A decision is recorded for a version its decision-maker signed.
DECIDABLE_STATES = (State.SIGNED_OFF, State.PUBLISHED)
FIELDS = ("taken_on", "outcome", "body_name", "minute_reference", "minute_url")
_URL = URLValidator(schemes=["http", "https"])


def current(assessment) -> DecisionRecord | None:
    """The decision record as it stands now (the newest row), or None."""
    return assessment.decision_records.order_by("-pk").first()


def values(record: DecisionRecord | None) -> dict:
    """The record's facts as plain data, for the trail's before and after."""
    if record is None:
        return {}
    return {
        "taken_on": record.taken_on.isoformat(),
        "outcome": record.outcome,
        "body_name": record.body_name,
        "minute_reference": record.minute_reference,
        "minute_url": record.minute_url,
    }


def may_record(user, assessment) -> bool:
    return has_permission(
        user, Permission.RECORD_DECISION, organisation_id=assessment.organisation_id
    )


def _minute_url(value: str) -> str:
    url = clean_text(value, what="the link to the minute", required=False, limit=500)
    if not url:
        return ""
    if any(ord(c) < 32 or c.isspace() for c in url):
        raise InvalidInput("Enter the link to the minute without spaces or line breaks")
    try:
        _URL(url)
    except ValidationError as error:
        raise InvalidInput(
            "Enter the link to the minute as a web address starting with https:// or http://"
        ) from error
    return url


def record_decision(
    *,
    assessment_id: int,
    by: User,
    taken_on: datetime.date,
    outcome: str,
    body_id: int,
    minute_reference: str = "",
    minute_url: str = "",
    reason: str = "",
    seen_record: int | None = None,
) -> DecisionRecord:
    """Record the decision, or correct the record (then `reason` is required). `seen_record` is
    the id of the record the page showed (None if none): if someone has recorded or corrected
    it since, the change is refused rather than silently overwriting theirs."""
    with locked(assessment_id, by=by) as assessment:
        if not may_record(by, assessment):
            raise NotAllowed("Only an equality officer or the equality lead records the decision.")
        if assessment.state not in DECIDABLE_STATES:
            raise InvalidInput("Record the decision once the decision-maker has signed off.")
        now = current(assessment)
        if (now.pk if now else None) != seen_record:
            raise Conflict(
                f"{now.recorded_by_name if now else 'Someone'} changed the decision record since "
                "you opened the page, so your change was not saved. Reload the page."
            )
        if not isinstance(taken_on, datetime.date) or taken_on.year < 1900:
            raise InvalidInput("Enter the date the decision was taken")
        if taken_on > timezone.localdate():
            raise InvalidInput("The date the decision was taken cannot be in the future")
        if outcome not in Outcome.values:
            raise InvalidInput("Choose the outcome of the decision")
        body = DecisionBody.objects.filter(
            pk=body_id, organisation_id=assessment.organisation_id
        ).first()
        if body is None:
            raise InvalidInput("Choose the body that took the decision from your organisation's")
        minute_reference = clean_text(
            minute_reference, what="the minute reference", required=False, limit=200
        )
        if any(ord(c) < 32 for c in minute_reference):
            raise InvalidInput("The minute reference cannot contain line breaks")
        minute_url = _minute_url(minute_url)
        if not (minute_reference or minute_url):
            raise InvalidInput("Enter the minute reference, a link to the minute, or both")
        reason = clean_text(reason, what="why you are correcting the record", required=False)
        if now is not None and not reason:
            raise InvalidInput("Enter why you are correcting the decision record")
        row = DecisionRecord(
            assessment=assessment,
            taken_on=taken_on,
            outcome=outcome,
            body=body,
            body_name=body.name,
            minute_reference=minute_reference,
            minute_url=minute_url,
            corrects=now,
            correction_reason=reason if now is not None else "",
            recorded_by=by,
            recorded_by_name=by.display_name,
        )
        before, after = values(now), values(row)
        if now is not None and before == after:
            raise InvalidInput("Nothing has changed: the decision record already says this")
        row.save()
        changed = [name for name in FIELDS if before.get(name) != after[name]]
        audit.record(
            EventType.DECISION_CORRECTED if now is not None else EventType.DECISION_RECORDED,
            assessment=assessment,
            by=by,
            comment=row.correction_reason,
            details={
                "decision_record": row.pk,
                "changes": {name: [before.get(name, ""), after[name]] for name in changed},
            },
        )
        return row
