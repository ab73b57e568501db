"""The lifecycle in a real browser: every page passes axe, the main steps work by keyboard."""

import pytest

from tests.support import builders
from tests.support.screening_answers import answers_for, as_post_data
from tests.support.sections import complete_full, complete_rurality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _click(browse, name, role="button"):
    browse.page.get_by_role(role, name=name, exact=True).first.click()
    browse.page.wait_for_load_state("load")
    browse.check()


def _choose(browse, label):
    browse.page.get_by_label(label, exact=True).check()


def fill_screening(page, answers):
    """Fill the generated screening form as a person would, field by field."""
    for name, value in as_post_data(answers).items():
        for chosen in value if isinstance(value, list) else [value]:
            box = page.locator(f'input[name="{name}"][value="{chosen}"]')
            if box.count():
                box.check()
            elif page.locator(f'textarea[name="{name}"]').count():
                page.locator(f'textarea[name="{name}"]').fill(chosen)


def test_screened_in_journey_through_the_browser(browse, organisation):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation, title="Closure of Hawford library")
    page = browse.page

    browse.sign_in_as(people["pm"])
    browse.goto(f"/assessments/{assessment.pk}/")
    assert "Screening" in page.inner_text(".govuk-task-list")
    _click(browse, "Screening", role="link")
    # Continue with nothing answered: an error summary linking to each question, no 500.
    _click(browse, "Save and continue")
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    assert "Select the likely impact on disabled people" in page.inner_text(".govuk-error-summary")
    fill_screening(page, answers_for("full_assessment", rural=True))
    _click(browse, "Save and come back later")
    assert "Screening saved." in page.inner_text(".govuk-notification-banner")
    assert "Full assessment required" in page.inner_text("main")
    _click(browse, "Screening", role="link")
    _click(browse, "Save and continue")
    _click(browse, "Submit")
    assert "Screening review" in page.inner_text("main")

    browse.sign_in_as(people["officer"])
    browse.goto("/tasks/queue/")
    assert "Closure of Hawford library" in page.inner_text("main")
    page.get_by_role(
        "button", name="Claim review the screening for Closure of Hawford library"
    ).click()
    page.wait_for_load_state("load")
    browse.check()
    _click(browse, "Review the screening", role="button")
    assert "What the screening rules say: Full assessment required" in page.inner_text("main")
    _choose(browse, "A full assessment is needed")
    page.get_by_label("Reasons for your decision").fill(
        "Major impact on older and disabled people."
    )
    _click(browse, "Record decision")
    assert "Decision recorded" in page.inner_text(".govuk-notification-banner")

    browse.sign_in_as(people["pm"])
    browse.goto("/tasks/")
    _click(browse, "Closure of Hawford library", role="link")
    # The sections are filled by keyboard in test_full_assessment_keyboard.py; here the
    # services fill them so this journey can follow the lifecycle.
    assessment.refresh_from_db()
    complete_full(assessment, by=people["pm"])
    complete_rurality(assessment, by=people["pm"])  # a section of the full assessment
    _click(browse, "Submit the full assessment", role="button")
    _click(browse, "Submit")

    browse.sign_in_as(people["officer2"])
    browse.goto(f"/assessments/{assessment.pk}/")
    _click(browse, "Review the assessment", role="button")
    _choose(browse, "Return it to the author for changes")
    _click(browse, "Record decision")
    assert "Enter comments for the author" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Overall comments").fill("Add the mobile library timetable.")
    _click(browse, "Record decision")

    browse.sign_in_as(people["pm"])
    browse.goto(f"/assessments/{assessment.pk}/")
    assert "Add the mobile library timetable." in page.inner_text(".govuk-notification-banner")
    # One resubmission: the full assessment with its rurality proofing.
    _click(browse, "Submit the full assessment", role="button")
    _click(browse, "Submit")
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"

    # The resubmission went back to the officer who returned it, who sees what changed.
    browse.sign_in_as(people["officer2"])
    browse.goto(f"/assessments/{assessment.pk}/review/")
    assert "returned this on" in page.inner_text("#since-return")
    browse.goto(f"/assessments/{assessment.pk}/since-return/")  # checked by axe, like all
    assert "What the authors changed since it was returned" in page.inner_text("h1")
    browse.goto(f"/assessments/{assessment.pk}/review/")
    _choose(browse, "Approve it for sign-off")
    _click(browse, "Record decision")

    browse.sign_in_as(people["dm"])
    browse.goto("/tasks/")
    _click(browse, "Closure of Hawford library", role="link")
    _click(browse, "Read the impacts and sign off", role="button")
    assert "I accept the remaining adverse impacts on disabled people" in page.inner_text(
        "#attestation"
    )
    _choose(browse, "Sign off the assessment")
    _click(browse, "Record decision")
    assert "Confirm that you have read the impacts" in page.inner_text(".govuk-error-summary")
    page.get_by_label("I have read the impacts above and I make the statement shown").check()
    _click(browse, "Record decision")
    browse.goto(f"/assessments/{assessment.pk}/sign-off/record/")
    assert "This record is intact" in page.inner_text("main")

    # Separation of duties: the officer who approved it does not publish it.
    browse.sign_in_as(people["officer"])
    browse.goto(f"/assessments/{assessment.pk}/publish/")
    _click(browse, "Publish")
    assert "Published" in page.inner_text(".govuk-notification-banner")
    assert "Published" in page.inner_text("main .govuk-tag")
    page.get_by_text("Text description of the process diagram").click()
    assert "(the current stage)" in page.inner_text(".govuk-details__text")
    browse.check()


def test_withdraw_co_authors_reassign_and_error_pages_pass_axe(browse, organisation):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(people, organisation)
    page = browse.page
    browse.sign_in_as(people["lead"])
    task_pk = builders.services.active_task(assessment).pk
    browse.goto(f"/assessments/{assessment.pk}/tasks/{task_pk}/reassign/")
    page.get_by_label("Who should do this task?").select_option(
        label=people["officer2"].display_name
    )
    _click(browse, "Reassign")
    browse.goto("/tasks/queue/")  # claimed-by-colleagues table for the lead
    assert people["officer2"].display_name in page.inner_text("main")
    browse.goto(f"/assessments/{assessment.pk}/withdraw/")
    _click(browse, "Withdraw")
    assert "Enter why the assessment is being withdrawn" in page.inner_text(".govuk-error-summary")

    browse.sign_in_as(people["pm"])
    other = builders.started(people, organisation)
    browse.goto(f"/assessments/{other.pk}/co-authors/")
    # 403 and 409 pages are pages too.
    response = browse.goto(f"/assessments/{assessment.pk}/review-screening/")
    assert response.status == 403
    assert "You cannot do this" in page.inner_text("h1")


def test_keyboard_only_officer_review(browse, organisation):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(
        people, organisation, title="Garden waste charge", outcome="screened_out"
    )
    page = browse.page
    browse.sign_in_as(people["officer"])
    browse.goto(f"/assessments/{assessment.pk}/review-screening/")
    browse.tab_to("A full assessment is needed")  # Tab reaches the first radio of the group
    page.keyboard.press("ArrowDown")  # arrow keys choose within a radio group
    assert page.get_by_label("Screened out: no full assessment is needed").is_checked()
    page.keyboard.press("Tab")  # leaves the group for the reasons box
    page.keyboard.type("Charges apply equally; concessions continue for people on benefits.")
    browse.tab_to("Record decision")
    browse.press_and_load("Enter")
    assert "Decision recorded" in page.inner_text(".govuk-notification-banner")
    assessment.refresh_from_db()
    assert assessment.state == "awaiting_sign_off"
