"""The shape of every edit to a full assessment's content, and the two single-form sections.

An edit runs under the assessment's row lock, refuses a change from an out-of-date page (the
form's `seen` token, scoped to the record it edits), checks that the actor may edit this section
now (authors and co-authors, in the author's stages only: a signed-off record is locked),
applies the change and records one audit event naming the section and, for every row it
touched, each field's value before and after (eia.history), so any version can be rebuilt as it
stood at any moment.
"""

from collections.abc import Callable

from eia import audit, duty_modules
from eia.authorization import can_edit
from eia.errors import InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.history import Changes
from eia.models import (
    AUTHOR_STATES,
    FULL_SECTIONS,
    RURAL_SECTIONS,
    Assessment,
    FullAssessment,
    PipelineItem,
    Section,
    State,
    User,
)

from . import authorship, fingerprints
from .locking import locked

LOCKED = (
    "Only the author or a co-author can change this section, and only while the assessment is "
    "with them. A signed-off assessment is locked: start a review to change it."
)


def editable_sections(assessment: Assessment) -> tuple[str, ...]:
    """Which sections exist for this assessment's path (before asking who may edit them)."""
    sections: tuple[str, ...] = ()
    duties = duty_modules.sections(assessment)
    if assessment.screened_in:
        sections += FULL_SECTIONS + duties
    if assessment.rurality_proofing_required:
        sections += RURAL_SECTIONS
    # Screened out (or not yet decided), a duty module is on the short path: answered before
    # the screening is submitted, and read with the screening decision.
    sections += duties
    return tuple(dict.fromkeys(sections))


def can_edit_section(user, assessment: Assessment, section: str) -> bool:
    in_screening = assessment.state == State.SCREENING
    return (
        assessment.state in AUTHOR_STATES
        and (not in_screening or duty_modules.module_of_section(section) is not None)
        and section in editable_sections(assessment)
        and can_edit(user, assessment)
    )


def edit(
    *,
    assessment_id: int,
    seen: int,
    by,
    section: str,
    change: Callable[[Assessment, Changes], None],
    record: str | None = None,
    details: dict | None = None,
) -> Assessment:
    """`record` names what the form edits (e.g. "impact:disability"): only someone else's edit
    of that record since `seen` (or a change of stage) makes the page out of date."""
    record = record or section
    with locked(assessment_id, by=by) as assessment:
        audit.require_fresh(assessment, seen=seen, record=record)
        if not can_edit_section(by, assessment, section):
            raise NotAllowed(LOCKED)
        changes = Changes()
        change(assessment, changes)
        fingerprints.refresh(assessment)
        authorship.note_authored(assessment, by)
        audit.record(
            EventType.SECTION_EDITED,
            assessment=assessment,
            by=by,
            details={
                "section": section,
                "record": record,
                "changed": changes.field_names,
                "rows": changes.rows,
            }
            | (details or {}),
        )
        return assessment


def full_record(assessment: Assessment, changes: Changes) -> FullAssessment:
    """The single-valued part of the content, about to change (created on first edit)."""
    full = FullAssessment.objects.filter(assessment=assessment).first()
    full = full or FullAssessment(assessment=assessment)
    changes.before(full)
    return full


def assign(record, data: dict, fields) -> None:
    """Copy the given fields from `data` (the history records what changed)."""
    for name in fields:
        if name in data:
            setattr(record, name, data[name])


def owned(model, assessment: Assessment, pk):
    """A row of this assessment (another assessment's row is a NotFound)."""
    row = model.objects.filter(assessment=assessment, pk=pk).first()
    if row is None:
        raise NotFound("No such item in this assessment.")
    return row


def colleague(assessment: Assessment, user_id) -> User | None:
    """An active person of the assessment's organisation, or None when none was chosen."""
    if user_id in (None, ""):
        return None
    user = User.objects.filter(
        pk=user_id, organisation_id=assessment.organisation_id, is_active=True
    ).first()
    if user is None:
        raise InvalidInput("Choose an owner from your organisation")
    return user


def mark_section(*, assessment_id: int, seen: int, by, section: str, completed: bool):
    def change(assessment, changes):
        full = full_record(assessment, changes)
        sections = [s for s in full.completed_sections if s != section]
        if completed:
            sections.append(section)
        full.completed_sections = sorted(sections)
        full.save()
        changes.after(full)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=section,
        change=change,
        details={"completed": completed},
        record=f"completed:{section}",
    )


PROPOSAL_FIELDS = ("aims", "who_affected", "what_changes", "budget", "timescale")
CONCLUSION_FIELDS = (
    "conclusion",
    "justification",
    "changes_made",
    "cumulative_impact",
    "review_date",
    "monitoring",
)
CONSULTATION_FIELDS = ("consultation_starts_on", "consultation_ends_on", "consultation_responses")


def _save_full_fields(*, assessment_id, seen, by, data, fields, section, record):
    """Save `fields` of the full assessment from `data`: one section's form."""

    def change(assessment, changes):
        full = full_record(assessment, changes)
        assign(full, data, fields)
        full.save()
        changes.after(full)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=section,
        change=change,
        record=record,
    )


def save_proposal(*, assessment_id: int, seen: int, by, data: dict):
    return _save_full_fields(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        data=data,
        fields=PROPOSAL_FIELDS,
        section=Section.PROPOSAL,
        record="proposal",
    )


def save_conclusion(*, assessment_id: int, seen: int, by, data: dict, related_item_ids=()):
    def change(assessment, changes):
        full = full_record(assessment, changes)
        assign(full, data, CONCLUSION_FIELDS)
        full.save()
        full.related_items.set(
            PipelineItem.objects.filter(
                organisation_id=assessment.organisation_id, pk__in=list(related_item_ids)
            ).exclude(pk=assessment.pipeline_item_id)
        )
        changes.after(full)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.CONCLUSION,
        change=change,
        record="conclusion",
    )


def save_consultation(*, assessment_id: int, seen: int, by, data: dict):
    """The public consultation: when it opened and closed, and what the responses said."""
    return _save_full_fields(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        data=data,
        fields=CONSULTATION_FIELDS,
        section=Section.ENGAGEMENT,
        record="consultation",
    )
