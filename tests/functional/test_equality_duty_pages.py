"""The equality duty's pages in a real browser: objectives, the action plan and its actions
from assessments, the dashboard, cumulative impact and budget rounds. Every page passes axe
(WCAG 2.2 AA) and reflows at 320 px; the plan's filters work from the keyboard."""

import pytest

from eia.authorization import Role
from eia.models import Action
from equality import demo
from equality.models import AnnualReport, PeerFeedback, PlanRow, Programme, ProgressReport
from equality.services import programmes
from tests.factories import UserFactory
from tests.support import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(organisation):
    people = builders.team(organisation)
    people["viewer"] = UserFactory(organisation=organisation, roles=[Role.VIEWER])
    first = builders.at_officer_review(people, organisation, title="Closure of Hawford library")
    second = builders.at_officer_review(people, organisation, title="Rural bus routes")
    demo.seed_organisation(organisation)
    programmes.save_programme(
        by=people["lead"],
        name="Budget 2027 to 2028",
        item_ids=[first.pipeline_item_id, second.pipeline_item_id],
    )
    return people


def _visit(browse, path):
    browse.goto(path)
    browse.check_reflow()
    return browse.page.inner_text("main")


def test_the_lead_reads_objectives_plan_and_cumulative_impact(browse, council):
    browse.sign_in_as(council["lead"])
    home = _visit(browse, "/")
    assert "must be refreshed by" in home
    assert "Customers" in _visit(browse, "/objectives/")
    assert "Start of the period" in _visit(browse, "/objectives/add/")
    plan = _visit(browse, "/action-plan/")
    assert "Web accessibility" in plan and "Overdue" in plan
    assert "Run a mobile library" in _visit(browse, "/action-plan/from-assessments/")
    row = PlanRow.objects.get(overview="Web accessibility")
    assert "Key deliverables" in _visit(browse, f"/action-plan/rows/{row.pk}/")
    assert "Every update" in _visit(browse, f"/action-plan/rows/{row.pk}/history/")
    assert "Objective it delivers" in _visit(browse, "/action-plan/sections/add/")
    assert "Disability" in _visit(browse, "/cumulative-impact/")
    assert "Budget 2027 to 2028" in _visit(browse, "/programmes/")
    programme = Programme.objects.get()
    detail = _visit(browse, f"/programmes/{programme.pk}/")
    assert "Disability: 2 proposals" in detail
    assert "Proposals in it" in _visit(browse, f"/programmes/{programme.pk}/change/")
    assert "Not assessed yet." in _visit(browse, "/equality-framework/")
    assert "Peer challenge feedback" in _visit(browse, "/equality-framework/knowing/")


def test_the_officer_filters_the_plan_by_keyboard_and_links_an_action(browse, council):
    page = browse.page
    browse.sign_in_as(council["officer"])
    browse.goto("/action-plan/")
    page.get_by_label("RAG rating").focus()
    browse.select("rag", "Red")
    browse.tab_to("Apply filters")
    browse.press_and_load("Enter")
    main = page.inner_text("main")
    assert "Web accessibility" in main and "Redesign of services" not in main
    browse.check_reflow()
    action = Action.objects.order_by("pk").first()
    _visit(browse, f"/action-plan/actions/{action.pk}/objective/")
    # A row saved without its required fields shows the error summary, checked by axe too.
    browse.goto("/action-plan/rows/add/")
    browse.activate("Save")
    assert page.title().startswith("Error: ")
    assert "Enter overview" in page.inner_text(".govuk-error-summary")


def test_a_scrutiny_viewer_reads_the_dashboard(browse, council):
    browse.sign_in_as(council["viewer"])
    dashboard = _visit(browse, "/dashboard/")
    assert "Assessments by stage" in dashboard and "Equality officer review" in dashboard
    assert browse.page.locator("svg[role=img] title").count() >= 4
    assert (
        browse.page.locator("svg[role=img]").count()
        == browse.page.locator("svg[role=img] desc").count()
    )


def test_progress_reports_and_the_public_pages(browse, council, organisation):
    page = browse.page
    browse.sign_in_as(council["lead"])
    assert "Take a progress report" in _visit(browse, "/action-plan/reports/")
    browse.activate("Take a progress report")
    browse.check_reflow()
    assert "This is the first report." in page.inner_text("main")
    browse.activate("Publish it on the register")
    report_path = browse.url_path()
    assert "published on" in page.inner_text("main")
    page.context.clear_cookies()
    public = _visit(browse, f"/public/{organisation.slug}/equality/")
    assert "Web accessibility" in public and "Progress" in public
    report = ProgressReport.objects.get()
    assert "Web accessibility" in _visit(
        browse, f"/public/{organisation.slug}/equality/reports/{report.pk}/"
    )
    assert report_path == f"/action-plan/reports/{report.pk}/"


def test_the_annual_report_its_targets_and_its_public_page(browse, council, organisation):
    page = browse.page
    browse.sign_in_as(council["lead"])
    assert "Prepare the report" in _visit(browse, "/annual-reports/")
    # The demo published this year's report; another can be prepared, not published.
    published = AnnualReport.objects.get()
    report = _visit(browse, f"/annual-reports/{published.pk}/")
    assert "Adverse impacts found and what was done" in report
    assert "working days before the decision" in report
    assert page.locator("svg[role=img]").count() == page.locator("svg[role=img] desc").count()
    browse.goto("/annual-reports/")
    browse.activate("Prepare the report")
    browse.check_reflow()
    assert "not published yet" in page.inner_text("main")
    browse.goto("/annual-reports/targets/")
    page.get_by_label("Publish within this many working days of sign-off").fill("999")
    browse.activate("Save")
    assert page.title().startswith("Error: ")
    page.context.clear_cookies()
    public = _visit(browse, f"/public/{organisation.slug}/equality/")
    assert "Annual equality report" in public
    assert "Timeliness" in _visit(
        browse, f"/public/{organisation.slug}/equality/annual/{published.year}/"
    )


def test_framework_evidence_and_peer_feedback_pages(browse, council):
    page = browse.page
    browse.sign_in_as(council["lead"])
    framework = _visit(browse, "/equality-framework/")
    assert "Records that show it" in framework and "Points from the peer challenge" in framework
    assert "Gypsy and Traveller engagement" in framework  # the actioned point links to its row
    assert "The kind of record" in _visit(browse, "/equality-framework/knowing/evidence/")
    browse.activate("Save")
    assert page.title().startswith("Error: ")
    assert "What the peers said" in _visit(browse, "/equality-framework/knowing/feedback/")
    open_point = PeerFeedback.objects.get(plan_row__isnull=True)
    form = _visit(browse, f"/equality-framework/feedback/{open_point.pk}/action/")
    assert "Tell residents what changed" in form
