"""Field-level history: replaying a version's trail rebuilds its content exactly, at the end and
at every moment in between, and every edit records each field's value before and after."""

import pytest

from eia.audit import head
from eia.history import content_at, content_now
from eia.models import Direction
from eia.services import actions, engagement, evidence, impacts, sections
from tests.support import builders
from workflows import services
from workflows.demo import stories

pytestmark = pytest.mark.django_db


def _page(assessment, by):
    return {"assessment_id": assessment.pk, "by": by, "seen": head(assessment)}


@pytest.fixture
def full(people, organisation):
    assessment = builders.at_screening_review(people, organisation, rurality=True)
    stories.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    assessment.refresh_from_db()
    return assessment


def test_replaying_the_trail_rebuilds_the_content_at_every_step(full, people):
    pm = people["pm"]
    moments = []

    def step():
        moments.append((head(full), content_now(full)))

    stories.complete_full(full, by=pm)
    step()
    item = evidence.save_evidence(
        **_page(full, pm), data={"title": "Bus timetables", "shows": "Two buses a day."}
    )
    step()
    impacts.save_impact(
        **_page(full, pm),
        characteristic="age",
        data={"direction": Direction.NEGATIVE, "size": "minor", "who_affected": "Older people"},
        evidence_ids=[item.pk],
    )
    step()
    evidence.remove_evidence(**_page(full, pm), evidence_id=item.pk)  # the impact stops citing it
    step()
    row = full.engagement.get()
    engagement.remove_engagement(**_page(full, pm), engagement_id=row.pk)
    step()
    evidence.declare_gap(**_page(full, pm), description="No data on carers.", owner_id=pm.pk)
    step()
    stories.complete_rurality(full, by=pm)
    step()
    sections.save_conclusion(
        **_page(full, pm),
        data={"conclusion": "continue", "justification": "No alternative.", "review_date": None},
        related_item_ids=[],
    )
    step()
    for sequence, expected in moments:
        rebuilt = content_at(full, sequence=sequence)
        assert rebuilt.complete
        assert rebuilt.content == expected, sequence
    assert content_at(full).content == content_now(full)


def test_action_progress_after_sign_off_is_history_too(people, organisation):
    published = builders.published(people, organisation)
    action = published.actions.first()
    actions.update_action_progress(
        action_id=action.pk, by=people["officer"], status="done", rag="green", progress_note="Ok"
    )
    assert content_at(published).content == content_now(published)


def test_every_edit_records_before_and_after_values(full, people):
    pm = people["pm"]
    impacts.save_impact(
        **_page(full, pm), characteristic="age", data={"direction": Direction.NEUTRAL}
    )
    impacts.save_impact(
        **_page(full, pm),
        characteristic="age",
        data={"direction": Direction.NEGATIVE, "size": "major", "who_affected": "Older people"},
    )
    rows = full.audit_events.order_by("-sequence").first().details["rows"]
    assert rows == [
        {
            "row": "impact:age",
            "op": "update",
            "fields": {
                "direction": ["neutral", "negative"],
                "size": ["", "major"],
                "who_affected": ["", "Older people"],
            },
        }
    ]


def test_a_review_version_is_rebuilt_from_its_own_trail(people, organisation):
    published = builders.published(people, organisation)
    review = services.start_review(
        assessment_id=published.pk, seen=head(published), by=people["pm"]
    )
    assert content_at(review).content == content_now(review)
    started = review.audit_events.order_by("sequence").first().details["rows"]
    copied = {row["copied_from"] for row in started if "copied_from" in row}
    assert copied == set(content_now(published)) - {"screening"}
    # The review goes on being rebuilt as its author updates it.
    stories.answer_and_submit_screening(review, by=people["pm"], outcome="full_assessment")
    stories.confirm(review, by=people["officer"], outcome="full_assessment", reasons="Again.")
    review.refresh_from_db()
    sections.save_proposal(**_page(review, people["pm"]), data={"aims": "New aims."})
    assert content_at(review).content == content_now(review)
    assert content_at(review).content["full"]["aims"] == "New aims."
