"""Impacts carry the screening's levels (beside each group, and into a new impact), and the
groups with no different impact are recorded together: one page, one explanation each."""

import pytest
from django.test import Client

from eia.audit import head
from eia.events import EventType
from eia.models import Direction, Impact
from eia.services import impacts as impact_services
from tests.support import builders
from workflows import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(assessment, tail="no-different-impact/"):
    return f"/assessments/{assessment.pk}/full/impacts/{tail}"


def test_the_impact_table_shows_the_level_screening_recorded(full, people):
    page = _client(people["pm"]).get(_url(full, "")).content.decode()
    assert "Screening recorded" in page
    assert "Major, negative" in page  # disability, from the screening's impact grid
    assert f'href="{_url(full)}"' in page


def test_a_new_impact_starts_from_the_screening_level_and_says_so(full, people):
    page = _client(people["pm"]).get(_url(full, "disability/")).content.decode()
    assert "Screening recorded the likely impact on disabled people as" in page
    assert 'value="negative" checked' in page and 'value="major" checked' in page


def test_groups_with_no_different_impact_are_recorded_together_one_explanation_each(full, people):
    client = _client(people["pm"])
    page = client.get(_url(full)).content.decode()
    assert "Why is there no different impact on" in page
    response = client.post(
        _url(full),
        {
            "seen": head(full),
            "explain__age": "Opening hours change for everyone alike.",
            "explain__sex": "No difference by sex in the library survey.",
        },
    )
    assert response.status_code == 302
    impacts = {i.characteristic: i for i in Impact.objects.filter(assessment=full)}
    assert impacts["age"].direction == Direction.NEUTRAL
    assert impacts["sex"].who_affected == "No difference by sex in the library survey."
    assert "disability" not in impacts
    events = full.audit_events.filter(event_type=EventType.SECTION_EDITED).order_by("-sequence")
    assert {e.details["record"] for e in events[:2]} == {"impact:age", "impact:sex"}


def test_a_group_with_a_recorded_negative_impact_is_not_offered(full, people):
    impact_services.save_impact(
        assessment_id=full.pk,
        seen=head(full),
        by=people["pm"],
        characteristic="age",
        data={"direction": Direction.NEGATIVE, "size": "minor", "who_affected": "Older users."},
    )
    page = _client(people["pm"]).get(_url(full)).content.decode()
    assert 'name="explain__age"' not in page
    assert 'name="explain__sex"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Explain, for at least one group, why there is no different impact"),
        ({"explain__age": "   "}, "Explain, for at least one group"),
        ({"explain__age": "x" * 5001}, "characters or fewer"),
        ({"explain__age": "nul\x00"}, "Null characters are not allowed"),
        ({"explain__not_a_group": "Posted by hand."}, "Explain, for at least one group"),
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(full, people, data, message):
    before = head(full)
    response = _client(people["pm"]).post(_url(full), {"seen": head(full)} | data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert head(full) == before


def test_an_edit_of_one_groups_page_since_loading_is_a_409_not_a_silent_loss(full, people):
    seen = head(full)
    impact_services.save_impact(
        assessment_id=full.pk,
        seen=seen,
        by=people["pm"],
        characteristic="age",
        data={"direction": Direction.NEUTRAL, "who_affected": "Saved in another tab."},
    )
    response = _client(people["pm"]).post(
        _url(full), {"seen": seen, "explain__age": "From the group page."}
    )
    assert response.status_code == 409
    assert Impact.objects.get(assessment=full, characteristic="age").who_affected == (
        "Saved in another tab."
    )


def test_someone_who_cannot_edit_reads_it_and_cannot_post(full, people):
    officer = _client(people["officer"])
    assert officer.get(_url(full)).status_code == 200
    response = officer.post(_url(full), {"seen": head(full), "explain__age": "x"})
    assert response.status_code == 403
