"""Equality actions in their owner's task list."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from eia.models import Action, State

# Mirrors Action.is_open, so a status added later counts as open unless it closes the action.
CLOSED_STATUSES = (Action.Status.DONE, Action.Status.CANCELLED)

_RAG_COLOURS = {Action.Rag.RED: "red", Action.Rag.AMBER: "orange", Action.Rag.GREEN: "green"}


@dataclass(frozen=True)
class ActionRow:
    action: Action
    overdue: bool

    @property
    def assessment(self):
        return self.action.assessment

    @property
    def rag_label(self) -> str:
        return self.action.get_rag_display() if self.action.rag else "Not rated"

    @property
    def rag_colour(self) -> str:
        return _RAG_COLOURS.get(self.action.rag, "grey")


def open_actions():
    """Open actions of assessments that still stand (a withdrawn proposal's actions lapse)."""
    return (
        Action.objects.exclude(status__in=CLOSED_STATUSES)
        .exclude(assessment__state=State.WITHDRAWN)
        .select_related("assessment__pipeline_item")
    )


def actions_for(*, user, today: datetime.date | None = None) -> list[ActionRow]:
    """The user's open actions in their own organisation, and those owned by a team or a
    partner organisation on assessments they write (someone inside must follow them up, and
    their reminders go to the author), soonest target date first (undated last). One query,
    however many actions."""
    if not user.is_authenticated or user.organisation_id is None:
        return []
    today = today or timezone.localdate()
    named_outside = Q(owner__isnull=True, assessment__author=user) & ~Q(
        owner_kind=Action.OwnerKind.PERSON
    )
    actions = (
        open_actions()
        .filter(Q(owner=user) | named_outside, assessment__organisation_id=user.organisation_id)
        .order_by(F("target_date").asc(nulls_last=True), "pk")
    )
    return [
        ActionRow(action, action.target_date is not None and action.target_date < today)
        for action in actions
    ]
