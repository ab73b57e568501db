"""Field-level history: what each part of the record was and became, at every edit.

Every content edit (eia.services) records, in its audit event, the rows it touched: each row's
key, the operation (create, update, delete) and, per field, the value before and after. A
review version's start event records the content it was given. Replaying a version's events
therefore rebuilds its content exactly as it stood after any event (`content_at`), which the
compare pages and the judicial-review pack read; `content_now` reads the same shape from the
live tables, so a test can prove the two agree.

Row keys: "full" (about the proposal, conclusion), "rurality", "screening" (the answers),
"evidence:<id>", "gap:<id>", "engagement:<id>", "impact:<characteristic>", "action:<id>",
"rural:<theme>". Values are JSON: dates as ISO text, a person as their id, links to other rows
by their keys (an impact's evidence, an action's impacts), related proposals by reference.
"""

import datetime
from dataclasses import dataclass, field

from .events import EventType
from .models import (
    Action,
    Assessment,
    AuditEvent,
    DutyModuleAnswers,
    Engagement,
    EvidenceGap,
    EvidenceItem,
    FullAssessment,
    Impact,
    RuralImpact,
    RuralityProofing,
    Screening,
)

# The fields each kind of row carries in its history (never ids, timestamps or the assessment).
FIELDS = {
    FullAssessment: (
        "aims",
        "who_affected",
        "what_changes",
        "budget",
        "timescale",
        "conclusion",
        "justification",
        "changes_made",
        "cumulative_impact",
        "review_date",
        "monitoring",
        "consultation_starts_on",
        "consultation_ends_on",
        "consultation_responses",
        "completed_sections",
        "internal_notes",
        "related_items",
    ),
    EvidenceItem: (
        "title",
        "source",
        "dated",
        "link",
        "shows",
        "file_name",
        "file_type",
        "file_size",
        "is_public",
    ),
    EvidenceGap: ("description", "action"),
    Engagement: ("who", "held_on", "method", "how_many", "what_said", "what_changed"),
    Impact: (
        "characteristic",
        "direction",
        "size",
        "who_affected",
        "aim_eliminate",
        "aim_advance",
        "aim_foster",
        "aim_positive_attitudes",
        "aim_participation",
        "intersecting",
        "residual",
        "justification",
        "evidence",
    ),
    Action: (
        "kind",
        "title",
        "description",
        "owner",
        "target_date",
        "status",
        "rag",
        "progress_note",
        "impacts",
    ),
    RuralityProofing: ("evidence_used", "tailoring", "monitoring"),
    RuralImpact: ("theme", "kind", "description", "scale"),
    Screening: ("answers",),
    DutyModuleAnswers: (
        "module",
        "module_version",
        "answers",
        "not_required",
        "not_required_reasons",
        "authorised_by_name",
    ),
}
PREFIX = {
    EvidenceItem: "evidence",
    EvidenceGap: "gap",
    Engagement: "engagement",
    Action: "action",
}


def row_key(row) -> str:
    if isinstance(row, FullAssessment):
        return "full"
    if isinstance(row, RuralityProofing):
        return "rurality"
    if isinstance(row, Screening):
        return "screening"
    if isinstance(row, DutyModuleAnswers):
        return f"duty:{row.module}"
    if isinstance(row, Impact):
        return f"impact:{row.characteristic}"
    if isinstance(row, RuralImpact):
        return f"rural:{row.theme}"
    return f"{PREFIX[type(row)]}:{row.pk}"


def _value(row, name):
    if name == "related_items":
        return sorted(row.related_items.values_list("reference", flat=True))
    if name == "evidence":
        return sorted(f"evidence:{pk}" for pk in row.evidence.values_list("pk", flat=True))
    if name == "impacts":
        return sorted(f"impact:{c}" for c in row.impacts.values_list("characteristic", flat=True))
    if name == "owner":
        return row.owner_id
    if name == "action":
        return f"action:{row.action_id}"
    value = getattr(row, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return value
    return value


def snapshot(row) -> dict:
    """The row's tracked fields as JSON values (many-to-many read from the database)."""
    with_links = row.pk is not None
    return {
        name: _value(row, name)
        for name in FIELDS[type(row)]
        if with_links or name not in ("related_items", "evidence", "impacts")
    }


@dataclass
class Changes:
    """The rows one edit touched, collected by the service as it works."""

    rows: list[dict] = field(default_factory=list)
    _before: dict = field(default_factory=dict)

    def before(self, row) -> None:
        """Call before changing `row` (a new, unsaved row has no before)."""
        self._before[id(row)] = snapshot(row) if row.pk is not None else None

    def after(self, row, *, copied_from: str = "") -> None:
        """Call once `row` and its links are saved. A review's copy of an earlier version's
        row names the row it was copied from, so versions can be compared row by row."""
        before = self._before.pop(id(row), None)
        after = snapshot(row)
        fields = {
            name: [None if before is None else before.get(name), value]
            for name, value in after.items()
            if before is None or before.get(name) != value
        }
        if before is not None and not fields:
            return
        change = {"row": row_key(row), "op": "update" if before else "create", "fields": fields}
        if copied_from:
            change["copied_from"] = copied_from
        self.rows.append(change)

    def removed(self, row) -> None:
        """Call before deleting `row`."""
        fields = {name: [value, None] for name, value in snapshot(row).items()}
        self.rows.append({"row": row_key(row), "op": "delete", "fields": fields})

    @property
    def field_names(self) -> list[str]:
        return sorted({name for row in self.rows for name in row["fields"]})


def content_now(assessment: Assessment) -> dict[str, dict]:
    """The version's content as the live tables hold it, keyed like the history."""
    rows = [
        *FullAssessment.objects.filter(assessment=assessment),
        *RuralityProofing.objects.filter(assessment=assessment),
        *assessment.evidence.all(),
        *assessment.evidence_gaps.all(),
        *assessment.engagement.all(),
        *assessment.impacts.all(),
        *assessment.actions.all(),
        *assessment.rural_impacts.all(),
        *Screening.objects.filter(assessment=assessment),
        *assessment.duty_answers.all(),
    ]
    return {row_key(row): snapshot(row) for row in rows}


def _apply(content: dict, rows: list[dict]) -> None:
    for change in rows:
        key = change["row"]
        if change["op"] == "delete":
            content.pop(key, None)
            continue
        current = content.setdefault(key, {})
        for name, (_before, after) in change["fields"].items():
            current[name] = after


@dataclass(frozen=True)
class Rebuilt:
    content: dict
    sequence: int  # the last event applied
    complete: bool  # False if an event older than field-level history was met


def content_at(assessment: Assessment, *, sequence: int | None = None) -> Rebuilt:
    """Replay the version's trail up to and including `sequence` (default: all of it)."""
    events = AuditEvent.objects.filter(
        assessment_id=assessment.pk,
        event_type__in=[
            EventType.ASSESSMENT_STARTED,
            EventType.SECTION_EDITED,
            EventType.ACTION_PROGRESS,
        ],
    ).order_by("sequence")
    if sequence is not None:
        events = events.filter(sequence__lte=sequence)
    content: dict = {}
    complete = True
    last = 0
    for event_type, details, at in events.values_list("event_type", "details", "sequence"):
        last = at
        rows = details.get("rows")
        if rows is None:
            # Edits recorded before field-level history say which fields, not their values.
            complete = complete and event_type == EventType.ASSESSMENT_STARTED
            continue
        _apply(content, rows)
    return Rebuilt(content=content, sequence=last, complete=complete)
