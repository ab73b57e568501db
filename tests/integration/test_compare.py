"""Comparing versions, and a record since its sign-off: rebuilt from the trail, in words."""

import pytest
from django.test import Client

from eia import compare
from eia.audit import head
from eia.models import Direction
from eia.services import actions, evidence, impacts, sections
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import stories

pytestmark = pytest.mark.django_db


def _page(assessment, by):
    return {"assessment_id": assessment.pk, "by": by, "seen": head(assessment)}


@pytest.fixture
def versions(people, organisation):
    first = builders.published(people, organisation)
    second = services.start_review(assessment_id=first.pk, seen=head(first), by=people["pm"])
    stories.answer_and_submit_screening(second, by=people["pm"], outcome="full_assessment")
    stories.confirm(second, by=people["officer"], outcome="full_assessment", reasons="Again.")
    second.refresh_from_db()
    pm = people["pm"]
    sections.save_proposal(**_page(second, pm), data={"aims": "Keep every branch open."})
    impacts.save_impact(
        **_page(second, pm),
        characteristic="age",
        data={"direction": Direction.NEGATIVE, "size": "minor", "who_affected": "Older people"},
    )
    item = second.evidence.get()
    evidence.remove_evidence(**_page(second, pm), evidence_id=item.pk)
    return first, second


def test_the_compare_page_lists_what_the_review_changed_and_nothing_else(versions, people):
    first, second = versions
    client = Client()
    client.force_login(people["officer"])
    page = client.get(f"/assessments/{second.pk}/compare/").content.decode()
    assert "What version 2 changed from version 1" in page
    assert "Keep every branch open." in page
    assert "Impact on Age" in page and "Neutral" in page and "Negative" in page
    assert "Removed" in page and "Library user survey 2026" in page
    found = compare.between_versions(first, second)
    items = {(d.item, d.what) for d in found}
    assert ("Engagement with Northshire Disability Forum", "") not in items  # unchanged: absent
    assert all(d.section != "Engagement and consultation" for d in found)


def test_version_one_has_nothing_to_compare_and_other_organisations_get_404(versions, people):
    first, second = versions
    client = Client()
    client.force_login(people["officer"])
    assert client.get(f"/assessments/{first.pk}/compare/").status_code == 404
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["equality_lead"])
    client.force_login(outsider)
    assert client.get(f"/assessments/{second.pk}/compare/").status_code == 404
    assert client.get(f"/assessments/{first.pk}/since-sign-off/").status_code == 404


def test_since_sign_off_shows_action_progress_reported_after_signing(people, organisation):
    published = builders.published(people, organisation)
    action = published.actions.first()
    actions.update_action_progress(
        action_id=action.pk, by=people["officer"], status="done", rag="green", progress_note=""
    )
    client = Client()
    client.force_login(people["dm"])
    page = client.get(f"/assessments/{published.pk}/since-sign-off/").content.decode()
    assert "What changed after the decision-maker signed" in page
    assert "Not started" in page and "Done" in page
    unsigned = builders.started(people, organisation)
    assert client.get(f"/assessments/{unsigned.pk}/since-sign-off/").status_code == 404
