"""Section 3: engagement and consultation: who was asked, when, how, what they said, and what
changed as a result."""

from eia.models import Engagement, Section

from .sections import assign, edit, owned

ENGAGEMENT_FIELDS = ("who", "held_on", "method", "how_many", "what_said", "what_changed")


def save_engagement(
    *, assessment_id: int, seen: int, by, data: dict, engagement_id: int | None = None
):
    def change(assessment, changes):
        row = (
            Engagement(assessment=assessment)
            if engagement_id is None
            else owned(Engagement, assessment, engagement_id)
        )
        changes.before(row)
        assign(row, data, ENGAGEMENT_FIELDS)
        row.save()
        changes.after(row)

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.ENGAGEMENT,
        change=change,
        record=f"engagement:{engagement_id or 'new'}",
    )


def remove_engagement(*, assessment_id: int, seen: int, by, engagement_id: int):
    def change(assessment, changes):
        row = owned(Engagement, assessment, engagement_id)
        changes.removed(row)
        row.delete()

    return edit(
        assessment_id=assessment_id,
        seen=seen,
        by=by,
        section=Section.ENGAGEMENT,
        change=change,
        record=f"engagement:{engagement_id}",
    )
