"""eia.facts: the facts a sign-off froze, what differs now, and whether a recorded reason
covers exactly the facts as they stand."""

import pytest

from eia import facts
from eia.services.pipeline import change_item
from eia.services.signoff import explain_fact_change
from tests.support import builders

pytestmark = pytest.mark.django_db


def _fresh(assessment):
    assessment.refresh_from_db()
    return assessment


def test_nothing_is_frozen_before_sign_off(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    assert facts.frozen_facts(assessment) is None
    assert facts.changed_since_sign_off(assessment) == []
    assert facts.decided_facts(assessment)["title"] == "Hawford library"


def test_the_frozen_facts_are_the_items_at_signing_in_words(people, organisation):
    published = builders.published(people, organisation, title="Hawford library")
    item = published.pipeline_item
    frozen = facts.frozen_facts(published)
    assert frozen == facts.facts_of(item)
    assert frozen["decision_maker"] == people["dm"].display_name
    assert frozen["decision_date"] == item.decision_date.isoformat()
    assert facts.frozen_date(frozen) == item.decision_date


def test_changes_are_listed_in_the_forms_order_and_a_reason_covers_only_those(people, organisation):
    published = builders.published(people, organisation, title="Hawford library")
    item_id = published.pipeline_item_id
    change_item(item_id=item_id, by=people["lead"], changes={"decision_body": "Full Council"})
    change_item(item_id=item_id, by=people["lead"], changes={"title": "Hawford libraries"})
    changes = facts.changed_since_sign_off(_fresh(published))
    assert [c.name for c in changes] == ["title", "decision_body"]
    assert changes[0].signed == "Hawford library" and changes[0].now == "Hawford libraries"
    assert all(change.public for change in changes)
    # The public page keeps the decided facts.
    assert facts.decided_facts(published)["title"] == "Hawford library"

    explain_fact_change(assessment_id=published.pk, by=people["officer"], reason="Typo.")
    assert not facts.facts_status(_fresh(published)).needs_attention
    change_item(item_id=item_id, by=people["lead"], changes={"title": "Hawford library"})
    status = facts.facts_status(_fresh(published))
    assert [c.name for c in status.changes] == ["decision_body"] and status.needs_attention


def test_the_owner_and_decision_maker_are_not_public_facts():
    assert not facts.FactChange("owner", "Owner", "A", "B").public
    assert not facts.FactChange("decision_maker", "Named decision-maker", "A", "B").public
    assert facts.FactChange("title", "Title", "A", "B").public
