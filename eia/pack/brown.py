"""This record's evidence for each of the Brown principles (R (Brown) v SSWP [2008] EWHC 3158):
what a court asks of a decision made with due regard, answered from the record itself."""

from dataclasses import dataclass

from django.utils import timezone

from eia import audit, quality
from eia.events import GROUPS, EventGroup, EventType
from eia.models import Assessment, AuditEvent, PipelineItem
from eia.public_decision import LATE_FLAG
from eia.services import decisions

QUESTIONS = (
    ("Awareness of the duty", "Was the decision-maker aware of the duty?"),
    ("Before and at the time", "Was due regard had before and at the time of the decision?"),
    ("Rigour and an open mind", "Was it done in substance, not as box-ticking?"),
    ("Not delegated", "Did the decision-maker personally have due regard?"),
    ("A continuing duty", "Was the assessment reviewed and reopened as things changed?"),
    ("An adequate record", "Is there a record, and can it be trusted?"),
)


@dataclass(frozen=True)
class Principle:
    number: int
    title: str
    question: str
    evidence: tuple[str, ...]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y at %H:%M") if moment else "never"


def _events(version: Assessment, *types) -> list[AuditEvent]:
    return list(version.audit_events.filter(event_type__in=types).order_by("sequence"))


def principles(item: PipelineItem) -> list[Principle]:
    versions = list(item.assessments.order_by("version"))
    signed = [v for v in versions if hasattr(v, "sign_off_record")]
    aware = [
        f"Version {v.version}: {v.sign_off_record.decision_maker_name} signed on "
        f"{_when(v.sign_off_record.signed_at)}, attesting: “{v.sign_off_record.attestation}” "
        f"(snapshot SHA-256 {v.sign_off_record.content_hash})."
        for v in signed
    ] or ["No version has been signed off."]
    timing = []
    for v in versions:
        started = v.created_at.date()
        timing.append(
            f"Version {v.version} started on {started:%-d %B %Y}; the decision was due on "
            f"{item.decision_date:%-d %B %Y}."
        )
        if hasattr(v, "sign_off_record"):
            record = v.sign_off_record
            signed_on = timezone.localtime(record.signed_at).date()
            decided = record.decision_date or item.decision_date
            if record.signed_late:
                timing.append(
                    f"Version {v.version}: {LATE_FLAG.upper()}. It was signed off on "
                    f"{signed_on:%-d %B %Y}; the decision date was {decided:%-d %B %Y}. The "
                    f"decision-maker's reason: {record.late_reason}"
                )
            else:
                before = signed_on < decided
                timing.append(
                    f"Version {v.version} was signed off on {signed_on:%-d %B %Y}, "
                    + ("before the decision date." if before else "ON OR AFTER THE DECISION DATE.")
                )
        decision = decisions.current(v)
        if decision is not None:
            timing.append(
                f"Version {v.version}: the decision was recorded as taken on "
                f"{decision.taken_on:%-d %B %Y} ({decision.get_outcome_display()} by "
                f"{decision.body_name})."
            )
    rigour = []
    for v in versions:
        flags = quality.quality_flags(v) if v.screened_in else []
        rigour.append(
            f"Version {v.version}: {len(flags)} quality warning(s) now"
            + (": " + "; ".join(flag.message for flag in flags) if flags else ".")
        )
        for event in _events(v, *GROUPS[EventGroup.RETURNS]):
            rigour.append(
                f"Version {v.version}: returned by {event.actor_name} on "
                f"{_when(event.occurred_at)}: {event.comment or 'no comment'}"
            )
        for event in _events(v, EventType.SCREENING_OVERRIDDEN):
            rigour.append(
                f"Version {v.version}: screening outcome overridden by {event.actor_name}: "
                f"{event.comment}"
            )
    named = []
    for v in signed:
        record = v.sign_off_record
        named.append(
            f"Version {v.version}: signed by {record.decision_maker_name}; the pipeline named "
            f"{item.decision_maker.display_name if item.decision_maker else 'nobody'} as the "
            "decision-maker. Only the named decision-maker can sign (the service refuses anyone "
            "else), and nobody who wrote any version can."
        )
    continuing = [
        f"Version {v.version}: {v.get_state_display()}"
        + (f", review due {v.review_date:%-d %B %Y}" if v.review_date else "")
        + "."
        for v in versions
    ]
    continuing += [
        f"Version {v.version} reopened the assessment for review on {_when(e.occurred_at)}."
        for v in versions
        for e in _events(v, EventType.REVIEW_STARTED)
    ]
    record = []
    for v in versions:
        check = audit.verify_chain(v, with_digest=True)
        record.append(
            f"Version {v.version}: {check.events} audit events; "
            + (
                "the chain is intact."
                if check.intact
                else f"THE CHAIN IS BROKEN at event {check.first_broken_sequence}."
            )  # fmt: skip
        )
    evidence = (
        aware,
        timing,
        rigour or ["No warnings or returns."],
        named or ["No version has been signed off."],
        continuing,
        record,
    )
    return [
        Principle(number, title, question, tuple(found))
        for number, (title, question), found in zip(range(1, 7), QUESTIONS, evidence, strict=True)
    ]
