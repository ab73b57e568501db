"""Section 2: evidence (with uploads checked by content) and declared evidence gaps, each of
which becomes an action to close it."""

import datetime

from django.core.files.base import ContentFile

from eia.limits import clean_text
from eia.models import Action, EvidenceGap, EvidenceItem, Section
from eia.uploads import check_upload

from .sections import assign, colleague, edit, owned

EVIDENCE_FIELDS = ("title", "source", "dated", "link", "shows", "is_public")


def save_evidence(
    *,
    assessment_id: int,
    seen: int,
    by,
    data: dict,
    evidence_id: int | None = None,
    upload=None,
) -> EvidenceItem:
    # Check the file before taking any lock: reading it is the slow part.
    checked = check_upload(upload) if upload is not None else None
    saved = {}

    def change(assessment, changes):
        if evidence_id is None:
            item = EvidenceItem(assessment=assessment)
        else:
            item = owned(EvidenceItem, assessment, evidence_id)
        changes.before(item)
        assign(item, data, EVIDENCE_FIELDS)
        if checked is not None:
            item.file.save(checked.stored_name, ContentFile(checked.data), save=False)
            item.file_name = checked.display_name
            item.file_type = checked.kind.content_type
            item.file_size = checked.size
        item.save()
        changes.after(item)
        saved["item"] = item

    edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.EVIDENCE,
        change=change,
        record=f"evidence:{evidence_id or 'new'}",
        details={"evidence": evidence_id or "new"},
    )
    return saved["item"]


def remove_evidence(*, assessment_id: int, seen: int, by, evidence_id: int):
    def change(assessment, changes):
        item = owned(EvidenceItem, assessment, evidence_id)
        citing = list(item.impacts.all())  # they stop citing it: their history says so
        for impact in citing:
            changes.before(impact)
        changes.removed(item)
        item.delete()  # the file stays on disk: the audit trail may refer to it
        for impact in citing:
            changes.after(impact)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.EVIDENCE,
        change=change,
        record=f"evidence:{evidence_id}",
    )


def declare_gap(
    *,
    assessment_id: int,
    seen: int,
    by,
    description: str,
    owner_id=None,
    target_date: datetime.date | None = None,
):
    description = clean_text(description, what="the evidence gap", required=True)

    def change(assessment, changes):
        action = Action(
            assessment=assessment,
            kind=Action.Kind.EVIDENCE_GAP,
            title=f"Close the evidence gap: {description[:200]}",
            description=description,
            owner=colleague(assessment, owner_id),
            target_date=target_date,
        )
        changes.before(action)
        action.save()
        changes.after(action)
        gap = EvidenceGap(assessment=assessment, description=description, action=action)
        changes.before(gap)
        gap.save()
        changes.after(gap)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.EVIDENCE,
        change=change,
        record="evidence_gap:new",
    )


def remove_gap(*, assessment_id: int, seen: int, by, gap_id: int):
    def change(assessment, changes):
        gap = owned(EvidenceGap, assessment, gap_id)
        action = gap.action
        changes.removed(gap)
        gap.delete()
        changes.removed(action)
        action.delete()

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.EVIDENCE,
        change=change,
        record=f"evidence_gap:{gap_id}",
    )
