"""`send_duty_reminders`: the objectives falling due to be refreshed (to the equality leads,
at most once a week) and action plan deliverables overdue (to the person responsible, else
the leads, at most once a day), through the real outbox; however often it runs, nothing is
sent twice for the same thing the same day, and a relay that is down delays, never loses."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from eia import outbox
from eia.models import OutboxEmail, ReminderSent
from equality import reminders
from equality.services import objectives, plan
from tests.support.smtp import Relay

pytestmark = pytest.mark.django_db

RELAY_PORT = 8147
TODAY = datetime.date(2026, 3, 23)  # a Monday in the past (objectives are agreed by then)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://eia.northshire.example"
    settings.DEFAULT_FROM_EMAIL = "equality@northshire.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders.send_duty_reminders(**kwargs)


def _objective(people, *, ends_on):
    return objectives.save_objective(
        by=people["lead"],
        values={
            "title": "Customers: equal access",
            "starts_on": ends_on.replace(year=ends_on.year - 3),
            "ends_on": ends_on,
            "agreed_by": "Cabinet",
            "agreed_on": ends_on.replace(year=ends_on.year - 3),
        },
    )


def _row(people, objective, *, target_text, owner=None, rag="amber", overview="Web access"):
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Customers")
    return plan.save_row(
        by=people["officer"],
        values={
            "section": section.pk,
            "overview": overview,
            "key_deliverables": "Meet the AA standard",
            "owner_name": "Digital team",
            "owner_user": owner.pk if owner else None,
            "target_text": target_text,
            "comment": "",
            "rag": rag,
        },
    )


def test_objectives_falling_due_email_the_lead_once_a_week(
    people, django_capture_on_commit_callbacks
):
    _objective(people, ends_on=TODAY + datetime.timedelta(days=90))
    first = _run(django_capture_on_commit_callbacks, today=TODAY)
    (email,) = mail.outbox
    assert email.to == [people["lead"].email]
    assert email.subject == "Equality objectives due for refresh"
    assert "fall due to be refreshed by 21 June 2026" in email.body
    assert "https://eia.northshire.example/objectives/" in email.body
    assert (first.sent, first.skipped) == (1, 0)
    for later in (0, 1, 6):  # the same day again, and within the week
        again = _run(django_capture_on_commit_callbacks, today=TODAY + datetime.timedelta(later))
        assert (again.sent, again.skipped) == (0, 1)
    assert len(mail.outbox) == 1
    _run(django_capture_on_commit_callbacks, today=TODAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2


def test_objectives_further_off_than_six_months_are_not_reminded(
    people, django_capture_on_commit_callbacks
):
    _objective(people, ends_on=TODAY + datetime.timedelta(days=200))
    summary = _run(django_capture_on_commit_callbacks, today=TODAY)
    assert mail.outbox == [] and summary.sent == 0


def test_an_overdue_deliverable_emails_its_owner_daily_and_a_complete_one_nobody(
    people, django_capture_on_commit_callbacks
):
    objective = _objective(people, ends_on=TODAY.replace(year=TODAY.year + 3))
    row = _row(people, objective, target_text="January 2026", owner=people["officer"])
    _row(people, objective, target_text="January 2026", rag="complete", overview="Done")
    _row(people, objective, target_text="December 2027", overview="Not due yet")
    _run(django_capture_on_commit_callbacks, today=TODAY)
    _run(django_capture_on_commit_callbacks, today=TODAY)
    (email,) = mail.outbox
    assert email.to == [people["officer"].email]
    assert email.subject == "Overdue action plan deliverable"
    assert "'Web access' was due January 2026 (31 January 2026)" in email.body
    assert f"https://eia.northshire.example/action-plan/rows/{row.pk}/" in email.body
    assert ReminderSent.objects.count() == 1
    _run(django_capture_on_commit_callbacks, today=TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_a_deliverable_with_no_one_reachable_goes_to_the_leads_in_one_email(
    people, organisation, django_capture_on_commit_callbacks, make_user, other_organisation
):
    objective = _objective(people, ends_on=TODAY + datetime.timedelta(days=30))
    left = make_user("equality_officer", is_active=False)
    elsewhere = make_user("equality_officer", organisation=other_organisation)
    _row(people, objective, target_text="January 2026", owner=left, overview="Left")
    _row(people, objective, target_text="January 2026", overview="Nobody named")
    plan_row = _row(people, objective, target_text="January 2026", overview="Moved")
    plan_row.owner_user = elsewhere  # moved organisation since (set directly: a test fixture)
    plan_row.save()
    summary = _run(django_capture_on_commit_callbacks, today=TODAY)
    (email,) = mail.outbox
    assert email.to == [people["lead"].email]
    assert email.subject == "4 equality duty reminders"
    for text in ("refreshed by", "'Left'", "'Nobody named'", "'Moved'"):
        assert text in email.body
    assert str(summary) == "Sent 4 reminders in 1 email, skipped 0 already sent today"


def test_no_lead_to_remind_is_counted_not_sent(people, django_capture_on_commit_callbacks):
    _objective(people, ends_on=TODAY + datetime.timedelta(days=30))
    people["lead"].is_active = False
    people["lead"].save()
    summary = _run(django_capture_on_commit_callbacks, today=TODAY)
    assert mail.outbox == [] and summary.no_recipient == 1


def test_a_relay_that_is_down_delays_the_reminder_and_a_retry_sends_it_once(
    people, settings, django_capture_on_commit_callbacks
):
    _objective(people, ends_on=TODAY + datetime.timedelta(days=30))
    OutboxEmail.objects.all().delete()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", RELAY_PORT, 5
    relay = Relay(RELAY_PORT)  # not started: the relay is down
    _run(django_capture_on_commit_callbacks, today=TODAY)
    (email,) = OutboxEmail.objects.all()
    assert (email.status, email.attempts) == ("pending", 1)
    _run(django_capture_on_commit_callbacks, today=TODAY)
    assert OutboxEmail.objects.count() == 1
    relay.up()
    try:
        OutboxEmail.objects.update(next_attempt_at=email.created_at)
        assert outbox.deliver_due() == {"sent": 1}
        assert outbox.deliver_due() == {}
    finally:
        relay.down()
    (delivered,) = relay.received
    assert delivered["Subject"] == "Equality objectives due for refresh"


@pytest.mark.django_db(transaction=True)
def test_the_command_prints_a_summary_and_is_idempotent(people):
    today = timezone.localdate()
    _objective(people, ends_on=today + datetime.timedelta(days=30))
    mail.outbox.clear()
    outputs = []
    for options in ({"dry_run": True}, {}, {}):
        out = io.StringIO()
        call_command("send_duty_reminders", stdout=out, **options)
        outputs.append(out.getvalue())
    assert outputs[0].startswith(f"Would email {people['lead'].email}: The equality objectives")
    assert "Would send 1 reminder" in outputs[0]
    assert outputs[1].strip() == "Sent 1 reminder, skipped 0 already sent lately"
    assert outputs[2].strip() == "Sent 0 reminders, skipped 1 already sent lately"
    assert ReminderSent.objects.count() == 1
