"""`send_reminders`: reviews coming due and overdue actions, at most once a day per recipient per
item however often it runs, including two runs at the same moment."""

import datetime
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from eia import outbox
from eia.audit import head
from eia.authorization import Role
from eia.models import Action, OutboxEmail, ReminderSent
from tests.factories import UserFactory
from tests.support import builders
from tests.support.smtp import Relay
from workflows import reminders, services

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
RELAY_PORT = 8143


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://eia.northshire.example"
    settings.DEFAULT_FROM_EMAIL = "equality@northshire.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        summary = reminders.send_reminders(**kwargs)
    return summary


def _published(people, organisation, **item_fields):
    assessment = builders.published(people, organisation, **item_fields)
    # Each test sets up the actions it is about; the builder's mitigation is done.
    assessment.actions.update(status=Action.Status.DONE)
    mail.outbox.clear()  # the publication emails are not reminders
    return assessment


def _overdue_action(assessment, owner, *, today, title="Mobile library route"):
    return Action.objects.create(
        assessment=assessment,
        owner=owner,
        title=title,
        target_date=today - datetime.timedelta(days=3),
    )


def test_review_due_within_30_days_emails_the_author_with_an_absolute_link(
    organisation, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation, title="Library closure")
    month_before = assessment.review_date - datetime.timedelta(days=30)
    summary = _run(django_capture_on_commit_callbacks, today=month_before)
    (email,) = mail.outbox
    assert email.to == [people["pm"].email]
    assert email.from_email == "equality@northshire.example"
    assert email.subject == "Review due: Library closure"
    assert f"https://eia.northshire.example/assessments/{assessment.pk}/" in email.body
    assert str(summary) == "Sent 1 reminder, skipped 0 already sent today"


