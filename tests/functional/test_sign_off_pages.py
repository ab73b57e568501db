"""The whole picture on the sign-off page, and a change since sign-off on the officers', the
decision-maker's and the public pages, with the page that records why: each checked by axe."""

import pytest

from eia.redaction import public_record
from eia.register.links import record_url
from eia.services.pipeline import change_item
from tests.support import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notice_fits(page, width: int = 320):
    """The notice reflows at 320 px (the record's own long tables are checked elsewhere)."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 900})
    try:
        box = page.locator("#changed-since-sign-off").bounding_box()
    finally:
        page.set_viewport_size(size)
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_a_change_since_sign_off_is_shown_and_explained(browse, organisation):
    people = builders.team(organisation)
    published = builders.published(people, organisation, title="Hawford library closure")
    change_item(
        item_id=published.pipeline_item_id,
        by=people["lead"],
        changes={"title": "Hawford library reshaping"},
    )
    page = browse.page

    browse.goto(record_url(public_record(published)))
    assert "Changed since sign-off" in page.inner_text("main")
    assert page.inner_text("h1") == "Hawford library closure"
    _notice_fits(page)

    browse.sign_in_as(people["dm"])
    browse.goto(f"/assessments/{published.pk}/sign-off/record/")
    assert "Hawford library reshaping" in page.inner_text("#changed-since-sign-off + table")
    _notice_fits(page)

    browse.sign_in_as(people["officer"])
    browse.goto(f"/assessments/{published.pk}/")
    page.get_by_role("link", name="Record why no fresh sign-off is needed").click()
    page.wait_for_load_state("load")
    browse.check()
    browse.check_reflow()
    page.get_by_role("button", name="Record the reason").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "Enter why no fresh sign-off is needed" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Why does this change not need a fresh sign-off?").fill("A better title.")
    page.get_by_role("button", name="Record the reason").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "The reason is recorded." in page.inner_text(".govuk-notification-banner")
    assert "recorded why no fresh sign-off is needed" in page.inner_text("main")
