"""Acting from an out-of-date page: the one staleness token makes it a 409 that says who
changed what, never a silent overwrite and never two decisions."""

import pytest
from django.test import Client

from eia.audit import head
from eia.events import EventType
from eia.services import sections as sections_services
from tests.support import builders
from tests.support.sections import complete_full
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _at_screening_review(journey, outcome="full_assessment"):
    return journey.start().answer_screening(rurality=False, outcome=outcome).submit()


@pytest.fixture
def full(people, organisation):
    assessment = _at_full_assessment(people, organisation)
    complete_full(assessment, by=people["pm"])
    assessment.refresh_from_db()
    return assessment


def _at_full_assessment(people, organisation, **item_fields):
    assessment = builders.at_screening_review(people, organisation, **item_fields)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


def test_two_tabs_cannot_silently_overwrite_each_other(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    demo.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    pm = _client(people["pm"])
    page = pm.get(f"/assessments/{assessment.pk}/full/proposal/").content.decode()
    seen = int(page.split('name="seen" value="')[1].split('"')[0])
    first = pm.post(
        f"/assessments/{assessment.pk}/full/proposal/",
        {"seen": seen, "aims": "Tab 1 aims"},
    )
    assert first.status_code == 302
    second = pm.post(
        f"/assessments/{assessment.pk}/full/proposal/",
        {"seen": seen, "budget": "Tab 2 budget"},
    )
    assert second.status_code == 409
    assert "changed this assessment since you opened the page" in second.content.decode()
    assessment.refresh_from_db()
    assert assessment.full.aims == "Tab 1 aims"
    # Editing a different record (an impact) from an equally old page is fine.
    other = pm.post(
        f"/assessments/{assessment.pk}/full/impacts/age/",
        {"seen": seen, "direction": "neutral"},
    )
    assert other.status_code == 302


def test_a_stale_page_gets_409_and_only_one_decision_is_recorded(journey):
    j = _at_screening_review(journey)
    stale = j.stale_guard()  # both officers load the review page
    j.as_("officer2").post(
        j.url("review-screening/"), stale | {"decision": "full_assessment", "reasons": "First."}
    )
    response = j.as_("officer").client.post(
        j.url("review-screening/"), stale | {"decision": "screened_out", "reasons": "Second."}
    )
    assert response.status_code == 409
    assert "Second Officer changed this assessment since you opened the page" in (
        response.content.decode()
    )
    assert j.refresh().screening_outcome == "full_assessment"
    assert (
        j.assessment.audit_events.filter(
            event_type__in=[EventType.SCREENING_CONFIRMED_FULL, EventType.SCREENING_CONFIRMED_OUT]
        ).count()
        == 1
    )


def test_stale_state_on_a_save_is_409(journey):
    j = journey.start()
    stale = j.stale_guard()  # the author opens the withdraw page...
    j.answer_screening(rurality=True).submit()  # ...then submits from another tab
    response = j.as_("pm").client.post(j.url("withdraw/"), stale | {"reason": "Dropped"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Priya Sharma changed this assessment since you opened the page" in page
    assert "screening submitted for review" in page


def test_a_stale_section_save_is_409(full, people):
    client = Client()
    client.force_login(people["pm"])
    stale = head(full)
    edit = {"assessment_id": full.pk, "by": people["pm"], "seen": stale}
    sections_services.save_proposal(**edit, data={"aims": "First save"})
    response = client.post(f"/assessments/{full.pk}/full/proposal/", {"aims": "x", "seen": stale})
    assert response.status_code == 409
    who = people["pm"].display_name
    assert f"{who} changed this assessment since you opened the page" in response.content.decode()


def test_a_stale_section_save_keeps_the_typed_text_beside_what_is_saved_now(full, people):
    """Nothing typed is lost: the page comes back with the user's text in the form, what is
    saved now beside it, and a fresh token, so saving again keeps theirs on purpose."""
    client = Client()
    client.force_login(people["pm"])
    stale = head(full)
    sections_services.save_proposal(
        assessment_id=full.pk,
        by=people["pm"],  # the same person in another tab counts as "someone" too
        seen=stale,
        data={"aims": "A co-author's aims, saved first."},
    )
    typed = "My careful paragraph about the mobile library, typed over an hour."
    response = client.post(f"/assessments/{full.pk}/full/proposal/", {"aims": typed, "seen": stale})
    assert response.status_code == 409
    page = response.content.decode()
    assert typed in page  # the user's text, in the form
    assert "What is saved now" in page and "A co-author&#x27;s aims, saved first." in page
    assert "Your text is kept below and was not saved yet" in page
    fresh = page.split('name="seen" value="')[1].split('"')[0]
    again = client.post(f"/assessments/{full.pk}/full/proposal/", {"aims": typed, "seen": fresh})
    assert again.status_code == 302
    full.full.refresh_from_db()
    assert full.full.aims == typed
