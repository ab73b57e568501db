"""A pipeline item's facts change only through one service, whatever the door: each change is on
the item's history and its assessment's trail with before and after values."""

import pytest
from django.test import Client

from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import PipelineChange
from eia.services.pipeline import change_item
from tests.factories import UserFactory
from tests.support import builders

pytestmark = pytest.mark.django_db


def test_an_admin_edit_of_a_published_items_title_is_on_its_history_and_its_trail(
    people, organisation
):
    published = builders.published(people, organisation, title="Hawford library closure")
    item = published.pipeline_item
    lead = people["lead"]
    lead.is_staff = True
    lead.save()
    client = Client()
    client.force_login(lead)
    response = client.post(
        f"/admin/eia/pipelineitem/{item.pk}/change/",
        builders.admin_item_form(item, title="Hawford library reshaping"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = PipelineChange.objects.get(item=item)
    assert change.changes == {"title": ["Hawford library closure", "Hawford library reshaping"]}
    assert change.actor_name == lead.display_name
    event = published.audit_events.order_by("-sequence").first()
    assert event.event_type == EventType.PIPELINE_CHANGED
    assert event.details["changes"] == change.changes


def test_the_owner_edits_details_but_only_the_lead_names_the_decision_maker(people, organisation):
    assessment = builders.started(people, organisation)
    item = assessment.pipeline_item
    old_summary = item.summary
    change_item(item_id=item.pk, by=people["pm"], changes={"summary": "A smaller service."})
    other = UserFactory(organisation=organisation, roles=["decision_maker"])
    with pytest.raises(NotAllowed):
        change_item(item_id=item.pk, by=people["pm"], changes={"decision_maker": other.pk})
    with pytest.raises(NotAllowed):
        change_item(item_id=item.pk, by=people["officer"], changes={"title": "Renamed"})
    change_item(item_id=item.pk, by=people["lead"], changes={"decision_maker": other.pk})
    assessment.refresh_from_db()
    assert other.has_perm("eia.decide_assessment", assessment)
    assert not people["dm"].has_perm("eia.decide_assessment", assessment)
    assert [row.changes for row in PipelineChange.objects.filter(item=item)] == [
        {"decision_maker": [people["dm"].display_name, other.display_name]},
        {"summary": [old_summary, "A smaller service."]},
    ]


def test_a_change_to_the_same_values_records_nothing_and_bad_values_are_refused(
    people, organisation
):
    assessment = builders.started(people, organisation)
    item = assessment.pipeline_item
    trail = assessment.audit_events.count()
    change_item(item_id=item.pk, by=people["lead"], changes={"title": item.title})
    assert not PipelineChange.objects.filter(item=item).exists()
    assert assessment.audit_events.count() == trail
    with pytest.raises(InvalidInput, match="The title must be 200 characters or fewer"):
        change_item(item_id=item.pk, by=people["lead"], changes={"title": "x" * 201})
    with pytest.raises(InvalidInput, match="cannot be the proposal's owner"):
        change_item(item_id=item.pk, by=people["lead"], changes={"decision_maker": item.owner_id})
    with pytest.raises(InvalidInput, match="cannot be changed here"):
        change_item(item_id=item.pk, by=people["lead"], changes={"reference": "NEW-1"})
    item.refresh_from_db()
    assert len(item.title) <= 200 and item.reference != "NEW-1"
