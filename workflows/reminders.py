"""Reminders by email: reviews coming due and overdue equality actions (`manage.py
send_reminders`).

At most one reminder a day per recipient per item, however often the command runs and even when
two runs overlap: each reminder is first recorded as a ReminderSent row, whose unique constraint
(kind, key, recipient, sent_on) lets exactly one run insert it; only the run that inserted it
writes the email, to the outbox in the same transaction (eia/outbox.py), whose worker sends it
after the commit and retries it while the mail relay is down.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eia import outbox
from eia.models import Assessment, ReminderSent, State, User
from eia.selectors.actions import open_actions

log = logging.getLogger(__name__)

REVIEW_DUE = "review_due"
ACTION_OVERDUE = "action_overdue"
# A published assessment is reminded of this many days before its review date, and after it.
REVIEW_NOTICE_DAYS = 30


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    recipient: User | None
    assessment: Assessment
    text: str

    @property
    def link(self) -> str:
        return settings.SITE_URL + reverse("workflows:assessment", args=[self.assessment.pk])


@dataclass
class Summary:
    dry_run: bool = False
    sent: int = 0
    skipped: int = 0
    no_recipient: int = 0
    emails: int = 0
    # What a dry run would send: (address, reminder text) pairs.
    plan: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        def count(number: int, noun: str = "reminder") -> str:
            return f"{number} {noun}{'' if number == 1 else 's'}"

        verb = "Would send" if self.dry_run else "Sent"
        parts = [
            f"{verb} {count(self.sent)}"
            + (f" in {count(self.emails, 'email')}" if self.emails != self.sent else ""),
            f"skipped {self.skipped} already sent today",
        ]
        if self.no_recipient:
            parts.append(f"{count(self.no_recipient)} with no one to send to")
        return ", ".join(parts)


def _recipient(assessment: Assessment, *candidates: User | None) -> User | None:
    """The first candidate who can act on it: active, reachable, and in its organisation."""
    for user in candidates:
        if (
            user is not None
            and user.is_active
            and user.email
            and user.organisation_id == assessment.organisation_id
        ):
            return user
    return None


def due_reminders(*, today: datetime.date) -> list[Reminder]:
    """Everything that should be reminded of today, whether or not it already was."""
    reminders = []
    reviews = (
        Assessment.objects.filter(
            state=State.PUBLISHED,
            review_date__lte=today + datetime.timedelta(days=REVIEW_NOTICE_DAYS),
        )
        .without_review_under_way()
        .select_related("author", "pipeline_item__owner")
        .order_by("review_date", "pk")
    )
    for assessment in reviews:
        when = "was due" if assessment.review_date < today else "is due"
        reminders.append(
            Reminder(
                kind=REVIEW_DUE,
                key=f"assessment:{assessment.pk}",
                recipient=_recipient(assessment, assessment.author, assessment.pipeline_item.owner),
                assessment=assessment,
                text=(
                    f"The review of '{assessment.title}' (version {assessment.version}) {when} "
                    f"by {assessment.review_date:%-d %B %Y}. Start the review from the "
                    "assessment page."
                ),
            )
        )
    actions = (
        open_actions()
        .filter(target_date__lt=today)
        .select_related("owner", "assessment__author", "assessment__pipeline_item__owner")
        .order_by("target_date", "pk")
    )
    for action in actions:
        assessment = action.assessment
        reminders.append(
            Reminder(
                kind=ACTION_OVERDUE,
                key=f"action:{action.pk}",
                # An action whose owner has left goes to whoever owns the assessment.
                recipient=_recipient(
                    assessment, action.owner, assessment.author, assessment.pipeline_item.owner
                ),
                assessment=assessment,
                text=(
                    f"The action '{action.title}' for '{assessment.title}' was due by "
                    f"{action.target_date:%-d %B %Y} and is still "
                    f"{action.get_status_display().lower()}."
                ),
            )
        )
    return reminders


def _message(reminders: list[Reminder]) -> tuple[str, str]:
    if len(reminders) == 1:
        reminder = reminders[0]
        subject = (
            f"Review due: {reminder.assessment.title}"
            if reminder.kind == REVIEW_DUE
            else f"Overdue equality action: {reminder.assessment.title}"
        )
    else:
        subject = f"{len(reminders)} equality impact assessment reminders"
    body = "\n\n".join(f"{reminder.text}\n{reminder.link}" for reminder in reminders)
    return subject, body + "\n"


def _record(reminder: Reminder, today: datetime.date) -> bool:
    """Insert the once-a-day row; False when another run (or an earlier one) already did."""
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the outer work intact
            ReminderSent.objects.create(
                kind=reminder.kind, key=reminder.key, recipient=reminder.recipient, sent_on=today
            )
    except IntegrityError:
        return False
    return True


def send_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> Summary:
    """Email each recipient one message listing what they have not been reminded of today."""
    today = today or timezone.localdate()
    summary = Summary(dry_run=dry_run)
    by_recipient: dict[User, list[Reminder]] = defaultdict(list)
    for reminder in due_reminders(today=today):
        if reminder.recipient is None:
            log.warning("No one to remind: %s %s", reminder.kind, reminder.key)
            summary.no_recipient += 1
        else:
            by_recipient[reminder.recipient].append(reminder)
    if dry_run:
        already = set(
            ReminderSent.objects.filter(sent_on=today).values_list("kind", "key", "recipient_id")
        )
        for recipient, reminders in by_recipient.items():
            fresh = [r for r in reminders if (r.kind, r.key, recipient.pk) not in already]
            summary.skipped += len(reminders) - len(fresh)
            summary.sent += len(fresh)
            summary.emails += bool(fresh)
            summary.plan += [(recipient.email, reminder.text) for reminder in fresh]
        return summary
    for recipient, reminders in by_recipient.items():
        with transaction.atomic():
            fresh = [reminder for reminder in reminders if _record(reminder, today)]
            summary.skipped += len(reminders) - len(fresh)
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
