"""Co-authors: colleagues the author (or the equality lead) lets edit one version. Being made a
co-author is an authorship fact that outlives removal (eia.services.authorship)."""

from eia import audit
from eia.authorization import can_manage_co_authors
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import User

from . import authorship
from .locking import locked


def add_co_author(*, assessment_id: int, by, user_id: int) -> User:
    with locked(assessment_id, by=by) as assessment:
        if not can_manage_co_authors(by, assessment):
            raise NotAllowed("Only the author or the equality lead can add co-authors.")
        co_author = User.objects.filter(
            pk=user_id, organisation_id=assessment.organisation_id, is_active=True
        ).first()
        if co_author is None:
            raise InvalidInput("Choose a person from your organisation")
        if co_author.pk in authorship.author_ids(assessment):
            raise InvalidInput(f"{co_author.display_name} is already an author")
        if co_author.pk == assessment.pipeline_item.decision_maker_id:
            raise InvalidInput(
                "The named decision-maker cannot be a co-author: they sign off the assessment"
            )
        authorship.grant_authorship(assessment, co_author)
        audit.record(
            EventType.CO_AUTHOR_ADDED,
            assessment=assessment,
            by=by,
            details={"co_author": co_author.display_name, "user_id": co_author.pk},
        )
        return co_author


def remove_co_author(*, assessment_id: int, by, user_id: int) -> None:
    with locked(assessment_id, by=by) as assessment:
        if not can_manage_co_authors(by, assessment):
            raise NotAllowed("Only the author or the equality lead can remove co-authors.")
        co_author = User.objects.filter(
            pk=user_id, organisation_id=assessment.organisation_id
        ).first()
        if (
            co_author is None
            or co_author.pk == assessment.author_id
            or co_author.pk not in authorship.author_ids(assessment)
        ):
            raise InvalidInput("Choose a co-author to remove")
        authorship.revoke_co_author(assessment, co_author)
        audit.record(
            EventType.CO_AUTHOR_REMOVED,
            assessment=assessment,
            by=by,
            details={"co_author": co_author.display_name, "user_id": co_author.pk},
        )
