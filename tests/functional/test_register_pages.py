"""The public register in a real browser, signed out: find, filter and read a published
assessment; every page visited passes axe (WCAG 2.2 AA)."""

import pytest
from django.utils import timezone

from eia.models import EvidenceItem
from tests.factories import DirectorateFactory
from tests.support import builders, content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(browse, name="Apply filters"):
    browse.page.get_by_role("button", name=name, exact=True).click()
    browse.page.wait_for_load_state("load")
    browse.check()


def _follow(browse, name):
    browse.page.get_by_role("link", name=name, exact=True).first.click()
    browse.page.wait_for_load_state("load")
    browse.check()


def test_anonymous_visitor_finds_filters_and_reads_an_assessment(
    browse, organisation, other_organisation
):
    people = builders.team(organisation)
    libraries = DirectorateFactory(organisation=organisation, name="Libraries and Culture")
    content.published_with_content(
        people, organisation, title="Hawford library opening hours", directorate=libraries
    )
    content.published_screened_out(
        people,
        organisation,
        title="Hawford bin collection day",
        outcome="screened_out",
        reasons="No group is affected differently.",
    )
    content.published_screened_out(
        builders.team(other_organisation),
        other_organisation,
        title="Eastdale leisure centre prices",
    )
    builders.started(people, organisation, title="Hawford draft plan")
    page = browse.page

    browse.goto("/public/")
    assert "3 results" in page.inner_text("main")

    # Search by keyboard: type in the search box and press Enter.
    browse.tab_to("Search")
    page.keyboard.type("hawford")
    browse.press_and_load("Enter")
    assert "2 results" in page.inner_text("#results")
    main = page.inner_text("main")
    assert "Hawford library opening hours" in main and "Hawford bin collection day" in main
    assert "Eastdale" not in page.inner_text(".govuk-list")
    assert "Hawford draft plan" not in main
    assert "q=hawford" in browse.url_path()

    # Filter: only screening decisions.
    page.get_by_label("Screened out: no full assessment needed").check()
    _submit(browse)
    assert "1 result" in page.inner_text("#results")
    assert "Hawford bin collection day" in page.inner_text("main")
    _follow(browse, "Clear filters")
    assert "3 results" in page.inner_text("#results")

    # Filter: a characteristic with an adverse impact, within one organisation.
    page.get_by_label("Organisation").select_option(label=organisation.name)
    page.get_by_label("Characteristic with an adverse impact").select_option(label="Disability")
    _submit(browse)
    assert "1 result" in page.inner_text("#results")

    # A bad date shows an error summary, not a crash.
    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill(str(timezone.localdate().year))
    _submit(browse)
    assert "Enter a real date" in page.inner_text(".govuk-error-summary")

    # Read the assessment.
    _follow(browse, "Hawford library opening hours")
    assert page.inner_text("h1") == "Hawford library opening hours"
    main = page.inner_text("main")
    for text in (
        "Disability: negative (major)",
        "Library user survey 2026",
        "Head of Libraries",
        "not tagged for screen readers",
    ):
        assert text in main, text
    assert page.locator("table caption").count() >= 3

    # Its quarterly screening report, and the screening decision from there.
    _follow(browse, f"Screening decisions made by {organisation.short_name} that quarter")
    assert "Decisions by outcome" in page.inner_text("main")
    _follow(browse, f"All quarterly screening reports of {organisation.short_name}")
    assert "2 decisions" in page.inner_text("main")
    page.locator("main ul.govuk-list a").first.click()
    page.wait_for_load_state("load")
    browse.check()
    _follow(browse, "Hawford bin collection day")
    assert "No group is affected differently." in page.inner_text("main")

    # A draft is a page not found, which passes axe too.
    draft = builders.started(people, organisation, title="Another draft")
    response = browse.goto(f"/public/{organisation.slug}/{draft.pipeline_item.reference}/v1/")
    assert response.status == 404


def test_other_register_pages_pass_axe(browse, organisation):
    people = builders.team(organisation)
    first = builders.published(people, organisation, title="Leisure card")
    content.publish_review(people, first)
    for number in range(20):
        content.published_screened_out(people, organisation, title=f"Decision {number}")
    # Screened in: a screened-out record publishes no evidence, whatever its tables hold.
    huge = builders.published(people, organisation, title="Enormous record")
    EvidenceItem.objects.bulk_create(
        EvidenceItem(assessment=huge, title=f"Evidence {n}", shows="word " * 1000)
        for n in range(90)
    )
    page = browse.page
    base = f"/public/{organisation.slug}/{first.pipeline_item.reference}"

    browse.goto(f"{base}/v1/")
    assert "This version has been superseded" in page.inner_text(".govuk-notification-banner")
    _follow(browse, "Read the current version (version 2)")
    assert "Other versions" in page.inner_text("main")

    browse.goto("/public/")
    titles = "main li .govuk-heading-s"
    first_page = page.locator(titles).all_inner_texts()
    assert page.locator("a[rel=next]").count() == 1 and page.locator("a[rel=prev]").count() == 0
    _follow(browse, "Next page")
    assert page.locator("a[rel=prev]").count() == 1  # the second page leads back
    second_page = page.locator(titles).all_inner_texts()
    assert first_page and second_page and not set(first_page) & set(second_page)

    browse.goto("/public/?q=nothing+matches+this")
    assert "No published assessments match" in page.inner_text("main")

    response = browse.goto(
        f"/public/{organisation.slug}/{huge.pipeline_item.reference}/v1/full.pdf"
    )
    assert response.status == 422
    assert "too much text" in page.inner_text("main")

    browse.goto(f"/public/{organisation.slug}/screening-report/2020/q1/")
    assert "made no screening decision in this quarter" in page.inner_text("main")
