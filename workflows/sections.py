"""Every write to a full assessment's content: one function per kind of edit.

Each runs under the same locks as the lifecycle (workflows.services._locked), checks that the
user may edit this section in this state (authors and co-authors, in the author's stages only:
a signed-off record is locked), applies the change and records one audit event naming the section
and the fields that changed (not their text: the record itself holds that).
"""

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction

from eia import audit, screening
from eia.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eia.events import EventType
from eia.models import (
    AUTHOR_STATES,
    Action,
    Assessment,
    Direction,
    Engagement,
    EvidenceGap,
    EvidenceItem,
    FullAssessment,
    Impact,
    PipelineItem,
    RuralImpact,
    RuralityProofing,
    RuralTheme,
    Section,
    State,
    User,
)
from eia.services import authorship
from eia.uploads import check_upload

from . import rules
from .quality import FULL_SECTIONS
from .services import _clean_text, _locked, _require_state

RURAL_SECTIONS = (Section.RURALITY,)


def editable_sections(assessment: Assessment) -> tuple[str, ...]:
    """Which sections exist for this assessment's path (before asking who may edit them)."""
    sections: tuple[str, ...] = ()
    if assessment.screened_in:
        sections += FULL_SECTIONS
    if assessment.rurality_proofing_required:
        sections += RURAL_SECTIONS + (Section.ACTIONS,)
    return tuple(dict.fromkeys(sections))


def can_edit_section(user, assessment: Assessment, section: str) -> bool:
    return (
        assessment.state in AUTHOR_STATES
        and assessment.state != State.SCREENING
        and section in editable_sections(assessment)
        and rules.can_edit(user, assessment)
    )


def _edit(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    section: str,
    change: Callable[[Assessment], list[str]],
    event_details: dict | None = None,
    record: str | None = None,
    seen: int | None = None,
):
    """`record` names what the form edits (e.g. "impact:disability"); `seen` is the audit
    trail's last sequence when the form was loaded. If someone has edited the same record since,
    saving would silently undo their change, so it is refused (409) instead."""
    record = record or section
    with _locked(assessment_id, by=by) as assessment:
        _require_state(assessment, expected_state)
        if (
            seen is not None
            and assessment.audit_events.filter(
                sequence__gt=seen, event_type=EventType.SECTION_EDITED, details__record=record
            ).exists()
        ):
            raise Conflict(
                "Someone else changed this since you opened the page, so your changes were not "
                "saved. Reload the page to see their changes, then make yours again."
            )
        if not can_edit_section(by, assessment, section):
            raise NotAllowed(
                "Only the author or a co-author can change this section, and only while the "
                "assessment is with them. A signed-off assessment is locked: start a review to "
                "change it."
            )
        changed = change(assessment)
        authorship.note_authored(assessment, by)
        audit.record(
            EventType.SECTION_EDITED,
            assessment=assessment,
            by=by,
            details={"section": section, "record": record, "changed": changed}
            | (event_details or {}),
        )
        return assessment


def _full(assessment: Assessment) -> FullAssessment:
    full, _ = FullAssessment.objects.get_or_create(assessment=assessment)
    return full


def _assign(record, data: dict, fields) -> list[str]:
    changed = []
    for name in fields:
        if name in data and getattr(record, name) != data[name]:
            setattr(record, name, data[name])
            changed.append(name)
    return changed


def _same_org_user(assessment, user_id) -> User | None:
    if user_id in (None, ""):
        return None
    user = User.objects.filter(
        pk=user_id, organisation_id=assessment.organisation_id, is_active=True
    ).first()
    if user is None:
        raise InvalidInput("Choose an owner from your organisation")
    return user


# ---------------------------------------------------------------------------------------------
# Marking a section complete


def mark_section(*, assessment_id: int, by, expected_state: str, section: str, completed: bool):
    def change(assessment):
        full = _full(assessment)
        sections = [s for s in full.completed_sections if s != section]
        if completed:
            sections.append(section)
        if sorted(sections) == sorted(full.completed_sections):
            return []
        full.completed_sections = sorted(sections)
        full.save(update_fields=["completed_sections"])
        return ["completed"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=section,
        change=change,
        event_details={"completed": completed},
        record=f"completed:{section}",
    )


