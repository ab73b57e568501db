"""The outbox: emails (and any later webhooks) are side effects that must survive a relay that
is down, so they are written as rows in the transaction of the change that causes them and
delivered by the task worker (django-tasks, database backend: `manage.py db_worker`) after it
commits. A failed attempt is retried with exponential back-off; after the last attempt the row
is marked failed, and the organisation's lead sees it in the admin. What the user sees never
depends on the relay: delivery happens outside their request, and any error is caught here.

Exactly once: an attempt locks its row and only sends a row that is still pending and due, so
a retry, a second worker or the sweep (`manage.py deliver_outbox`) never sends it twice.
"""

import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .limits import one_line
from .models import OutboxEmail

log = logging.getLogger(__name__)

# The longest wait between two attempts, however many have failed.
MAX_BACKOFF = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`-th failure: the base, doubled each time."""
    delay = datetime.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1))
    return min(delay, MAX_BACKOFF)


def queue_email(
    *, subject: str, body: str, recipients: Iterable[str], organisation_id: int | None
) -> list[OutboxEmail]:
    """One outbox row per address, in the caller's transaction; delivery starts after commit.
    The subject is made one line here, whatever the titles in it hold (a header cannot)."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return []
    rows = OutboxEmail.objects.bulk_create(
        OutboxEmail(
            organisation_id=organisation_id,
            recipient=address,
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=one_line(subject),
            body=body,
        )
        for address in addresses
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: _enqueue(ids))
    return rows


def _enqueue(ids: list[int], run_after: datetime.datetime | None = None) -> None:
    """Hand the rows to the worker. Never raises: a row that could not be queued is still
    pending, and the sweep sends it."""
    for pk in ids:
        try:
            if run_after is None:
                deliver_email.enqueue(pk)
            elif deliver_email.get_backend().supports_defer:
                deliver_email.using(run_after=run_after).enqueue(pk)
            # A backend that cannot wait (the immediate one) leaves the retry to the sweep.
        except Exception:
            log.exception("Could not queue email %s; `manage.py deliver_outbox` will send it", pk)


@task()
def deliver_email(message_id: int) -> str:
    return attempt(message_id)


def attempt(message_id: int) -> str:
    """One delivery attempt of one row, if it is pending and due; returns its status."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxEmail.objects.select_for_update()
            .filter(pk=message_id, status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return "not due"
        message.attempts += 1
        try:
            EmailMessage(
                message.subject, message.body, message.from_email, [message.recipient]
            ).send()
        except Exception as error:  # any failure of the relay or of the message: retry later
            message.last_error = _describe(error)[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxEmail.Status.FAILED
                log.error("Gave up on email %s after %d attempts", message.pk, message.attempts)
            else:
                message.next_attempt_at = now + backoff(message.attempts)
                log.warning("Email %s failed (attempt %d); retrying", message.pk, message.attempts)
        else:
            message.status = OutboxEmail.Status.SENT
            message.sent_at = now
            message.last_error = ""
        message.save()
    if message.status == OutboxEmail.Status.PENDING:
        _enqueue([message.pk], run_after=message.next_attempt_at)
    return message.status


def _describe(error: Exception) -> str:
    """The relay's own answer when it gave one (for the lead to pass on), else the error."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"The mail relay answered {error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"


def deliver_due() -> dict[str, int]:
    """The sweep: attempt every pending row that is due (rows whose task was lost, or retries
    on a backend that cannot wait). Returns how many ended in each status."""
    due = OutboxEmail.objects.filter(
        status=OutboxEmail.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    counts: dict[str, int] = {}
    for pk in list(due):
        status = attempt(pk)
        counts[status] = counts.get(status, 0) + 1
    return counts
