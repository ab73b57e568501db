"""One realistic case end to end through the UI only, as each role in turn: the project manager
adds the proposal and completes the screening (by keyboard), the officer confirms it, the
project manager completes the full assessment (one section by keyboard) and submits it from
the check-answers page, the officer approves, the decision-maker signs off, another officer
previews and publishes, and a resident reads the public page. Every page visited is checked by
axe and for reflow at 320 px."""

import datetime

import pytest

from eia.calendar import add_working_days
from eia.models import Assessment, PipelineItem
from eia.services import reference_data
from tests.support import builders
from tests.support.screening_answers import answers_for, as_post_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Close Hawford branch library"


@pytest.fixture
def checked(browse):
    """Every page the harness checks with axe is also checked for reflow at 320 px."""
    axe = browse.check

    def both():
        axe()
        browse.check_reflow()

    browse.check = both
    return browse


def _click(browse, name, role="button"):
    browse.page.get_by_role(role, name=name, exact=True).first.click()
    browse.page.wait_for_load_state("load")
    browse.check()


def _fill(page, name, text):
    page.locator(f'[name="{name}"]').fill(text)


def _date(page, name, day: datetime.date):
    for part, value in enumerate((day.day, day.month, day.year)):
        _fill(page, f"{name}_{part}", str(value))


def _claim_if_offered(browse, assessment):
    """Open the assessment; claim its task from the team queue if it waits there."""
    browse.goto(f"/assessments/{assessment.pk}/")
    if browse.page.get_by_role("button", name="Claim this task").count():
        _click(browse, "Claim this task")


def _screening_by_keyboard(browse, answers):
    """Answer every question on the page with the keyboard: Tab, arrows, Space, typing."""
    page = browse.page
    for name, value in as_post_data(answers).items():
        for chosen in value if isinstance(value, list) else [value]:
            box = page.locator(f'input[name="{name}"][value="{chosen}"]')
            if box.count() and box.get_attribute("type") == "radio":
                browse.choose(name, chosen)
            elif box.count():
                browse.tick(name, chosen)
            elif page.locator(f'textarea[name="{name}"]').count():
                browse.type_into(name, chosen)