# ---------------------------------------------------------------------------------------------
# 1. About the proposal and 6. Conclusion

PROPOSAL_FIELDS = ("aims", "who_affected", "what_changes", "budget", "timescale")
CONCLUSION_FIELDS = (
    "conclusion",
    "justification",
    "changes_made",
    "cumulative_impact",
    "review_date",
)


def save_proposal(
    *, assessment_id: int, by, expected_state: str, data: dict, seen: int | None = None
):
    def change(assessment):
        full = _full(assessment)
        changed = _assign(full, data, PROPOSAL_FIELDS)
        full.save()
        return changed

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.PROPOSAL,
        change=change,
        record="proposal",
        seen=seen,
    )


def save_conclusion(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    data: dict,
    related_item_ids=(),
    seen: int | None = None,
):
    def change(assessment):
        full = _full(assessment)
        changed = _assign(full, data, CONCLUSION_FIELDS)
        full.save()
        related = PipelineItem.objects.filter(
            organisation_id=assessment.organisation_id, pk__in=list(related_item_ids)
        ).exclude(pk=assessment.pipeline_item_id)
        if set(full.related_items.values_list("pk", flat=True)) != {r.pk for r in related}:
            full.related_items.set(related)
            changed.append("related_items")
        return changed

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.CONCLUSION,
        change=change,
        record="conclusion",
        seen=seen,
    )


# ---------------------------------------------------------------------------------------------
# 2. Evidence and evidence gaps

EVIDENCE_FIELDS = ("title", "source", "dated", "link", "shows", "is_public")


def save_evidence(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    data: dict,
    evidence_id: int | None = None,
    upload=None,
    seen: int | None = None,
) -> EvidenceItem:
    # Check the file before taking any lock: reading it is the slow part.
    checked = check_upload(upload) if upload is not None else None
    saved = {}

    def change(assessment):
        if evidence_id is None:
            item = EvidenceItem(assessment=assessment)
        else:
            item = _owned(EvidenceItem, assessment, evidence_id)
        changed = _assign(item, data, EVIDENCE_FIELDS)
        if checked is not None:
            item.file.save(checked.stored_name, ContentFile(checked.data), save=False)
            item.file_name = checked.display_name
            item.file_type = checked.kind.content_type
            item.file_size = checked.size
            changed.append("file")
        item.save()
        saved["item"] = item
        return changed

    _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.EVIDENCE,
        change=change,
        record=f"evidence:{evidence_id or 'new'}",
        seen=seen,
        event_details={"evidence": evidence_id or "new"},
    )
    return saved["item"]


def _owned(model, assessment, pk):
    record = model.objects.filter(assessment=assessment, pk=pk).first()
    if record is None:
        raise NotFound("No such item in this assessment.")
    return record


def remove_evidence(*, assessment_id: int, by, expected_state: str, evidence_id: int):
    def change(assessment):
        item = _owned(EvidenceItem, assessment, evidence_id)
        title = item.title
        item.delete()  # the file stays on disk: the audit trail may refer to it
        return [f"removed: {title}"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.EVIDENCE,
        change=change,
    )


def declare_gap(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    description: str,
    owner_id=None,
    target_date: datetime.date | None = None,
):
    description = _clean_text(description, what="the evidence gap", required=True)

    def change(assessment):
        action = Action.objects.create(
            assessment=assessment,
            kind=Action.Kind.EVIDENCE_GAP,
            title=f"Close the evidence gap: {description[:200]}",
            description=description,
            owner=_same_org_user(assessment, owner_id),
            target_date=target_date,
        )
        EvidenceGap.objects.create(assessment=assessment, description=description, action=action)
        return ["evidence_gap", "action"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.EVIDENCE,
        change=change,
    )


def remove_gap(*, assessment_id: int, by, expected_state: str, gap_id: int):
    def change(assessment):
        gap = _owned(EvidenceGap, assessment, gap_id)
        action = gap.action
        gap.delete()
        action.delete()
        return ["evidence_gap removed"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.EVIDENCE,
        change=change,
    )


# ---------------------------------------------------------------------------------------------
# 3. Engagement

ENGAGEMENT_FIELDS = ("who", "held_on", "method", "how_many", "what_said", "what_changed")


