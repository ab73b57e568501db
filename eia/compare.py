"""What changed between two states of a record, in words: between two versions, or between what
the decision-maker signed and now. Reads the shape eia.history builds (live or rebuilt).

A review version's rows are matched to the rows they were copied from, so an unchanged piece
of evidence is not reported as removed and added again.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from . import duty_modules, screening
from .events import SIGN_OFF_EVENTS, EventType
from .history import FIELDS, content_at
from .models import (
    Action,
    Assessment,
    AuditEvent,
    Conclusion,
    Direction,
    DutyModuleAnswers,
    Engagement,
    EvidenceGap,
    EvidenceItem,
    FullAssessment,
    Impact,
    RuralImpact,
    RuralityProofing,
    RuralTheme,
    Screening,
    Section,
    Size,
    User,
)

MODEL_OF = {
    "full": FullAssessment,
    "rurality": RuralityProofing,
    "screening": Screening,
    "evidence": EvidenceItem,
    "gap": EvidenceGap,
    "engagement": Engagement,
    "impact": Impact,
    "action": Action,
    "rural": RuralImpact,
    "duty": DutyModuleAnswers,
}
PROPOSAL_FIELDS = {"aims", "who_affected", "what_changes", "budget", "timescale"}
SECTION_OF = {
    "evidence": Section.EVIDENCE,
    "gap": Section.EVIDENCE,
    "engagement": Section.ENGAGEMENT,
    "impact": Section.IMPACTS,
    "action": Section.ACTIONS,
    "rurality": Section.RURALITY,
    "rural": Section.RURALITY,
}
CHOICES = {
    "direction": dict(Direction.choices),
    "size": dict(Size.choices),
    "conclusion": dict(Conclusion.choices),
    "status": dict(Action.Status.choices),
    "rag": dict(Action.Rag.choices),
    "kind": dict(Action.Kind.choices) | dict(RuralImpact.Kind.choices),
    "method": dict(Engagement.Method.choices),
    "scale": dict(Size.choices),
    "theme": dict(RuralTheme.choices),
}
# Fields whose model name is not the words a reader expects.
LABELS = {"direction": "Likely impact", "related_items": "Related proposals", "answers": "Answers"}
# Bookkeeping, not content: never reported as a change.
QUIET = {"completed_sections", "file_type", "file_size", "module", "module_version"}


@dataclass(frozen=True)
class Difference:
    section: str  # a Section label, or "Screening"
    item: str  # the row in words: "Evidence: Library user survey 2026"
    what: str  # the field's label, or "" for a whole row added or removed
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.what:
            return "removed" if not self.after else "added"
        return "changed"


class Words:
    """Turns stored values into words for one organisation's record."""

    def __init__(self, assessment: Assessment, *contents: dict):
        groups = screening.characteristics_in_scope(assessment.screening)
        self.groups = {group.id: group.name for group in groups}
        # An impact's aims in its own duty's words (Section 75 keeps equality of opportunity
        # in the field the s149 aim (b) uses).
        duty = screening.duty_of(assessment.screening)
        self.aims = {aim.field: aim.heading for aim in duty.aims}
        self.titles = {}
        for content in contents:
            for key, values in content.items():
                if key.startswith(("evidence:", "action:")):
                    self.titles[key] = values.get("title", "")
        owners = {
            values.get("owner") for c in contents for values in c.values() if values.get("owner")
        }
        self.people = {user.pk: user.display_name for user in User.objects.filter(pk__in=owners)}

    def item(self, key: str, values: dict) -> str:
        prefix = key.split(":")[0]
        if prefix == "impact":
            name = self.groups.get(key.split(":", 1)[1], key.split(":", 1)[1])
            return f"Impact on {name}"
        if prefix == "evidence":
            return f"Evidence: {values.get('title', '')}"
        if prefix == "gap":
            return f"Evidence gap: {values.get('description', '')[:120]}"
        if prefix == "engagement":
            return f"Engagement with {values.get('who', '')}"
        if prefix == "action":
            return f"Action: {values.get('title', '')}"
        if prefix == "rural":
            return f"Rural impact: {CHOICES['theme'].get(key.split(':', 1)[1], key)}"
        if prefix == "screening":
            return "Screening answers"
        if prefix == "rurality":
            return "Rurality proofing"
        if prefix == "duty":
            return duty_modules.section_label(key)
        return "The assessment"

    def label(self, key: str, name: str) -> str:
        model = MODEL_OF[key.split(":")[0]]
        if name in LABELS:
            return LABELS[name]
        if key.startswith("impact:") and name in self.aims:
            return self.aims[name]
        return str(model._meta.get_field(name).verbose_name).capitalize()

    def value(self, name: str, value) -> str:
        if value in (None, "", [], {}):
            return ""
        if name in CHOICES:
            return str(CHOICES[name].get(value, value))
        if name == "owner":
            if value not in self.people:
                user = User.objects.filter(pk=value).first()
                self.people[value] = user.display_name if user else f"person {value}"
            return self.people[value]
        if name in ("evidence", "impacts"):
            return "; ".join(self.item(key, {"title": self.titles.get(key, "")}) for key in value)
        if name == "related_items":
            return ", ".join(value)
        if name == "answers":
            return f"{len(value)} answered"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date_format(datetime.date.fromisoformat(value), "j F Y")
            except ValueError:
                return value
        return str(value)


