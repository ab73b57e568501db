"""The assessment page's data, checked without HTTP: task list rows, what each person can do,
the trail in words and where each problem is fixed."""

import pytest

from eia.events import EventType
from eia.quality import Problem
from tests.support import builders
from workflows import presenters, services
from workflows.demo import stories

pytestmark = pytest.mark.django_db


def test_a_new_assessment_lists_screening_first_and_later_stages_cannot_start(people, organisation):
    assessment = builders.started(people, organisation)
    rows = presenters.task_list(assessment)
    assert [(row.title, row.status) for row in rows] == [
        ("Screening", presenters.NOT_STARTED),
        ("Equality officer review", presenters.CANNOT_START),
        ("Decision-maker sign-off", presenters.CANNOT_START),
        ("Publication", presenters.CANNOT_START),
    ]
    assert rows[0].href == f"/assessments/{assessment.pk}/screening/"


def test_a_screened_in_assessment_lists_its_sections_and_a_screened_out_one_skips_review(
    people, organisation
):
    screened_in = builders.at_officer_review(people, organisation)
    titles = [row.title for row in presenters.task_list(screened_in)]
    assert titles[1:7] == [
        "About the proposal",
        "Evidence",
        "Engagement and consultation",
        "Impact on each group",
        "Mitigations and actions",
        "Conclusion",
    ]
    out = builders.at_screening_review(people, organisation, outcome="screened_out")
    stories.confirm(out, by=people["officer"], outcome="screened_out", reasons="No impact.")
    out.refresh_from_db()
    titles = [row.title for row in presenters.task_list(out)]
    assert "Equality officer review" not in titles


def test_what_each_person_can_do_follows_the_rules(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    task = services.active_task(assessment)
    officer = [c.text for c in presenters.available_actions(people["officer"], assessment, task)]
    assert officer == ["Review the screening", "Claim this task"]
    author = [c.text for c in presenters.available_actions(people["pm"], assessment, task)]
    assert author == ["Withdraw the assessment"]
    lead = [c.text for c in presenters.available_actions(people["lead"], assessment, task)]
    assert "Reassign this task" in lead and "Withdraw the assessment" in lead


def test_the_trail_reads_as_words_with_the_stages_it_moved_between(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    rows = presenters.trail(assessment.audit_events.order_by("-sequence"))
    assert rows[0].label == EventType.SCREENING_SUBMITTED.label
    assert (rows[0].from_label, rows[0].to_label) == ("Screening", "Screening review")
    assert rows[0].actor_name == people["pm"].display_name  # the event's own fields show through


def test_problems_link_to_where_they_are_fixed(people, organisation):
    assessment = builders.started(people, organisation)
    links = presenters.problem_links(
        assessment,
        [
            Problem("impacts", "Record the impact", "disability"),
            Problem("conclusion", "Choose a conclusion"),
            Problem("", "Answer every question"),
        ],
    )
    base = f"/assessments/{assessment.pk}"
    assert [link.href for link in links] == [
        f"{base}/full/impacts/disability/",
        f"{base}/full/conclusion/",
        f"{base}/",
    ]