def save_engagement(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    data: dict,
    engagement_id: int | None = None,
    seen: int | None = None,
):
    def change(assessment):
        record = (
            Engagement(assessment=assessment)
            if engagement_id is None
            else _owned(Engagement, assessment, engagement_id)
        )
        changed = _assign(record, data, ENGAGEMENT_FIELDS)
        record.save()
        return changed

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.ENGAGEMENT,
        change=change,
        record=f"engagement:{engagement_id or 'new'}",
        seen=seen,
    )


def remove_engagement(*, assessment_id: int, by, expected_state: str, engagement_id: int):
    def change(assessment):
        _owned(Engagement, assessment, engagement_id).delete()
        return ["engagement removed"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.ENGAGEMENT,
        change=change,
    )


# ---------------------------------------------------------------------------------------------
# 4. Impact on each group

IMPACT_FIELDS = (
    "direction",
    "size",
    "who_affected",
    "aim_eliminate",
    "aim_advance",
    "aim_foster",
    "intersecting",
    "residual",
    "justification",
)


def save_impact(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    characteristic: str,
    data: dict,
    evidence_ids=(),
    seen: int | None = None,
):
    def change(assessment):
        in_scope = {c.id for c in screening.characteristics_in_scope(assessment.screening)}
        if characteristic not in in_scope:
            raise NotFound("That group is not in scope for this assessment.")
        impact = Impact.objects.filter(assessment=assessment, characteristic=characteristic).first()
        impact = impact or Impact(assessment=assessment, characteristic=characteristic)
        values = dict(data)
        if values.get("direction") in (Direction.NEUTRAL, Direction.UNCLEAR):
            values["size"] = ""  # size describes a positive or negative impact only
        changed = _assign(impact, values, IMPACT_FIELDS)
        impact.save()
        evidence = EvidenceItem.objects.filter(assessment=assessment, pk__in=list(evidence_ids))
        if set(impact.evidence.values_list("pk", flat=True)) != {e.pk for e in evidence}:
            impact.evidence.set(evidence)
            changed.append("evidence")
        return changed

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.IMPACTS,
        change=change,
        record=f"impact:{characteristic}",
        seen=seen,
        event_details={"characteristic": characteristic},
    )


# ---------------------------------------------------------------------------------------------
# 5. Mitigations and actions

ACTION_FIELDS = ("kind", "title", "description", "target_date", "status", "rag")


def save_action(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    data: dict,
    owner_id=None,
    impact_ids=(),
    action_id: int | None = None,
    seen: int | None = None,
) -> Action:
    saved = {}

    def change(assessment):
        action = (
            Action(assessment=assessment)
            if action_id is None
            else _owned(Action, assessment, action_id)
        )
        changed = _assign(action, data, ACTION_FIELDS)
        owner = _same_org_user(assessment, owner_id)
        if action.owner_id != (owner.pk if owner else None):
            action.owner = owner
            changed.append("owner")
        action.save()
        impacts = Impact.objects.filter(assessment=assessment, pk__in=list(impact_ids))
        if set(action.impacts.values_list("pk", flat=True)) != {i.pk for i in impacts}:
            action.impacts.set(impacts)
            changed.append("impacts")
        saved["action"] = action
        return changed

    _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.ACTIONS,
        change=change,
        record=f"action:{action_id or 'new'}",
        seen=seen,
    )
    return saved["action"]


def remove_action(*, assessment_id: int, by, expected_state: str, action_id: int):
    def change(assessment):
        action = _owned(Action, assessment, action_id)
        if hasattr(action, "evidence_gap"):
            raise InvalidInput("Remove the evidence gap instead: this action closes it")
        action.delete()
        return ["action removed"]

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.ACTIONS,
        change=change,
    )


