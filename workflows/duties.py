"""Separation of every duty on one version: who wrote it, approved it, signed it off and
published it are different people, unless the organisation's written policy allows one person
two of them (eia.models.DutyException, confirmed by a second person).

Which duty each stage's task performs is said here; who has already held each duty on a
version is read from its facts (authorship, and the trail's approvals, sign-off and
publication). workflows.rules asks `conflicts()` before anyone is given or completes a task;
workflows.services.moves records each exception used on the trail with the policy's text.
"""

from dataclasses import dataclass

from eia.authorization import has_authored, is_named_decision_maker
from eia.events import EventType
from eia.models import AuditEvent, Duty, DutyException, State

# The duty each stage's holder performs by completing its task.
DUTY_OF_STATE = {
    State.SCREENING_REVIEW: Duty.REVIEW,
    State.OFFICER_REVIEW: Duty.REVIEW,
    State.AWAITING_SIGN_OFF: Duty.SIGN_OFF,
    State.SIGNED_OFF: Duty.PUBLISH,
}

# The trail's events that show a person held a duty on this version. Confirming a screening as
# screened out is its approval (it goes to sign-off from there).
EVENTS_OF_DUTY = {
    Duty.REVIEW: (EventType.ASSESSMENT_APPROVED, EventType.SCREENING_CONFIRMED_OUT),
    Duty.SIGN_OFF: (EventType.SIGNED_OFF,),
    Duty.PUBLISH: (EventType.PUBLISHED,),
}
_DUTY_OF_EVENT = {event: duty for duty, events in EVENTS_OF_DUTY.items() for event in events}


@dataclass(frozen=True)
class Conflict:
    duty: Duty  # the duty they would take
    held: Duty  # a duty they already hold (or, for sign-off, are named to)
    allowed_by: DutyException | None  # the policy exception that allows it, if any

    def words(self) -> str:
        first, second = sorted((self.held, self.duty), key=list(Duty).index)
        return f"{Duty(first).label.lower()} and {Duty(second).label.lower()}"

    def refusal(self) -> str:
        return (
            f"One person cannot both {self.words()} for the same version, and your "
            "organisation's policy on separation of duties allows no exception for this. "
            "Someone else must do it."
        )


def duties_held(user, assessment) -> set[Duty]:
    """The duties this person already holds on this version."""
    held = set()
    if has_authored(user, assessment):
        held.add(Duty.AUTHOR)
    events = AuditEvent.objects.filter(
        assessment_id=assessment.pk, actor_id=user.pk, event_type__in=list(_DUTY_OF_EVENT)
    ).values_list("event_type", flat=True)
    held.update(_DUTY_OF_EVENT[event] for event in set(events))
    return held


def _exceptions(organisation_id: int) -> dict[frozenset, DutyException]:
    return {
        exception.pair: exception
        for exception in DutyException.objects.in_force().filter(organisation_id=organisation_id)
    }


def conflicts(user, assessment, duty: Duty) -> list[Conflict]:
    """The other duties this person holds on this version, each with the exception that allows
    holding both (or None). The named decision-maker counts as holding sign-off before they
    sign: they may not approve what they will sign."""
    held = duties_held(user, assessment)
    if duty is Duty.REVIEW and is_named_decision_maker(user, assessment):
        held.add(Duty.SIGN_OFF)
    held.discard(duty)
    if not held:
        return []
    allowed = _exceptions(assessment.organisation_id)
    order = list(Duty)
    return [
        Conflict(duty=duty, held=other, allowed_by=allowed.get(frozenset({duty, other})))
        for other in sorted(held, key=order.index)
    ]


def may_take(user, assessment, duty: Duty) -> bool:
    return all(conflict.allowed_by is not None for conflict in conflicts(user, assessment, duty))


def refused(user, assessment, duty: Duty) -> Conflict | None:
    """The first conflict no exception allows, for the message."""
    return next((c for c in conflicts(user, assessment, duty) if c.allowed_by is None), None)


def exceptions_used(user, assessment, duty: Duty | None) -> list[Conflict]:
    """The exceptions this person relies on to take `duty` (none for an author's stage)."""
    if duty is None:
        return []
    return [c for c in conflicts(user, assessment, duty) if c.allowed_by is not None]


def allowed_pairs(organisation_id: int) -> set[frozenset]:
    """The pairs of duties the organisation's exceptions in force let one person hold."""
    return set(_exceptions(organisation_id))


def conflicting_versions(user, duty: Duty, allowed: set[frozenset]):
    """The versions (assessment ids, as a subquery) on which this person already holds, by the
    trail, a duty that no exception (`allowed`: allowed_pairs) lets them hold with `duty`: the
    team queue leaves those tasks out. (Authorship is the queue's own exclusion.)"""
    events = [
        event
        for held, held_events in EVENTS_OF_DUTY.items()
        if held != duty and frozenset({held, duty}) not in allowed
        for event in held_events
    ]
    return AuditEvent.objects.filter(actor_id=user.pk, event_type__in=events).values(
        "assessment_id"
    )
