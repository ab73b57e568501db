"""The one way a service opens an assessment for writing: a transaction holding its row lock.

Two writers of the same assessment queue on the row lock (on SQLite the IMMEDIATE transaction
mode serialises writers the same way), and each then checks the page it acted from was not out
of date (eia.audit.require_fresh). The process layer takes viewflow's process lock before this
one, so the lock order is always process, then assessment.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from eia.authorization import Permission, has_permission
from eia.errors import NotFound
from eia.models import Assessment


def can_view(user, assessment: Assessment) -> bool:
    return has_permission(user, Permission.VIEW_RECORDS, organisation_id=assessment.organisation_id)


@contextmanager
def locked(assessment_id: int, *, by) -> Iterator[Assessment]:
    """Open (or join) the transaction and lock the assessment's row; another organisation's
    assessment is a NotFound, exactly like one that does not exist."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update(of=("self",))
            .select_related("pipeline_item", "organisation")
            .filter(pk=assessment_id)
            .first()
        )
        if assessment is None or not can_view(by, assessment):
            raise NotFound("No such assessment.")
        yield assessment
