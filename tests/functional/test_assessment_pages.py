"""Pages not reached by the journeys elsewhere, each checked by axe (the harness fails any page
reached without a check)."""

import pytest

from tests.support import builders
from workflows.demo import stories as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_whole_progress_comment_submit_and_error_pages(browse, organisation):
    people = builders.team(organisation)
    published = builders.published(people, organisation, title="Hawford library closure")
    draft = builders.at_screening_review(people, organisation, title="Garden waste charge")
    demo.confirm(draft, by=people["officer"], outcome="full_assessment", reasons="x")
    page = browse.page

    browse.sign_in_as(people["pm"])
    browse.goto(f"/assessments/{published.pk}/whole/")
    assert "Impact on each group" in page.inner_text("main")
    action = published.actions.get()
    browse.goto(f"/actions/{action.pk}/progress/")
    # The browser never cuts text (no maxlength): GOV.UK's character count says the limit as
    # people type, and the server's refusal names it (tests/integration/test_sections.py).
    assert page.locator("#id_progress_note").get_attribute("maxlength") is None
    count = page.locator('[data-module="govuk-character-count"]')
    assert count.get_attribute("data-maxlength") == "5000"
    assert "5,000 characters" in count.inner_text()
    page.get_by_label("Green").check()
    page.locator("#id_progress_note").fill("Van ordered.")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "Progress recorded." in page.inner_text(".govuk-notification-banner")

    # Checking the answers of a draft whose sections are not complete: every blocker listed
    # with a link to where it is fixed, and no submit button until none is left.
    browse.goto(f"/assessments/{draft.pk}/submit/")
    assert "You cannot submit yet" in page.inner_text("main")
    page.get_by_role("link", name="Choose a conclusion").click()
    page.wait_for_load_state("load")
    browse.check()
    assert page.url.endswith(f"/assessments/{draft.pk}/full/conclusion/")
    browse.goto(f"/assessments/{draft.pk}/submit/")
    assert page.get_by_role("button", name="Submit", exact=True).count() == 0

    browse.sign_in_as(people["officer"])
    browse.goto(f"/assessments/{draft.pk}/")
    page.get_by_role("button", name="Add comment").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "Enter your comment" in page.inner_text(".govuk-error-summary")

    response = browse.goto("/public/?q=%00")
    assert response.status == 400
    assert "This address is not valid" in page.inner_text("h1")