def _section(key: str, name: str = "") -> str:
    prefix = key.split(":")[0]
    if prefix == "screening":
        return "Screening"
    if prefix == "full":
        return (Section.PROPOSAL if name in PROPOSAL_FIELDS else Section.CONCLUSION).label
    if prefix == "duty":  # a duty module's section (eia.duty_modules) is named by its module
        return duty_modules.section_label(key)
    return SECTION_OF[prefix].label


def _matched(before: dict, after: dict, copied_from: dict[str, str]) -> dict[str, str]:
    """Keys of `after` mapped to the key of the same row in `before`."""
    mapping = {}
    for key in after:
        source = copied_from.get(key, key)
        if source in before:
            mapping[key] = source
        elif key in before:
            mapping[key] = key
    return mapping


def differences(
    assessment: Assessment, before: dict, after: dict, *, copied_from: dict | None = None
) -> list[Difference]:
    """Every change from `before` to `after`, section by section, in words."""
    words = Words(assessment, before, after)
    mapping = _matched(before, after, copied_from or {})
    found = []
    for key, values in after.items():
        if key not in mapping:
            found.append(Difference(_section(key), words.item(key, values), "", "", "Added"))
            continue
        old = before[mapping[key]]
        for name in FIELDS[MODEL_OF[key.split(":")[0]]]:
            if name in QUIET:
                continue
            old_value, new_value = old.get(name), values.get(name)
            if name in ("evidence", "impacts"):
                reverse = {v: k for k, v in mapping.items()}
                old_value = sorted(reverse.get(v, v) for v in old_value or [])
            if (old_value or None) == (new_value or None):
                continue
            found.append(
                Difference(
                    _section(key, name),
                    words.item(key, values),
                    words.label(key, name),
                    words.value(name, old_value),
                    words.value(name, new_value),
                )
            )
    kept = set(mapping.values())
    for key, values in before.items():
        if key not in kept:
            found.append(Difference(_section(key), words.item(key, values), "", "Removed", ""))
    order = [s.label for s in Section] + ["Screening"]
    # Duty modules' sections follow the built-in ones.
    return sorted(
        found,
        key=lambda d: (order.index(d.section) if d.section in order else len(order), d.item),
    )


def copied_from(assessment: Assessment) -> dict[str, str]:
    """For a review version: its row keys mapped to the rows of the version it reviews."""
    event = (
        AuditEvent.objects.filter(
            assessment_id=assessment.pk, event_type=EventType.ASSESSMENT_STARTED
        )
        .values_list("details", flat=True)
        .first()
    )
    return {
        row["row"]: row["copied_from"]
        for row in (event or {}).get("rows", [])
        if row.get("copied_from")
    }


def since_sign_off(assessment: Assessment) -> list[Difference] | None:
    """What changed in the record after the decision-maker signed (None if never signed)."""
    signed = (
        AuditEvent.objects.filter(assessment_id=assessment.pk, event_type__in=SIGN_OFF_EVENTS)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    if signed is None:
        return None
    then = content_at(assessment, sequence=signed).content
    return differences(assessment, then, content_at(assessment).content)


def between_versions(older: Assessment, newer: Assessment) -> list[Difference]:
    """What a review version changed from the version it reviews: the older version's content
    (locked since its sign-off) against the newer one's, rows matched through what each copy
    was copied from."""
    if newer.previous_id != older.pk:
        raise ValueError("A version is compared with the version it reviews")
    return differences(
        newer,
        content_at(older).content,
        content_at(newer).content,
        copied_from=copied_from(newer),
    )


def _in_field_order(key: str, fields: dict) -> list[tuple[str, list]]:
    """A history row's fields in the model's order: PostgreSQL's jsonb keeps its keys sorted by
    length, so the stored order is not the order the form shows them in."""
    known = FIELDS.get(MODEL_OF.get(key.split(":")[0]), [])
    rank = {name: i for i, name in enumerate(known)}
    return sorted(fields.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def edit_sentences(assessment: Assessment, rows: list[dict]) -> list[str]:
    """One edit event's changes as sentences for the trail: "Evidence added: Library user
    survey 2026", "Impact on disabled people changed: likely impact (Neutral to Negative)"."""
    words = Words(
        assessment, {row["row"]: {n: v[1] for n, v in row["fields"].items()} for row in rows}
    )
    sentences = []
    for row in rows:
        key = row["row"]
        values = {
            name: pair[1] if row["op"] != "delete" else pair[0]
            for name, pair in row["fields"].items()
        }
        item = words.item(key, values)
        single = key in ("full", "rurality", "screening")  # created by its first edit
        if row["op"] == "create" and not single:
            sentences.append(f"{item}: added")
        elif row["op"] == "delete":
            sentences.append(f"{item}: removed")
        else:
            parts = []
            for name, (old, new) in _in_field_order(key, row["fields"]):
                if name in QUIET:
                    if name == "completed_sections":
                        done = sorted(set(new or []) - set(old or []))
                        undone = sorted(set(old or []) - set(new or []))
                        label = duty_modules.section_label
                        parts += [f"{label(s)} marked as completed" for s in done]
                        parts += [f"{label(s)} marked as not completed" for s in undone]
                    continue
                label = words.label(key, name).lower()
                old_words, new_words = words.value(name, old), words.value(name, new)
                if old_words == new_words:
                    continue  # a first edit records every field, the blank ones too
                short = len(old_words) <= 40 and len(new_words) <= 40
                parts.append(
                    f"{label} ({old_words or 'blank'} to {new_words or 'blank'})"
                    if short
                    else label
                )
            if parts:
                sentences.append(f"{item} changed: {'; '.join(parts)}")
    return sentences
