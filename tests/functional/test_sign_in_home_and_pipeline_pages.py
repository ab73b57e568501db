import pytest

from eia.authorization import Role
from eia.models import DecisionBody
from tests.factories import DirectorateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_by_keyboard_with_no_axe_violations(browse, make_user):
    user = make_user(Role.PROJECT_MANAGER, username="priya", first_name="Priya")
    browse.goto("/sign-in/")
    page = browse.page
    browse.tab_to("Skip to main content")
    page.keyboard.press("Enter")
    browse.tab_to("Username")
    page.keyboard.type("priya")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong password")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert "Enter a correct username and password" in page.inner_text(".govuk-error-summary")
    browse.check()
    page.fill("#id_password", "correct-horse-battery")
    page.focus("#id_password")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Equality impact assessments')")
    browse.check()
    assert "Signed in as Priya" in page.inner_text(".govuk-phase-banner")
    assert user.username == "priya"


def test_home_and_404_have_no_axe_violations(browse, make_user):
    browse.sign_in_as(make_user(Role.EQUALITY_OFFICER))
    browse.goto("/")
    assert browse.page.inner_text("h1") == "Equality impact assessments"
    response = browse.goto("/no-such-page/")
    assert response.status == 404
    assert browse.page.inner_text("h1") == "Page not found"


def test_pipeline_pages_have_no_axe_violations(browse, pipeline_item):
    browse.sign_in_as(pipeline_item.owner)
    browse.goto("/pipeline/")
    browse.page.get_by_role("link", name=pipeline_item.title).click()
    browse.page.wait_for_load_state("load")
    browse.check()
    assert browse.page.inner_text("h1") == pipeline_item.title


def test_public_pages_have_no_axe_violations(browse, organisation):
    browse.goto("/public/")
    assert organisation.name in browse.page.inner_text("main")
    browse.goto("/accessibility/")


def test_pipeline_forms_and_the_leads_lists_pass_axe_and_reflow(browse, people, organisation):
    DecisionBody.objects.create(organisation=organisation, name="Cabinet")
    DirectorateFactory(organisation=organisation, name="Communities")
    browse.sign_in_as(people["lead"])
    browse.goto("/pipeline/")
    browse.check_reflow()
    browse.activate("Add a proposal")
    browse.check_reflow()
    page = browse.page
    page.fill("#id_title", "Mobile library timetable")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the proposal").click()
    browse.check()  # the page with its error summary
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    browse.goto("/organisation/lists/")
    browse.check_reflow()
    browse.activate("Add a decision body")
    browse.check_reflow()
