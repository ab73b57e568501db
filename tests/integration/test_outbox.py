"""Durable emails: a relay that is down or refusing never changes what the officer sees; the
email waits in the outbox and the worker (django-tasks' database queue, `db_worker`) delivers
it on a later attempt, exactly once; after the last attempt the lead sees it failed."""

import io
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from eia import outbox
from eia.audit import head
from eia.models import OutboxEmail
from tests.support import builders
from tests.support.smtp import REFUSE, TRY_LATER, Relay

pytestmark = pytest.mark.django_db

RELAY_PORT = 8141
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def relay(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", RELAY_PORT, 5
    settings.OUTBOX_RETRY_SECONDS = 1
    server = Relay(RELAY_PORT).up()
    yield server
    server.down()


def _return_for_changes(people, assessment, capture):
    OutboxEmail.objects.all().delete()  # the emails of the moves that brought it here
    client = Client()
    client.force_login(people["officer"])
    with capture(execute=True):
        return client.post(
            f"/assessments/{assessment.pk}/review/",
            {"seen": head(assessment), "decision": "return", "comment": "Add the bus routes."},
        )


def _work():
    """One run of the real worker: every task that is due, then it exits."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


# Committed for real: the worker checks its connection between tasks, as in production, which
# a test's enclosing transaction would not survive on PostgreSQL.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("refusal", [TRY_LATER, REFUSE, "down"])
def test_a_refusing_relay_never_reaches_the_officer_and_the_email_is_sent_once_later(
    people, organisation, relay, settings, django_capture_on_commit_callbacks, refusal
):
    settings.TASKS = DATABASE_QUEUE
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    if refusal == "down":
        relay.down()
    else:
        relay.answer = refusal
    response = _return_for_changes(people, assessment, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Client().get(response.url).status_code in (200, 302)
    (message,) = OutboxEmail.objects.filter(subject__startswith="Returned for changes")
    assert (message.status, message.attempts) == ("pending", 0)  # queued with the return

    _work()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error
    assert relay.received == []

    relay.up().answer = "250 Message accepted for delivery"
    _work()  # the retry is not due yet: back-off
    assert relay.received == []
    time.sleep(1.1)
    _work()
    _work()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)
    (delivered,) = [m for m in relay.received if m["Subject"].startswith("Returned")]
    assert delivered["To"] == people["pm"].email
    assert "Add the bus routes." in delivered.get_payload()


def test_with_tasks_run_at_once_a_relay_that_is_down_still_answers_302(
    people, organisation, relay, django_capture_on_commit_callbacks
):
    assessment = builders.at_officer_review(people, organisation)
    relay.down()
    response = _return_for_changes(people, assessment, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    message = OutboxEmail.objects.get(subject__startswith="Returned for changes")
    assert (message.status, message.attempts) == ("pending", 1)
    # The sweep picks up retries the immediate backend cannot wait for.
    relay.up()
    OutboxEmail.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    assert outbox.deliver_due() == {"sent": 1}
    assert outbox.deliver_due() == {}
    assert len(relay.received) == 1


def test_after_the_last_attempt_the_email_is_failed_and_the_lead_sees_it(
    people, organisation, relay, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_SECONDS = 0
    relay.answer = REFUSE
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    _return_for_changes(people, assessment, django_capture_on_commit_callbacks)
    outbox.deliver_due()
    message = OutboxEmail.objects.get(subject__startswith="Returned for changes")
    assert (message.status, message.attempts) == ("failed", 2)
    assert "554" in message.last_error
    lead = Client()
    lead.force_login(people["lead"])
    listing = lead.get("/admin/eia/outboxemail/?status=failed").content.decode()
    assert "Returned for changes: Hawford library" in listing
    assert "554 5.7.1 Relay refuses this message" in listing
    page = lead.get(f"/admin/eia/outboxemail/{message.pk}/change/")
    assert page.status_code == 200 and "Save" not in page.content.decode()  # read-only


def test_a_line_break_in_a_title_never_reaches_an_email_header(
    people, organisation, relay, django_capture_on_commit_callbacks
):
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    type(assessment.pipeline_item).objects.filter(pk=assessment.pipeline_item_id).update(
        title="Hawford\r\nBcc: everyone@example.com library"
    )
    assessment.refresh_from_db()
    response = _return_for_changes(people, assessment, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    (delivered,) = relay.received
    assert delivered["Subject"] == (
        "Returned for changes: Hawford Bcc: everyone@example.com library"
    )
    assert delivered["Bcc"] is None


def test_the_sweep_command_sends_what_is_due_and_says_so(organisation, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox.queue_email(
        subject="Test", body="Body", recipients=["a@example.org"], organisation_id=None
    )
    out = io.StringIO()
    call_command("deliver_outbox", stdout=out)
    assert out.getvalue() == "1 sent\n"
    out = io.StringIO()
    call_command("deliver_outbox", stdout=out)
    assert out.getvalue() == "No emails were due.\n"
    assert [m.subject for m in mail.outbox] == ["Test"]
