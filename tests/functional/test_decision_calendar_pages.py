"""The decision calendar, the flags on decisions close to their date and "Your actions", in a
real browser: every page passes axe, and the filters work from the keyboard."""

import datetime

import pytest
from django.utils import timezone

from eia.calendar import add_working_days
from eia.models import Action
from tests.factories import PipelineItemFactory
from tests.support import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    soon = add_working_days(today, 3)
    review = builders.at_screening_review(
        people,
        organisation,
        title="Closure of Hawford library",
        decision_body="Cabinet",
        decision_date=soon,
    )
    builders.started(
        people, organisation, title="Rural bus routes", decision_body="Cabinet", decision_date=soon
    )
    PipelineItemFactory(
        organisation=organisation,
        owner=people["pm"],
        title="Parks staffing",
        decision_body="Employment Committee",
        decision_date=add_working_days(today, 30),
    )
    for title, rag, days in (
        ("Run a mobile library", Action.Rag.RED, -2),
        ("Survey rural users", Action.Rag.AMBER, 10),
        ("Publish the timetable", Action.Rag.GREEN, 20),
    ):
        Action.objects.create(
            assessment=review,
            owner=people["officer"],
            title=title,
            rag=rag,
            target_date=today + datetime.timedelta(days=days),
        )
    return people | {"review": review}


def test_officer_finds_decisions_at_risk_from_home_to_calendar(browse, council):
    page = browse.page
    browse.sign_in_as(council["officer"])
    browse.goto("/")
    # Among the home page's warnings (the equality duty's objectives may warn too).
    warnings = " ".join(page.locator(".govuk-warning-text").all_inner_texts())
    assert "2 decisions in the next 10 working days are not signed off" in warnings
    page.get_by_role("link", name="See the decisions at risk").click()
    page.wait_for_load_state("load")
    browse.check()
    main = page.inner_text("main")
    assert "Closure of Hawford library" in main and "Rural bus routes" in main
    assert "Parks staffing" not in main
    assert main.count("Decision in 3 working days: not signed off") == 2

    # Clear the filters, then filter by decision body using only the keyboard.
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_load_state("load")
    browse.check()
    assert "Parks staffing" in page.inner_text("main")
    page.get_by_label("Decision body").focus()
    page.keyboard.press("End")  # the last body in the list: Employment Committee
    browse.tab_to("Apply filters")
    browse.press_and_load("Enter")
    main = page.inner_text("main")
    assert "Parks staffing" in main and "Closure of Hawford library" not in main
    assert "Employment Committee" in page.inner_text("caption")

    # A filter value that is not on offer is explained, not applied.
    browse.goto("/decisions/?directorate=999999")
    assert "Select a directorate from the list" in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Error: ")


def test_task_pages_with_flags_actions_and_the_risk_summary(browse, council):
    page = browse.page
    browse.sign_in_as(council["officer"])
    browse.goto("/tasks/queue/")
    summary = page.inner_text("main")
    assert "Decisions at risk" in summary
    assert "Decision in 3 working days: not signed off" in page.inner_text("table")

    browse.goto("/tasks/")
    actions = page.locator("table", has_text="Your actions")
    assert actions.locator("tbody tr").count() == 3
    first = actions.locator("tbody tr").first.inner_text()
    assert "Run a mobile library" in first and "Overdue" in first and "Red" in first
    assert "Amber" in actions.inner_text() and "Green" in actions.inner_text()
    # Each action links to its assessment's page (whose own checks live with the lifecycle).
    links = actions.get_by_role("link", name="Closure of Hawford library")
    assert links.count() == 3
    assert {links.nth(n).get_attribute("href") for n in range(3)} == {
        f"/assessments/{council['review'].pk}/"
    }
    # Every action, a page at a time: where the home page's action counts link (axe, 320 px).
    browse.goto("/tasks/actions/")
    assert page.locator("table", has_text="Your actions").locator("tbody tr").count() == 3

    browse.sign_in_as(council["pm"])
    browse.goto("/tasks/")
    assert "Decision in 3 working days: not signed off" in page.inner_text("table")
    assert "You own no open equality actions." in page.inner_text("main")
