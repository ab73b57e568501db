"""A realistic full assessment, completed with the keyboard only, axe-checked on every page:
closing Hawford branch library, mitigated by a mobile library for the rural west."""

import pytest

from eia import screening
from eia.audit import head
from eia.models import State
from tests.support import builders
from workflows import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_library_closure_full_assessment_by_keyboard(browse, organisation):
    people = builders.team(organisation)
    people["pm"].first_name, people["pm"].job_title = "Priya", "Library Service Manager"
    people["pm"].save()
    assessment = builders.at_screening_review(
        people,
        organisation,
        rurality=True,
        title="Closure of Hawford branch library",
        summary="Close Hawford branch (open 18 hours a week) and extend the mobile route.",
    )
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact on disabled people."),
    )
    assessment.refresh_from_db()
    groups = [c.id for c in screening.characteristics_in_scope(assessment.screening)]
    assert "rurality" in groups and "disability" in groups

    page = browse.page
    browse.sign_in_as(people["pm"])
    browse.goto(f"/assessments/{assessment.pk}/")

    # 1. About the proposal (prefilled; improve it)
    browse.activate("About the proposal")
    assert "extend the mobile route" in page.input_value("#id_what_changes")
    browse.type_into("aims", "Keep a library within reach of everyone while saving £120,000.")
    browse.type_into("budget", "£120,000 a year from April 2027.")
    browse.choose("completed", "yes")
    browse.activate("Save and continue")
    assert "'About the proposal' saved." in page.inner_text(".govuk-notification-banner")

    # 2. Evidence, and a gap
    browse.activate("Evidence")
    browse.activate("Add evidence")
    browse.type_into("title", "Hawford library user survey 2026")
    browse.type_into("source", "Northshire Library Service")
    browse.type_into("dated_0", "14")
    browse.type_into("dated_1", "3")
    browse.type_into("dated_2", "2026")
    browse.type_into("shows", "34% of users are disabled; 41% are over 65; most come by bus.")
    browse.activate("Save")
    browse.activate("Declare an evidence gap")
    browse.type_into("description", "We do not know how many carers use the branch.")
    browse.type_into("target_date_0", "30")
    browse.type_into("target_date_1", "6")
    browse.type_into("target_date_2", "2027")
    browse.activate("Save")
    browse.choose("completed", "yes")
    browse.activate("Save")

    # 3. Engagement
    browse.activate("Engagement and consultation")
    browse.activate("Add engagement")
    browse.type_into("who", "Hawford library users and the Disability Forum")
    browse.type_into("held_on_0", "12")
    browse.type_into("held_on_1", "5")
    browse.type_into("held_on_2", "2026")
    browse.choose("method", "meeting")
    browse.type_into("how_many", "38")
    browse.type_into("what_said", "The van must have step-free access; weekly is the minimum.")
    browse.type_into("what_changed", "The mobile library will have a wheelchair lift.")
    browse.activate("Save")
    browse.choose("completed", "yes")
    browse.activate("Save")

    # 4. Impact on each group
    browse.activate("Impact on each group")
    for group in groups:
        browse.activate(f"the impact on {_phrase(assessment, group)}")
        if group in ("disability", "rurality"):
            browse.choose("direction", "negative")
            browse.choose("size", "major" if group == "disability" else "minor")
            browse.type_into("who_affected", f"People ({group}) who cannot travel 14 miles.")
            browse.tick("evidence", str(assessment.evidence.get().pk))
        else:
            browse.choose("direction", "neutral")
        browse.activate("Save")
    browse.choose("completed", "yes")
    browse.activate("Save")

    # 5. Mitigation: the mobile library, addressing both adverse impacts
    browse.activate("Mitigations and actions")
    browse.activate("Add an action")
    browse.type_into("title", "Weekly mobile library with a wheelchair lift for the rural west")
    browse.select("owner", "Priya")
    browse.type_into("target_date_0", "1")
    browse.type_into("target_date_1", "4")
    browse.type_into("target_date_2", "2027")
    browse.choose("rag", "amber")
    for impact in assessment.impacts.filter(direction="negative"):
        browse.tick("impacts", str(impact.pk))

    browse.activate("Save")
    # The evidence gap's action needs an owner too.
    gap_action = assessment.actions.get(kind="evidence_gap")
    browse.goto(f"/assessments/{assessment.pk}/full/actions/{gap_action.pk}/")
    browse.select("owner", "Priya")
    browse.activate("Save")
    browse.choose("completed", "yes")
    browse.activate("Save")

    # 6. Conclusion
    browse.activate("Conclusion")
    browse.choose("conclusion", "adjust")
    browse.type_into("changes_made", "Added the mobile library and its wheelchair lift.")
    browse.type_into("cumulative_impact", "Rural bus cuts would make the closure harder.")
    browse.choose("completed", "yes")
    browse.activate("Save and continue")

    # 7. Rurality proofing (stages 1 to 4): a section of the full assessment
    assert assessment.state == State.FULL_ASSESSMENT
    browse.activate("Rurality proofing")
    for theme in (
        "access",
        "outlets",
        "digital",
        "delivery_costs",
        "older_population",
        "economy",
        "housing",
        "fuel_poverty",
    ):
        if theme in ("access", "outlets"):
            browse.choose(f"{theme}__kind", "direct")
            browse.type_into(f"{theme}__description", "The nearest branch is 14 miles away.")
            browse.choose(f"{theme}__scale", "major")
        else:
            browse.choose(f"{theme}__kind", "none")
    browse.type_into("evidence_used", "Parish bus timetables, not the county average.")
    browse.type_into("tailoring", "The mobile library stops in every parish over 300 people.")
    browse.type_into("monitoring", "Issues per stop each quarter, with parish councils.")
    browse.choose("completed", "yes")
    browse.activate("Save and continue")

    # One submission: the full assessment with its rurality proofing
    browse.activate("Submit the full assessment")
    assert "Rurality proofing" in page.inner_text("main")  # its card on check answers
    browse.activate("Submit")

    assessment.refresh_from_db()
    assert assessment.state == State.OFFICER_REVIEW
    assert "Equality officer review" in page.inner_text("main")


def _phrase(assessment, group):
    return next(
        c.phrase for c in screening.characteristics_in_scope(assessment.screening) if c.id == group
    )
