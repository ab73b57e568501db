"""The lead chooses the organisation's screening rules in a real browser: the page passes axe
and reflows at 320 px."""

import pytest

from eia.models import Nation
from tests.factories import OrganisationFactory
from tests.support import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_chooses_the_screening_rules(browse):
    wales = OrganisationFactory(
        nation=Nation.WALES, screening_ruleset="wales", local_characteristics=[]
    )
    lead = builders.team(wales)["lead"]
    page = browse.page
    browse.sign_in_as(lead)
    browse.goto("/organisation/lists/")
    browse.check_reflow()
    page.get_by_role("link", name="Change the screening rules").focus()
    browse.press_and_load("Enter")
    browse.check_reflow()
    assert "keeps the rules it was started with" in page.inner_text("main")
    page.get_by_label("Welsh language screening, version 1").check()
    browse.activate("Save")
    assert "Screening rules saved" in page.inner_text("main")
    assert "Welsh language screening, version 1" in page.inner_text("main")
    assert "always the latest released" not in page.inner_text("main")
