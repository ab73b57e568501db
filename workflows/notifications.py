"""Emails about the workflow: written to the outbox (eia/outbox.py) in the transaction of the
move that causes them, and sent by the task worker once it commits."""

import logging

from django.conf import settings
from django.urls import reverse

from eia import outbox
from eia.authorization import Role
from eia.models import User

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
