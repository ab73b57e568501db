"""The pipeline facts a decision-maker saw, frozen at sign-off, and what changed since.

Sign-off stores `facts_of(item)` in its snapshot (`eia.summary.decision_summary`). Every output of
a signed-off record then reads `frozen_facts()` rather than the live item, and
`changed_since_sign_off()` lists each fact that differs now, so a later change (through
`eia.services.pipeline.change_item`, the admin included) shows against what was decided
instead of silently rewriting it. An officer clears the flag only by a fresh sign-off or by
recording why the change does not alter the decision (`eia.services.signoff.explain_fact_change`).
"""

import datetime
from dataclasses import dataclass

from .models import Directorate, FactChangeReason, User
from .prefetching import rows

# The facts sign-off freezes, with the words each is shown under.
FROZEN = {
    "title": "Title",
    "summary": "Summary",
    "directorate": "Directorate",
    "owner": "Owner",
    "decision_body": "Decision body",
    "decision_date": "Decision date",
    "decision_maker": "Named decision-maker",
}
# What the public may be told of a change: the others name officers.
PUBLIC_FACTS = ("title", "summary", "directorate", "decision_body", "decision_date")


def words(item, name: str) -> str:
    """One fact of a pipeline item as the history and the snapshot keep it."""
    value = getattr(item, name)
    if value is None or value == "":
        return ""
    if isinstance(value, User):
        return value.display_name
    if isinstance(value, Directorate):
        return value.name
    if isinstance(value, datetime.date):
        return value.isoformat()
    if name == "kind":
        return item.get_kind_display()
    return str(value)


def facts_of(item) -> dict[str, str]:
    return {name: words(item, name) for name in FROZEN}


@dataclass(frozen=True)
class FactChange:
    name: str
    label: str
    signed: str  # as the decision-maker saw it
    now: str

    @property
    def public(self) -> bool:
        return self.name in PUBLIC_FACTS


def _sign_off(assessment):
    try:
        return assessment.sign_off_record
    except assessment._meta.model.sign_off_record.RelatedObjectDoesNotExist:
        return None


def frozen_facts(assessment) -> dict[str, str] | None:
    """The facts as the decision-maker saw them, or None if nobody has signed (or the snapshot
    predates frozen facts)."""
    record = _sign_off(assessment)
    if record is None:
        return None
    return record.snapshot.get("facts")


def changed_since_sign_off(assessment) -> list[FactChange]:
    """Each frozen fact that differs from the live item now, in the form's order."""
    frozen = frozen_facts(assessment)
    if frozen is None:
        return []
    now = facts_of(assessment.pipeline_item)
    return [
        FactChange(name, label, frozen.get(name, ""), now[name])
        for name, label in FROZEN.items()
        if frozen.get(name, "") != now[name]
    ]


def frozen_date(facts: dict[str, str]) -> datetime.date | None:
    value = facts.get("decision_date", "")
    return datetime.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class FactsStatus:
    """A signed record's facts against what its decision-maker saw."""

    changes: tuple[FactChange, ...]
    reason: FactChangeReason | None  # the officer's reason covering the facts as they are now
    signed_again: bool = False  # a later version of the proposal has been signed off

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def needs_attention(self) -> bool:
        """Changed, and neither signed again nor explained: an officer must act."""
        return self.changed and self.reason is None and not self.signed_again

    @property
    def public_changes(self) -> tuple[FactChange, ...]:
        return tuple(change for change in self.changes if change.public)


def facts_status(assessment) -> FactsStatus:
    changes = tuple(changed_since_sign_off(assessment))
    if not changes:
        return FactsStatus(changes=(), reason=None)
    now = facts_of(assessment.pipeline_item)
    reasons = rows(assessment.sign_off_record, "fact_reasons")  # prefetched for lists
    reason = next((row for row in reasons if row.facts == now), None)
    signed_again = assessment.pipeline_item.assessments.filter(
        version__gt=assessment.version, sign_off_record__isnull=False
    ).exists()
    return FactsStatus(changes=changes, reason=reason, signed_again=signed_again)


def decided_facts(assessment) -> dict:
    """The public facts of a record as its decision-maker saw them (the live item's until it is
    signed off): title, summary, directorate, decision body and decision date."""
    item = assessment.pipeline_item
    frozen = frozen_facts(assessment)
    if frozen is None:
        return {
            "title": item.title,
            "summary": item.summary,
            "directorate": item.directorate.name,
            "decision_body": item.decision_body,
            "decision_date": item.decision_date,
        }
    return {name: frozen.get(name, "") for name in PUBLIC_FACTS} | {
        "decision_date": frozen_date(frozen)
    }