def test_a_library_closure_through_the_ui_as_every_role(checked, organisation):
    browse = checked
    page = browse.page
    people = builders.team(organisation)
    people["pm"].first_name = "Priya"
    people["pm"].save()
    # What the lead keeps before anyone starts: the lists the pipeline's form chooses from.
    reference_data.save_directorate(by=people["lead"], name="Libraries and Culture")
    cabinet = reference_data.save_decision_body(by=people["lead"], name="Cabinet")
    meeting = add_working_days(datetime.date.today(), 40)
    reference_data.set_meetings(by=people["lead"], body_id=cabinet.pk, dates=[meeting])
    reference_data.set_public_contact(
        by=people["lead"], contact="equality@northshire.example.org", other_formats="Easy read."
    )

    # 1. The project manager adds the proposal to the pipeline and starts the assessment.
    browse.sign_in_as(people["pm"])
    browse.goto("/pipeline/add/")
    _fill(page, "title", TITLE)
    page.locator('[name="kind"]').select_option(index=1)
    _fill(page, "summary", "Close Hawford branch and extend the mobile library route.")
    page.locator('[name="directorate"]').select_option(label="Libraries and Culture")
    page.locator('[name="decision_body"]').select_option(label="Cabinet")
    _date(page, "decision_date", meeting)
    _click(browse, "Add the proposal")
    item = PipelineItem.objects.get(title=TITLE)

    # The lead names the decision-maker (only the lead names who acts).
    browse.sign_in_as(people["lead"])
    browse.goto(f"/pipeline/{item.pk}/change/")
    page.locator('[name="decision_maker"]').select_option(value=str(people["dm"].pk))
    _click(browse, "Save the changes")

    # 2. The project manager completes the screening by keyboard and submits it.
    browse.sign_in_as(people["pm"])
    browse.goto(f"/pipeline/{item.pk}/")
    _click(browse, "Start the equality impact assessment")
    assessment = Assessment.objects.get(pipeline_item=item)
    browse.activate("Screening")
    answers = answers_for("full_assessment")
    for _ in range(2):  # a question may appear once the answers before it are saved
        _screening_by_keyboard(browse, answers)
        browse.activate("Save and continue")
        if page.url.endswith("/submit/"):
            break
    assert "What the screening rules say: Full assessment required" in page.inner_text("main")
    browse.activate("Submit")
    assert "Submitted." in page.inner_text(".govuk-notification-banner")

    # 3. An equality officer claims the review and confirms a full assessment is needed.
    browse.sign_in_as(people["officer"])
    browse.goto("/tasks/queue/")
    _click(browse, f"Claim review the screening for {TITLE}")
    _click(browse, "Review the screening")
    page.get_by_label("A full assessment is needed").check()
    page.get_by_label("Reasons for your decision").fill("Major impact on disabled people.")
    _click(browse, "Record decision")

    # 4. The project manager completes the full assessment: the first section by keyboard.
    browse.sign_in_as(people["pm"])
    browse.goto("/")
    assert "1 task is waiting for you" in page.inner_text("main")
    browse.goto(f"/assessments/{assessment.pk}/")
    browse.activate("About the proposal")
    browse.type_into("aims", "Keep a library within reach of everyone for £120,000 less.")
    browse.type_into("budget", "£120,000 a year from April 2027.")
    browse.choose("completed", "yes")
    browse.activate("Save and continue")

    browse.goto(f"/assessments/{assessment.pk}/full/evidence/")
    _click(browse, "Add evidence")
    _fill(page, "title", "Hawford library user survey 2026")
    _fill(page, "shows", "A third of users are disabled; most arrive by bus.")
    _click(browse, "Save")
    page.locator('[name="completed"][value="yes"]').check()
    _click(browse, "Save")

    browse.goto(f"/assessments/{assessment.pk}/full/engagement/")
    _click(browse, "Add engagement")
    _fill(page, "who", "Northshire Disability Forum")
    page.locator('[name="method"][value="meeting"]').check()
    _fill(page, "what_said", "Step-free access to the van matters.")
    _click(browse, "Save")
    page.locator('[name="completed"][value="yes"]').check()
    _click(browse, "Save")

    browse.goto(f"/assessments/{assessment.pk}/full/impacts/disability/")
    assert "Screening recorded the likely impact on disabled people" in page.inner_text("main")
    _fill(page, "who_affected", "Disabled people who cannot travel to the next branch.")
    page.locator('[name="evidence"]').first.check()
    _click(browse, "Save")
    _click(browse, "Record the groups with no different impact on one page", role="link")
    for box in page.locator('textarea[name^="explain__"]').all():
        box.fill("The survey shows no difference for this group.")
    _click(browse, "Save")
    page.locator('[name="completed"][value="yes"]').check()
    _click(browse, "Save")

    browse.goto(f"/assessments/{assessment.pk}/full/actions/")
    _click(browse, "Add an action")
    _fill(page, "title", "Run a mobile library with a wheelchair lift")
    page.locator('[name="owner_kind"][value="team"]').check()
    _fill(page, "owner_name", "Mobile Library Service")
    _date(page, "target_date", meeting + datetime.timedelta(days=90))
    page.locator('[name="impacts"]').first.check()
    _click(browse, "Save")
    page.locator('[name="completed"][value="yes"]').check()
    _click(browse, "Save")

    browse.goto(f"/assessments/{assessment.pk}/full/conclusion/")
    page.locator('[name="conclusion"][value="adjust"]').check()
    _fill(page, "changes_made", "Added the mobile library with a wheelchair lift.")
    _fill(page, "cumulative_impact", "No other proposal affects the same people.")
    page.locator('[name="completed"][value="yes"]').check()
    _click(browse, "Save and continue")

    browse.goto(f"/assessments/{assessment.pk}/")
    _click(browse, "Submit the full assessment", role="button")
    main = page.inner_text("main")
    assert "You cannot submit yet" not in main, main
    assert "Mobile Library Service" in main
    _click(browse, "Submit")

    # 5. The officer approves it for sign-off.
    browse.sign_in_as(people["officer"])
    _claim_if_offered(browse, assessment)
    _click(browse, "Review the assessment")
    page.get_by_label("Approve it for sign-off").check()
    _click(browse, "Record decision")

    # 6. The decision-maker reads the impacts and signs off.
    browse.sign_in_as(people["dm"])
    browse.goto("/tasks/")
    _click(browse, TITLE, role="link")
    _click(browse, "Read the impacts and sign off")
    page.get_by_label("Sign off the assessment").check()
    page.get_by_label("I have read the impacts above and I make the statement shown").check()
    _click(browse, "Record decision")

    # 7. Another officer (not the approver) previews the public page and publishes.
    browse.sign_in_as(people["officer2"])
    _claim_if_offered(browse, assessment)
    _click(browse, "Publish the assessment")
    _click(browse, "Preview the public page", role="link")
    assert "Preview — not yet published" in page.inner_text("main")
    _click(browse, "Go to publish", role="link")
    _click(browse, "Publish")
    _click(browse, "Read the public page", role="link")

    # 8. A resident reads it, signed out.
    public = page.url
    page.context.clear_cookies()
    browse.page.goto(public)
    browse.check()
    main = page.inner_text("main")
    assert main.index("In summary") < main.index("About this record")
    assert "A likely negative impact on: Disability" in main
    assert "Mobile Library Service" in main
    assert "equality@northshire.example.org" in main
