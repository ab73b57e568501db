"""Telling people what is theirs to do. Emails about the workflow: written to the outbox
(eia/outbox.py) in the transaction of the move that causes them, and sent by the task worker
once it commits. In the app: the counts on the home page (`waiting_for`), read from the same
task lists the emails announce, so the two never disagree about what is waiting."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from eia import outbox
from eia.authorization import Role
from eia.models import User
from eia.selectors.actions import action_counts

from .selectors import tasks as task_lists
from .stages import Holder, task_stage

log = logging.getLogger(__name__)


def _link(assessment) -> str:
    return settings.SITE_URL + reverse("workflows:assessment", args=[assessment.pk])


def _queue(assessment, subject: str, body: str, recipients) -> None:
    outbox.queue_email(
        subject=subject,
        body=body,
        recipients=[user.email for user in recipients if user.email and user.is_active],
        organisation_id=assessment.organisation_id,
    )


def _officers(organisation_id, exclude_ids=()):
    return (
        User.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            groups__name__in=[Role.EQUALITY_OFFICER.value, Role.EQUALITY_LEAD.value],
        )
        .exclude(pk__in=exclude_ids)
        .distinct()
    )


def task_created(assessment, task, *, author_ids=()) -> None:
    stage = task_stage(task)
    title = assessment.title
    if stage.holder is Holder.OFFICERS and task.owner_id is None:
        _queue(
            assessment,
            f"New task in the equality team queue: {stage.task_title.lower()}",
            f"'{title}' is waiting in the team queue: {stage.task_title.lower()}.\n\n"
            f"Claim it here: {_link(assessment)}\n",
            _officers(assessment.organisation_id, exclude_ids=author_ids),
        )
    elif task.owner is not None:
        subject = (
            f"Sign-off requested: {title}"
            if stage.holder is Holder.DECISION_MAKER
            else f"Task assigned to you: {stage.task_title.lower()}"
        )
        _queue(
            assessment,
            subject,
            f"{stage.task_title} for '{title}'.\n\n{_link(assessment)}\n",
            [task.owner],
        )


def returned(assessment, *, comment: str, by, recipients) -> None:
    _queue(
        assessment,
        f"Returned for changes: {assessment.title}",
        f"{by.display_name} returned '{assessment.title}' with these comments:\n\n{comment}\n\n"
        f"{_link(assessment)}\n",
        recipients,
    )


def reassigned(assessment, task) -> None:
    if task.owner is not None:
        stage = task_stage(task)
        _queue(
            assessment,
            f"Task assigned to you: {stage.task_title.lower()}",
            f"{stage.task_title} for '{assessment.title}' is now yours.\n\n{_link(assessment)}\n",
            [task.owner],
        )


def published(assessment, *, recipients) -> None:
    _queue(
        assessment,
        f"Published: {assessment.title}",
        f"The equality impact assessment for '{assessment.title}' (version "
        f"{assessment.version}) is published. Review it by {assessment.review_date:%d %B %Y}.\n\n"
        f"{_link(assessment)}\n",
        recipients,
    )


# ---------------------------------------------------------------------------------------------
# In the app: what is waiting, in counts, on the home page

ACTIONS_DUE_DAYS = 14  # an action due within this many days is "due soon"


@dataclass(frozen=True)
class Notice:
    count: int
    text: str
    href: str
    important: bool = False  # overdue: shown as a warning


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def waiting_for(user, *, today: datetime.date | None = None) -> list[Notice]:
    """What is waiting for the user, in counts, each linking to its list: their tasks, those
    returned to them, those overdue, the team queue they may claim from, and their actions
    overdue or due soon. Only counts above zero. A constant number of queries."""
    today = today or timezone.localdate()
    rows = task_lists.tasks_for(user=user, today=today)
    tasks_page = reverse("workflows:my_tasks")
    actions_page = reverse("workflows:my_actions")
    soon = today + datetime.timedelta(days=ACTIONS_DUE_DAYS)
    actions = action_counts(user=user, today=today, soon=soon)
    counts = [
        (len(rows), _plural(len(rows), "task is", "tasks are") + " waiting for you", tasks_page),
        (
            returned := sum(row.returned for row in rows),
            _plural(returned, "task was", "tasks were") + " returned to you for changes",
            tasks_page,
        ),
        (
            queued := task_lists.queue_tasks(user=user).count(),
            _plural(queued, "task is", "tasks are") + " in the team queue for you to claim",
            reverse("workflows:team_queue"),
        ),
        (
            due := actions["due"],
            _plural(due, "action is", "actions are") + f" due in the next {ACTIONS_DUE_DAYS} days",
            actions_page,
        ),
    ]
    notices = [Notice(count, text, href) for count, text, href in counts if count]
    overdue = [
        (sum(row.overdue for row in rows), "task is", "tasks are", tasks_page),
        (actions["overdue"], "action is", "actions are", actions_page),
    ]
    notices += [
        Notice(count, _plural(count, one, many) + " overdue", href, important=True)
        for count, one, many, href in overdue
        if count
    ]
    return notices
