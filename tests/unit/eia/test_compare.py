"""Changes in words: the trail's sentences and the compare pages' rows."""

import pytest

from eia.audit import head
from eia.compare import differences, edit_sentences
from eia.models import Direction
from eia.services import evidence, impacts, sections
from tests.support import builders
from workflows.demo import stories

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    stories.confirm(assessment, by=people["officer"], outcome="full_assessment", reasons="x")
    assessment.refresh_from_db()
    return assessment


def _last_rows(assessment):
    return assessment.audit_events.order_by("-sequence").first().details["rows"]


def _page(assessment, by):
    return {"assessment_id": assessment.pk, "by": by, "seen": head(assessment)}


def test_edits_read_as_sentences(full, people):
    pm = people["pm"]
    evidence.save_evidence(
        **_page(full, pm), data={"title": "Library visitor survey 2025", "shows": "Visits."}
    )
    assert edit_sentences(full, _last_rows(full)) == [
        "Evidence: Library visitor survey 2025: added"
    ]
    impacts.save_impact(**_page(full, pm), characteristic="age", data={"direction": "neutral"})
    impacts.save_impact(
        **_page(full, pm),
        characteristic="age",
        data={"direction": Direction.NEGATIVE, "size": "minor"},
    )
    assert edit_sentences(full, _last_rows(full)) == [
        "Impact on Age changed: likely impact (Neutral to Negative); size (blank to Minor)"
    ]
    sections.mark_section(**_page(full, pm), section="evidence", completed=True)
    assert edit_sentences(full, _last_rows(full)) == [
        "The assessment changed: Evidence marked as completed"
    ]


def test_long_text_changes_are_named_not_quoted(full, people):
    sections.save_proposal(**_page(full, people["pm"]), data={"aims": "x" * 300})
    sections.save_proposal(**_page(full, people["pm"]), data={"aims": "y" * 300})
    assert edit_sentences(full, _last_rows(full)) == [
        "The assessment changed: aims of the proposal"
    ]


def test_differences_report_added_removed_and_changed_rows(full):
    before = {
        "evidence:1": {"title": "Old survey", "shows": "a"},
        "impact:age": {"direction": "neutral"},
    }
    after = {
        "evidence:2": {"title": "New survey", "shows": "b"},
        "impact:age": {"direction": "negative"},
    }
    found = differences(full, before, after)
    assert [(d.item, d.kind) for d in found] == [
        ("Evidence: New survey", "added"),
        ("Evidence: Old survey", "removed"),
        ("Impact on Age", "changed"),
    ]
    assert (found[2].before, found[2].after) == ("Neutral", "Negative")
