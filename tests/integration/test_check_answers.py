"""Check your answers before every submission: each answer with a link to change it, the
screening's computed outcome, every blocker linked to where it is fixed, and the submit button
only once nothing blocks."""

import pytest
from django.test import Client

from eia.audit import head
from tests.support import builders
from tests.support.screening_answers import answers_for, as_post_data
from tests.support.sections import complete_full, complete_rurality
from workflows import services
from workflows.check_answers import check_answers

pytestmark = pytest.mark.django_db

SUBMIT_BUTTON = '<button type="submit" class="govuk-button" data-module="govuk-button">Submit'


def _page(user, assessment):
    client = Client()
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/submit/")
    assert response.status_code == 200
    return response.content.decode()


def _screen(journey, answers):
    journey.as_("pm").post(
        journey.url("screening/"),
        as_post_data(answers) | journey.stale_guard() | {"action": "save"},
    )


def test_screening_check_lists_answers_with_change_links_and_the_computed_outcome(journey):
    j = journey.start()
    _screen(j, answers_for("full_assessment", rural=True))
    page = _page(j.people["pm"], j.refresh())
    assert "Check your answers before you submit the screening for review" in page
    assert "What the screening rules say: Full assessment required" in page
    assert f'href="/assessments/{j.assessment.pk}/screening/#id_access_0"' in page
    assert (
        f'href="/assessments/{j.assessment.pk}/screening/#id_impact__disability__level_0"' in page
    )
    assert 'Change<span class="govuk-visually-hidden"> likely impact on disabled people' in page
    assert SUBMIT_BUTTON in page


def test_an_unfinished_screening_shows_each_blocker_and_no_submit_button(journey):
    j = journey.start()
    _screen(j, {"access": "yes"})
    check = check_answers(j.refresh())
    assert not check.ready and check.outcome is None
    page = _page(j.people["pm"], j.assessment)
    assert "You cannot submit yet" in page
    for blocker in check.blockers:
        assert blocker.href.startswith(f"/assessments/{j.assessment.pk}/screening/#id_")
        assert f'href="{blocker.href}"' in page
    assert SUBMIT_BUTTON not in page


def _at_full_assessment(people, organisation, **fields):
    assessment = builders.at_screening_review(people, organisation, **fields)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


def test_full_assessment_blockers_link_to_the_group_and_section_that_fixes_them(
    people, organisation
):
    assessment = _at_full_assessment(people, organisation)
    page = _page(people["pm"], assessment)
    assert "You cannot submit yet" in page
    assert f'href="/assessments/{assessment.pk}/full/impacts/disability/"' in page
    assert f'href="/assessments/{assessment.pk}/full/conclusion/"' in page
    assert "Choose a conclusion" in page
    assert SUBMIT_BUTTON not in page


def test_a_complete_full_assessment_lists_every_section_and_can_be_submitted(people, organisation):
    assessment = _at_full_assessment(people, organisation)
    complete_full(assessment, by=people["pm"])
    assessment.refresh_from_db()
    check = check_answers(assessment)
    assert check.ready
    assert [card.title for card in check.cards] == [
        "About the proposal",
        "Evidence",
        "Engagement and consultation",
        "Impact on each group",
        "Mitigations and actions",
        "Conclusion",
    ]
    impacts = next(card for card in check.cards if card.title == "Impact on each group")
    assert all("/full/impacts/" in answer.href for answer in impacts.answers)
    page = _page(people["pm"], assessment)
    assert SUBMIT_BUTTON in page
    assert "You cannot submit yet" not in page


def test_rurality_check_lists_every_theme(people, organisation):
    assessment = builders.at_screening_review(
        people, organisation, rurality=True, outcome="screened_out"
    )
    assessment = services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("screened_out", "No relevant impact."),
    )
    assert assessment.state == "rurality_proofing"
    assert not check_answers(assessment).ready
    complete_rurality(assessment, by=people["pm"])
    assessment.refresh_from_db()
    check = check_answers(assessment)
    assert check.ready
    (card,) = check.cards
    assert len(card.answers) == 8 + 3
    assert "Access to services and travel" in _page(people["pm"], assessment)


def test_the_check_page_is_not_for_someone_who_cannot_submit(people, organisation):
    assessment = _at_full_assessment(people, organisation)
    client = Client()
    client.force_login(people["officer2"])
    response = client.get(f"/assessments/{assessment.pk}/submit/")
    assert response.status_code == 403
