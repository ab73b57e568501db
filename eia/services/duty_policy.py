"""The organisation's policy on separation of duties: exceptions recorded, confirmed by a
second person, and ended, each step on the security log.

An exception is proposed by an equality lead (or a superuser) with the text of the written
policy that allows it, and takes effect only when someone else confirms it: another equality
lead of the same organisation, or a superuser. Nobody can give themselves an exception alone.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from eia import security_log
from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import SecurityEventType
from eia.limits import clean_text
from eia.models import Duty, DutyException


def _may_manage(user, organisation_id: int) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or has_permission(
        user, Permission.MANAGE_DUTY_POLICY, organisation_id=organisation_id
    )


def _details(exception: DutyException) -> dict:
    return {"duties": exception.duties, "policy_reference": exception.policy_reference}


@transaction.atomic
def record_exception(
    *, organisation_id: int, first: str, second: str, policy_reference: str, by
) -> DutyException:
    if not _may_manage(by, organisation_id):
        raise NotAllowed("Only the equality lead can record the policy on separation of duties.")
    if first not in Duty.values or second not in Duty.values or first == second:
        raise InvalidInput("Choose two different duties")
    reference = clean_text(policy_reference, what="the policy that allows it", required=True)
    order = list(Duty.values)
    first, second = sorted((first, second), key=order.index)
    exception = DutyException(
        organisation_id=organisation_id,
        first_duty=first,
        second_duty=second,
        policy_reference=reference,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            exception.save()
    except IntegrityError as error:
        raise InvalidInput("The policy already has an exception for these two duties") from error
    security_log.record(
        SecurityEventType.DUTY_EXCEPTION_RECORDED,
        organisation_id=organisation_id,
        by=by,
        details=_details(exception),
    )
    return exception


def _locked(exception_id: int) -> DutyException:
    exception = DutyException.objects.select_for_update().filter(pk=exception_id).first()
    if exception is None or exception.ended_at is not None:
        raise NotFound("No such exception in force or waiting.")
    return exception


@transaction.atomic
def confirm_exception(*, exception_id: int, by) -> DutyException:
    exception = _locked(exception_id)
    if not _may_manage(by, exception.organisation_id):
        raise NotFound("No such exception in force or waiting.")
    if exception.recorded_by_id == by.pk:
        raise NotAllowed(
            "Someone other than the person who recorded an exception must confirm it: another "
            "equality lead, or the service's administrator."
        )
    if exception.confirmed_at is not None:
        raise InvalidInput("This exception is already confirmed")
    exception.confirmed_by, exception.confirmed_at = by, timezone.now()
    exception.save(update_fields=["confirmed_by", "confirmed_at"])
    security_log.record(
        SecurityEventType.DUTY_EXCEPTION_CONFIRMED,
        organisation_id=exception.organisation_id,
        by=by,
        details=_details(exception),
    )
    return exception


@transaction.atomic
def end_exception(*, exception_id: int, by) -> DutyException:
    """Anyone who may manage the policy may end an exception alone: removing one only makes
    the separation stricter."""
    exception = _locked(exception_id)
    if not _may_manage(by, exception.organisation_id):
        raise NotFound("No such exception in force or waiting.")
    exception.ended_by, exception.ended_at = by, timezone.now()
    exception.save(update_fields=["ended_by", "ended_at"])
    security_log.record(
        SecurityEventType.DUTY_EXCEPTION_ENDED,
        organisation_id=exception.organisation_id,
        by=by,
        details=_details(exception),
    )
    return exception