def test_review_further_off_than_30_days_or_already_started_is_not_reminded(
    organisation, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    _run(
        django_capture_on_commit_callbacks,
        today=assessment.review_date - datetime.timedelta(days=31),
    )
    assert mail.outbox == []
    services.start_review(assessment_id=assessment.pk, seen=head(assessment), by=people["pm"])
    mail.outbox.clear()
    _run(
        django_capture_on_commit_callbacks,
        today=assessment.review_date + datetime.timedelta(days=5),
    )
    assert mail.outbox == []


def test_running_twice_sends_once_and_a_second_day_sends_again(
    organisation, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    day = assessment.review_date + datetime.timedelta(days=2)  # overdue review
    _overdue_action(assessment, people["officer"], today=day)
    first = _run(django_capture_on_commit_callbacks, today=day)
    second = _run(django_capture_on_commit_callbacks, today=day)
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [people["pm"].email, people["officer"].email]
    )
    assert (first.sent, first.skipped) == (2, 0)
    assert (second.sent, second.skipped) == (0, 2)
    assert str(second) == "Sent 0 reminders, skipped 2 already sent today"
    assert ReminderSent.objects.count() == 2
    _run(django_capture_on_commit_callbacks, today=day + datetime.timedelta(days=1))
    assert len(mail.outbox) == 4


def test_one_email_per_recipient_lists_everything_due(
    organisation, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation, title="Library closure")
    day = assessment.review_date
    _overdue_action(assessment, people["pm"], today=day, title="Mobile library route")
    _overdue_action(assessment, people["pm"], today=day, title="Rural survey")
    summary = _run(django_capture_on_commit_callbacks, today=day)
    (email,) = mail.outbox
    assert email.subject == "3 equality impact assessment reminders"
    for text in ("review of 'Library closure'", "Mobile library route", "Rural survey"):
        assert text in email.body
    assert str(summary) == "Sent 3 reminders in 1 email, skipped 0 already sent today"


def test_dry_run_sends_nothing_and_records_nothing(
    organisation, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    summary = _run(django_capture_on_commit_callbacks, today=assessment.review_date, dry_run=True)
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0
    assert str(summary) == "Would send 1 reminder, skipped 0 already sent today"
    assert summary.plan == [(people["pm"].email, summary.plan[0][1])]
    # and a real run afterwards still sends: the dry run used up nothing
    _run(django_capture_on_commit_callbacks, today=assessment.review_date)
    assert len(mail.outbox) == 1


def test_inactive_author_falls_back_to_the_pipeline_owner(
    organisation, make_user, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    new_owner = make_user(Role.PROJECT_MANAGER)
    item = assessment.pipeline_item
    item.owner = new_owner
    item.save()
    people["pm"].is_active = False
    people["pm"].save()
    _run(django_capture_on_commit_callbacks, today=assessment.review_date)
    (email,) = mail.outbox
    assert email.to == [new_owner.email]
    assert ReminderSent.objects.get().recipient == new_owner


def test_overdue_action_of_someone_who_left_or_another_organisation_goes_to_the_author(
    organisation, other_organisation, make_user, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    today = datetime.date(2027, 3, 22)
    leaver = make_user(Role.PROJECT_MANAGER, is_active=False)
    outsider = UserFactory(organisation=other_organisation)
    _overdue_action(assessment, leaver, today=today, title="Leaver's action")
    _overdue_action(assessment, outsider, today=today, title="Outsider's action")
    _run(django_capture_on_commit_callbacks, today=today)
    (email,) = mail.outbox
    assert email.to == [people["pm"].email]
    assert "Leaver's action" in email.body and "Outsider's action" in email.body


def test_only_open_overdue_actions_are_reminded(organisation, django_capture_on_commit_callbacks):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    today = datetime.date(2027, 3, 22)
    Action.objects.create(
        assessment=assessment, owner=people["officer"], title="Due today", target_date=today
    )
    Action.objects.create(
        assessment=assessment,
        owner=people["officer"],
        title="Done",
        target_date=today - datetime.timedelta(days=9),
        status=Action.Status.DONE,
    )
    Action.objects.create(
        assessment=assessment,
        owner=people["officer"],
        title="Late",
        target_date=today - datetime.timedelta(days=1),
        status=Action.Status.IN_PROGRESS,
    )
    _run(django_capture_on_commit_callbacks, today=today)
    (email,) = mail.outbox
    assert email.subject == f"Overdue equality action: {assessment.title}"
    assert "'Late'" in email.body and "still in progress" in email.body
    assert "Due today" not in email.body and "Done" not in email.body


def test_no_one_to_remind_is_counted_not_sent(organisation, django_capture_on_commit_callbacks):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    people["pm"].is_active = False  # author and pipeline owner are the same person here
    people["pm"].save()
    summary = _run(django_capture_on_commit_callbacks, today=assessment.review_date)
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0
    assert str(summary) == (
        "Sent 0 reminders, skipped 0 already sent today, 1 reminder with no one to send to"
    )


def test_a_relay_that_is_down_delays_the_reminder_and_a_retry_sends_it_once(
    organisation, settings, django_capture_on_commit_callbacks
):
    people = builders.team(organisation)
    assessment = _published(people, organisation)
    OutboxEmail.objects.all().delete()  # the publication's emails
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", RELAY_PORT, 5
    relay = Relay(RELAY_PORT)  # not started: the relay is down
    summary = _run(django_capture_on_commit_callbacks, today=assessment.review_date)
    (email,) = OutboxEmail.objects.all()
    assert (email.status, email.attempts) == ("pending", 1)
    assert str(summary).startswith("Sent 1 reminder")
    # A second run the same day does not write it again: the outbox has it.
    _run(django_capture_on_commit_callbacks, today=assessment.review_date)
    assert OutboxEmail.objects.count() == 1
    relay.up()
    try:
        OutboxEmail.objects.update(next_attempt_at=email.created_at)
        assert outbox.deliver_due() == {"sent": 1}
        assert outbox.deliver_due() == {}
    finally:
        relay.down()
    (delivered,) = relay.received
    assert delivered["Subject"] == f"Review due: {assessment.title}"


@pytest.mark.django_db(transaction=True)
def test_command_prints_a_summary_and_is_idempotent(organisation):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    _overdue_action(assessment, people["officer"], today=timezone.localdate())
    mail.outbox.clear()
    outputs = []
    for options in ({"dry_run": True}, {}, {}):
        out = io.StringIO()
        call_command("send_reminders", stdout=out, **options)
        outputs.append(out.getvalue())
    assert outputs[0].startswith(f"Would email {people['officer'].email}: The action")
    assert outputs[0].endswith("Would send 1 reminder, skipped 0 already sent today\n")
    assert outputs[1] == "Sent 1 reminder, skipped 0 already sent today\n"
    assert outputs[2] == "Sent 0 reminders, skipped 1 already sent today\n"
    assert len(mail.outbox) == 1


# -- Two runs at the same moment ------------------------------------------------------------


def race(today) -> list[str]:
    """Two runs compute what is due, wait for each other, then both try to send it."""
    barrier = threading.Barrier(2)
    original = reminders.due_reminders
    results = []

    def due_then_wait(**kwargs):
        due = original(**kwargs)
        barrier.wait(timeout=10)
        return due

    def run():
        from django.db import connection as thread_connection

        try:
            results.append(str(reminders.send_reminders(today=today)))
        except Exception as error:  # anything else is a failure the assertion will show
            results.append(f"{type(error).__name__}: {error}")
        finally:
            thread_connection.close()

    reminders.due_reminders = due_then_wait
    try:
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        reminders.due_reminders = original
    return sorted(results)


EXPECTED_RACE = [
    "Sent 0 reminders, skipped 1 already sent today",
    "Sent 1 reminder, skipped 0 already sent today",
]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_runs_send_once_on_postgresql(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL race: runs in the PostgreSQL pass of .ci/run")
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    today = datetime.date(2027, 3, 22)
    _overdue_action(assessment, people["officer"], today=today)
    assert race(today) == EXPECTED_RACE
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def sqlite_race_main() -> None:
    """Run in a subprocess against a SQLite file (the test database is in memory)."""
    from django.core.management import call_command as command

    from tests.factories import OrganisationFactory

    command("migrate", verbosity=0)
    organisation = OrganisationFactory()
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    today = datetime.date(2027, 3, 22)
    _overdue_action(assessment, people["officer"], today=today)
    mail.outbox = []
    results = race(today)
    print(
        json.dumps(
            {"results": results, "emails": len(mail.outbox), "rows": ReminderSent.objects.count()}
        )
    )


def test_two_simultaneous_runs_send_once_on_a_sqlite_file(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite race: runs in the SQLite pass")
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["SQLITE_PATH"] = str(tmp_path / "reminders.sqlite3")
    env["DUE_REGARD_VAR_DIR"] = str(tmp_path)
    env["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    env["DUE_REGARD_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    env["DJANGO_SETTINGS_MODULE"] = "due_regard.settings"
    script = (
        "import django; django.setup(); "
        "from tests.integration.test_reminders import sqlite_race_main; sqlite_race_main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"results": EXPECTED_RACE, "emails": 1, "rows": 1}
