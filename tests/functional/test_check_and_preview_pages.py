"""The check-answers page before a submission, the previews of what the decision-maker and the
public will read, and publishing from the preview to the public page: each checked by axe and
at 320 px."""

import pytest

from eia.audit import head
from eia.services.screening import save_screening_answers
from tests.support import builders, content
from tests.support.screening_answers import answers_for
from workflows.demo import stories as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _visit(browse, path):
    browse.goto(path)
    browse.check_reflow()
    return browse.page.inner_text("main")


def test_check_answers_then_submit_the_screening(browse, organisation):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation, title="Garden waste charge")
    save_screening_answers(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
        answers=answers_for("full_assessment"),
    )
    browse.sign_in_as(people["pm"])
    main = _visit(browse, f"/assessments/{assessment.pk}/submit/")
    assert "What the screening rules say" in main
    page = browse.page
    page.get_by_role("link", name="Change will people gain or lose access").click()
    page.wait_for_load_state("load")
    browse.check()
    assert page.url.endswith("/screening/#id_access_0")
    browse.goto(f"/assessments/{assessment.pk}/submit/")
    page.get_by_role("button", name="Submit", exact=True).click()
    page.wait_for_load_state("load")
    browse.check()
    assert "Submitted." in page.inner_text(".govuk-notification-banner")

    # A complete full assessment: every section's answers, each with its Change link.
    full = builders.at_screening_review(people, organisation, title="Library hours")
    demo.confirm(full, by=people["officer"], outcome="full_assessment", reasons="Major impact.")
    demo.complete_full(full, by=people["pm"])
    main = _visit(browse, f"/assessments/{full.pk}/submit/")
    assert "Impact on each group" in main and "You cannot submit yet" not in main


def test_previews_then_publish_and_read_the_public_page(browse, organisation):
    people = builders.team(organisation)
    browse.sign_in_as(people["lead"])
    _visit(browse, "/organisation/lists/")
    browse.page.get_by_role("link", name="Change the public contact details").click()
    browse.page.wait_for_load_state("load")
    browse.check()
    browse.check_reflow()
    browse.page.get_by_label("Public contact details").fill("equality@northshire.example.org")
    browse.page.get_by_label("How to ask for another format").fill("Ask us for easy read.")
    browse.page.get_by_role("button", name="Save").click()
    browse.page.wait_for_load_state("load")
    browse.check()
    signed = content.published_with_content(
        people, organisation, publish=False, title="Hawford library opening hours"
    )
    browse.sign_in_as(people["officer2"])
    main = _visit(browse, f"/assessments/{signed.pk}/sign-off/preview/")
    assert "What the decision-maker will see" in main
    page = browse.page
    browse.goto(f"/assessments/{signed.pk}/publish/")
    page.get_by_role("link", name="Preview the public page").click()
    page.wait_for_load_state("load")
    browse.check()
    browse.check_reflow()
    assert "Preview — not yet published" in page.inner_text("main")
    page.get_by_role("link", name="Go to publish").click()
    page.wait_for_load_state("load")
    browse.check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state("load")
    browse.check()
    page.get_by_role("link", name="Read the public page").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "/public/" in page.url
    browse.check_reflow()
    main = page.inner_text("main")
    assert "Preview" not in main
    assert main.index("In summary") < main.index("About this record")
    assert "equality@northshire.example.org" in main and "Ask us for easy read." in main


def test_groups_with_no_different_impact_on_one_page(browse, organisation):
    people = builders.team(organisation)
    full = builders.at_screening_review(people, organisation, title="Library hours")
    demo.confirm(full, by=people["officer"], outcome="full_assessment", reasons="Major impact.")
    browse.sign_in_as(people["pm"])
    main = _visit(browse, f"/assessments/{full.pk}/full/impacts/")
    assert "Screening recorded" in main and "Major, negative" in main
    page = browse.page
    page.get_by_role("link", name="Record the groups with no different impact on one page").click()
    page.wait_for_load_state("load")
    browse.check()
    browse.check_reflow()
    page.get_by_label("Why is there no different impact on people of different ages?").fill(
        "Everyone's hours change alike."
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "each group's explanation" in page.inner_text(".govuk-notification-banner")
    _visit(browse, f"/assessments/{full.pk}/full/impacts/disability/")
    assert "Screening recorded the likely impact on disabled people" in page.inner_text("main")
