"""Reminders about the organisation's equality duty (`manage.py send_duty_reminders`): the
equality objectives falling due to be refreshed (to the equality leads, at most once a week
in the six months' notice and after), and action plan deliverables past their target date
and not complete (to the person responsible in the system, else the leads, once a day).
Reviews of assessments falling due are reminded by `workflows/reminders.py`.

Idempotent as `workflows/reminders.py` is: each reminder is first recorded as a ReminderSent
row, whose unique constraint (kind, key, recipient, day) lets exactly one run insert it; only
that run writes the email, to the outbox (`eia/outbox.py`) in the same transaction."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eia import outbox
from eia.authorization import Role
from eia.models import ReminderSent, User
from workflows.reminders import Summary

from .models import Objective, PlanRow
from .selectors.objectives import refresh_for

log = logging.getLogger(__name__)

OBJECTIVES_REFRESH = "objectives_refresh"
PLAN_ROW_OVERDUE = "plan_row_overdue"
# How often each kind is repeated to one person while it stays due.
EVERY_DAYS = {OBJECTIVES_REFRESH: 7, PLAN_ROW_OVERDUE: 1}


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    recipient: User
    text: str
    path: str

    @property
    def link(self) -> str:
        return settings.SITE_URL + self.path


def _reachable(user: User | None, organisation_id: int) -> bool:
    return (
        user is not None
        and user.is_active
        and bool(user.email)
        and user.organisation_id == organisation_id
    )


def _leads() -> dict[int, list[User]]:
    found = defaultdict(list)
    leads = User.objects.filter(
        groups__name=Role.EQUALITY_LEAD.value, is_active=True, organisation__isnull=False
    ).exclude(email="")
    for user in leads.order_by("pk").distinct():
        found[user.organisation_id].append(user)
    return found


def due_reminders(*, today: datetime.date) -> tuple[list[Reminder], int]:
    """What should be reminded of today, whether or not it already was; and how many items
    have no one to remind."""
    leads = _leads()
    reminders, nobody = [], 0
    organisations = Objective.objects.values_list("organisation_id", flat=True).distinct()
    for organisation_id in sorted(set(organisations)):
        refresh = refresh_for(organisation_id=organisation_id, today=today)
        if not refresh.warn:
            continue
        if refresh.due is None:
            text = "No equality objectives are in force: agree and publish new ones."
        else:
            when = "were due" if refresh.overdue else "fall due"
            text = f"The equality objectives {when} to be refreshed by {refresh.due:%-d %B %Y}."
        recipients = leads.get(organisation_id, [])
        nobody += not recipients
        reminders += [
            Reminder(
                OBJECTIVES_REFRESH,
                f"objectives:{organisation_id}",
                lead,
                text,
                reverse("equality:objectives"),
            )
            for lead in recipients
        ]
    rows = (
        PlanRow.objects.filter(target_due__lt=today)
        .exclude(rag=PlanRow.Rag.COMPLETE)
        .select_related("owner_user")
        .order_by("target_due", "pk")
    )
    for row in rows:
        if _reachable(row.owner_user, row.organisation_id):
            recipients = [row.owner_user]
        else:  # no one named in the system, or they left: the leads keep the plan
            recipients = leads.get(row.organisation_id, [])
        nobody += not recipients
        reminders += [
            Reminder(
                PLAN_ROW_OVERDUE,
                f"plan_row:{row.pk}",
                user,
                f"The action plan deliverable '{row.overview}' was due {row.target_text} "
                f"({row.target_due:%-d %B %Y}) and is not complete.",
                reverse("equality:row_edit", args=[row.pk]),
            )
            for user in recipients
        ]
    return reminders, nobody


def _recent(today: datetime.date) -> set[tuple[str, str, int]]:
    """(kind, key, recipient) reminded within each kind's repeat interval, today included."""
    longest = max(EVERY_DAYS.values())
    rows = ReminderSent.objects.filter(
        kind__in=EVERY_DAYS, sent_on__gt=today - datetime.timedelta(days=longest)
    ).values_list("kind", "key", "recipient_id", "sent_on")
    return {
        (kind, key, recipient)
        for kind, key, recipient, sent_on in rows
        if sent_on > today - datetime.timedelta(days=EVERY_DAYS[kind])
    }


def _record(reminder: Reminder, today: datetime.date) -> bool:
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the outer work intact
            ReminderSent.objects.create(
                kind=reminder.kind, key=reminder.key, recipient=reminder.recipient, sent_on=today
            )
    except IntegrityError:
        return False
    return True


def _message(reminders: list[Reminder]) -> tuple[str, str]:
    if len(reminders) == 1:
        subject = (
            "Equality objectives due for refresh"
            if reminders[0].kind == OBJECTIVES_REFRESH
            else "Overdue action plan deliverable"
        )
    else:
        subject = f"{len(reminders)} equality duty reminders"
    body = "\n\n".join(f"{reminder.text}\n{reminder.link}" for reminder in reminders)
    return subject, body + "\n"


def send_duty_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> Summary:
    """Email each recipient one message listing what they have not been reminded of lately."""
    today = today or timezone.localdate()
    summary = Summary(dry_run=dry_run)
    reminders, summary.no_recipient = due_reminders(today=today)
    if summary.no_recipient:
        log.warning("%s equality duty reminders with no one to send to", summary.no_recipient)
    recent = _recent(today)
    by_recipient: dict[User, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        if (reminder.kind, reminder.key, reminder.recipient.pk) in recent:
            summary.skipped += 1
        else:
            by_recipient[reminder.recipient].append(reminder)
    for recipient, due in by_recipient.items():
        if dry_run:
            summary.sent += len(due)
            summary.emails += 1
            summary.plan += [(recipient.email, reminder.text) for reminder in due]
            continue
        with transaction.atomic():
            fresh = [reminder for reminder in due if _record(reminder, today)]
            summary.skipped += len(due) - len(fresh)
            if fresh:
                subject, body = _message(fresh)
                outbox.queue_email(
                    subject=subject,
                    body=body,
                    recipients=[recipient.email],
                    organisation_id=recipient.organisation_id,
                )
                summary.sent += len(fresh)
                summary.emails += 1
    return summary
