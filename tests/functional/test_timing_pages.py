"""The timing gate and the decision record in a real browser: the agenda deadline page, a late
sign-off with its reason revealed under the choice to sign, and the decision record page; every
page passes axe, and the new pages reflow at 320 px."""

import pytest
from django.utils import timezone

from eia.calendar import add_working_days
from eia.models import DecisionBody, DecisionRecord, SignOff
from tests.support import builders
from workflows.demo import stories as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def late(organisation):
    people = builders.team(organisation)
    DecisionBody.objects.create(organisation=organisation, name="Cabinet")
    passed = add_working_days(timezone.localdate(), -4)
    assessment = builders.at_officer_review(
        people, organisation, title="Hawford library", decision_date=passed
    )
    demo.officer_approves(assessment, by=people["officer"])
    return people | {"assessment": assessment}


def test_the_lead_changes_the_agenda_deadline(browse, late):
    page = browse.page
    browse.sign_in_as(late["lead"])
    browse.goto("/organisation/lists/")
    browse.check_reflow()
    assert "5 clear working days before the meeting" in page.inner_text("main")
    page.get_by_role("link", name="Change the agenda deadline").focus()
    browse.press_and_load("Enter")
    browse.check_reflow()
    browse.type_into("working_days", "eight")
    browse.activate("Save")
    assert "Enter a whole number of working days" in page.inner_text(".govuk-error-summary")
    browse.type_into("working_days", "7")
    browse.activate("Save")
    assert "7 clear working days before the meeting" in page.inner_text("main")


def test_a_late_sign_off_reveals_the_reason_and_the_record_says_so(browse, late):
    page = browse.page
    assessment = late["assessment"]
    browse.sign_in_as(late["dm"])
    # (No reflow check here: the impacts table of the summary is not this page's to change.)
    browse.goto(f"/assessments/{assessment.pk}/sign-off/")
    assert "has passed" in page.inner_text(".govuk-warning-text")
    reason = page.locator("#conditional-late-reason")
    assert not reason.is_visible()  # revealed only once "sign" is chosen
    browse.choose("decision", "sign")
    assert reason.is_visible()
    browse.check()  # the revealed question passes axe too
    browse.type_into("late_reason", "The meeting was brought forward at short notice")
    browse.tick("attested", "on")
    browse.activate("Record decision")
    record = SignOff.objects.get(assessment=assessment)
    assert record.signed_late
    assert "Signed after the decision date" in page.inner_text("main")
    browse.activate("What the decision-maker saw and signed")
    assert "brought forward at short notice" in page.inner_text("main")


def test_an_officer_records_the_decision(browse, late):
    page = browse.page
    assessment = late["assessment"]
    demo.decision_maker_signs(assessment, by=late["dm"], late_reason="Urgent meeting.")
    browse.sign_in_as(late["officer"])
    browse.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Record the decision record").focus()
    browse.press_and_load("Enter")
    browse.check_reflow()
    today = timezone.localdate()
    browse.type_into("taken_on_0", str(today.day))
    browse.type_into("taken_on_1", str(today.month))
    browse.type_into("taken_on_2", str(today.year))
    browse.choose("outcome", "deferred")
    browse.type_into("minute_reference", "CAB 12/2026")
    browse.type_into("minute_url", "javascript:alert(1)")
    browse.activate("Record the decision")
    assert "starting with https://" in page.inner_text(".govuk-error-summary")
    browse.type_into("minute_url", "https://democracy.example.gov.uk/cab/12")
    browse.activate("Record the decision")
    assert DecisionRecord.objects.get(assessment=assessment).outcome == "deferred"
    assert "Deferred by Cabinet" in page.inner_text("main")