def update_action_progress(
    *, action_id: int, by, status: str, rag: str, progress_note: str
) -> Action:
    """The action plan goes on after sign-off: its owner, the authors and the equality team
    report progress at any time. This changes the plan's status, not the signed-off record."""
    assessment_id = (
        Action.objects.filter(pk=action_id).values_list("assessment_id", flat=True).first()
    )
    if assessment_id is None:
        raise NotFound("No such action.")
    progress_note = _clean_text(progress_note, what="the progress note", required=False)
    with _locked(assessment_id, by=by) as assessment:
        action = Action.objects.select_for_update().get(pk=action_id)
        if not rules.can_report_progress(by, assessment, action):
            raise NotAllowed("Only the action's owner, the authors or the equality team can.")
        before = {"status": action.status, "rag": action.rag}
        action.status, action.rag, action.progress_note = status, rag, progress_note
        action.save(update_fields=["status", "rag", "progress_note", "updated_at"])
        audit.record(
            EventType.ACTION_PROGRESS,
            assessment=assessment,
            by=by,
            comment=progress_note,
            details={
                "action": action.title,
                "before": before,
                "after": {"status": status, "rag": rag},
            },
        )
        return action


# ---------------------------------------------------------------------------------------------
# Rurality proofing


def save_rurality(
    *,
    assessment_id: int,
    by,
    expected_state: str,
    themes: dict,
    data: dict,
    seen: int | None = None,
):
    """`themes`: {theme: {"kind": ..., "description": ..., "scale": ...}} for answered themes."""

    def change(assessment):
        proofing, _ = RuralityProofing.objects.get_or_create(assessment=assessment)
        changed = _assign(proofing, data, ("evidence_used", "tailoring", "monitoring"))
        proofing.save()
        existing = {row.theme: row for row in assessment.rural_impacts.all()}
        for theme, values in themes.items():
            if theme not in RuralTheme.values:
                raise InvalidInput(f"Unknown rural theme: {theme}")
            row = existing.get(theme) or RuralImpact(assessment=assessment, theme=theme)
            values = dict(values)
            if values.get("kind") == RuralImpact.Kind.NONE:
                values["scale"] = ""
            row_changed = _assign(row, values, ("kind", "description", "scale"))
            if row_changed or row.pk is None:
                row.save()
                changed.append(theme)
        return changed

    return _edit(
        assessment_id=assessment_id,
        by=by,
        expected_state=expected_state,
        section=Section.RURALITY,
        change=change,
        record="rurality",
        seen=seen,
    )


# ---------------------------------------------------------------------------------------------
# Starting a review from the previous version's content


def copy_content(*, source: Assessment, target: Assessment) -> None:
    """Give a review version everything its predecessor recorded, to update rather than retype.
    Runs inside start_review's transaction."""
    assert transaction.get_connection().in_atomic_block
    try:
        full = source.full
    except FullAssessment.DoesNotExist:
        full = None
    if full is not None:
        related = list(full.related_items.all())
        full.pk = None
        full.id = None
        full.assessment = target
        full.completed_sections = []  # the author confirms each section again
        full._state.adding = True
        full.save()
        full.related_items.set(related)
    evidence_map = {}
    for item in source.evidence.all():
        old_pk = item.pk
        item.pk = None
        item.assessment = target
        item._state.adding = True
        item.save()
        evidence_map[old_pk] = item
    impact_map = {}
    for impact in source.impacts.prefetch_related("evidence"):
        cited = [evidence_map[e.pk] for e in impact.evidence.all() if e.pk in evidence_map]
        old_pk = impact.pk
        impact.pk = None
        impact.assessment = target
        impact._state.adding = True
        impact.save()
        impact.evidence.set(cited)
        impact_map[old_pk] = impact
    for action in source.actions.prefetch_related("impacts"):
        linked = [impact_map[i.pk] for i in action.impacts.all() if i.pk in impact_map]
        gap = getattr(action, "evidence_gap", None)
        action.pk = None
        action.assessment = target
        action._state.adding = True
        action.save()
        action.impacts.set(linked)
        if gap is not None:
            EvidenceGap.objects.create(
                assessment=target, description=gap.description, action=action
            )
    for engagement in source.engagement.all():
        engagement.pk = None
        engagement.assessment = target
        engagement._state.adding = True
        engagement.save()
    proofing = getattr(source, "rurality", None)
    if proofing is not None:
        proofing.pk = None
        proofing.assessment = target
        proofing._state.adding = True
        proofing.save()
    for row in source.rural_impacts.all():
        row.pk = None
        row.assessment = target
        row._state.adding = True
        row.save()
