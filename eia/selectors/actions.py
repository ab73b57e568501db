"""Equality actions in their owner's task list."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
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


def your_actions(*, user):
    """The user's open actions in their own organisation, and those owned by a team or a
    partner organisation on assessments they write (someone inside must follow them up, and
    their reminders go to the author), soonest target date first (undated last): a queryset
    to page through or count, never read whole."""
    if not user.is_authenticated or user.organisation_id is None:
        return Action.objects.none()
    named_outside = Q(owner__isnull=True, assessment__author=user) & ~Q(
        owner_kind=Action.OwnerKind.PERSON
    )
    return (
        open_actions()
        .filter(Q(owner=user) | named_outside, assessment__organisation_id=user.organisation_id)
        .order_by(F("target_date").asc(nulls_last=True), "pk")
    )


def rows_of(actions, *, today: datetime.date | None = None) -> list[ActionRow]:
    today = today or timezone.localdate()
    return [
        ActionRow(action, action.target_date is not None and action.target_date < today)
        for action in actions
    ]


def actions_for(
    *, user, today: datetime.date | None = None, limit: int | None = None
) -> list[ActionRow]:
    """The first `limit` of your_actions (all without one) as rows. One query."""
    actions = your_actions(user=user)
    return rows_of(actions[:limit] if limit is not None else actions, today=today)


def action_counts(*, user, today: datetime.date, soon: datetime.date) -> dict[str, int]:
    """How many of the user's actions there are, how many are overdue and how many are due by
    `soon`: one aggregate query, however many actions."""
    return your_actions(user=user).aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(target_date__lt=today)),
        due=Count("pk", filter=Q(target_date__gte=today, target_date__lte=soon)),
    )
