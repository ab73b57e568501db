"""Comments on an assessment: part of its trail, from the authors and the equality team."""

from eia import audit
from eia.authorization import can_comment
from eia.errors import NotAllowed
from eia.events import EventType
from eia.limits import clean_text

from .locking import locked


def add_comment(*, assessment_id: int, by, text: str) -> None:
    text = clean_text(text, what="a comment", required=True)
    with locked(assessment_id, by=by) as assessment:
        if not can_comment(by, assessment):
            raise NotAllowed("Only the authors and the equality team can comment.")
        audit.record(EventType.COMMENT_ADDED, assessment=assessment, by=by, comment=text)
