"""Drafts in the browser: typing in a section is kept as a draft (workflows/static/workflows/
drafts.js), and after a reload the page offers it back; restoring fills the form without
saving. Every page, the one with the banner included, is checked by axe."""

import pytest

from eia.audit import head
from eia.models import Draft, FullAssessment
from tests.support import builders
from workflows import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Keep a library within reach of everyone in the rural west while saving money."


def test_typing_is_kept_as_a_draft_and_restored_after_a_reload(browse, organisation):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(people, organisation)
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )
    page = browse.page
    browse.sign_in_as(people["pm"])
    url = f"/assessments/{assessment.pk}/full/proposal/"
    browse.goto(url)
    assert page.inner_text(".app-draft-status") == ""

    browse.type_into("aims", TYPED)
    # About 10 seconds after the change, the polite live region says the draft is saved.
    page.wait_for_function(
        "() => document.querySelector('.app-draft-status').textContent.startsWith('Draft saved')",
        timeout=20000,
    )
    assert Draft.objects.get(user=people["pm"]).fields["aims"] == TYPED

    browse.goto(url)  # as after a crash or a closed tab
    banner = page.inner_text("#draft-banner")
    assert "You have a draft from" in banner and "that was not saved" in banner
    assert page.input_value("#id_aims") != TYPED
    browse.check_reflow()

    browse.activate("Restore the draft")
    assert page.input_value("#id_aims") == TYPED
    assert "It is not saved yet" in page.inner_text("#draft-banner")
    assert not FullAssessment.objects.filter(assessment=assessment, aims=TYPED).exists()

    browse.activate("Save and continue")
    assert "'About the proposal' saved." in page.inner_text(".govuk-notification-banner")
    assert FullAssessment.objects.get(assessment=assessment).aims == TYPED
    assert not Draft.objects.exists()
