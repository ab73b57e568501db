"""'Your tasks' and 'Team queue': what they show, and that their cost does not grow with size."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.audit import head
from eia.services import co_authors as co_authors_services
from eia.services import screening as screening_services
from tests.support import builders
from tests.support.screening_answers import answers_for
from workflows import services
from workflows.selectors import tasks as selectors

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow_to(people, organisation, assessments, count):
    while len(assessments) < count:
        assessments.append(builders.started(people, organisation))


def _submit_all(people, assessments):
    for assessment in assessments:
        if assessment.state != "screening":
            continue
        screening_services.save_screening_answers(
            assessment_id=assessment.pk,
            by=people["pm"],
            seen=head(assessment),
            answers=answers_for("screened_out"),
        )
        services.submit_screening(
            assessment_id=assessment.pk,
            seen=head(assessment),
            by=people["pm"],
        )
        assessment.refresh_from_db()


def test_task_pages_cost_the_same_queries_with_2_and_20_tasks(organisation):
    """Constant, not merely small: one more row costs no more queries. (Speed at scale is
    measured in the benchmarks, not here.)"""
    people = builders.team(organisation)
    pm, officer = Client(), Client()
    pm.force_login(people["pm"])
    officer.force_login(people["officer"])
    assessments = []
    counts = {}
    for size in (2, 20):
        _grow_to(people, organisation, assessments, size)
        assert len(selectors.tasks_for(user=people["pm"])) == size
        counts[("mine", size)] = _queries(pm, "/tasks/")
    for size in (2, 20):
        _submit_all(people, assessments[:size])
        assert len(selectors.team_queue(user=people["officer"])) == size
        counts[("queue", size)] = _queries(officer, "/tasks/queue/")
    assert counts[("mine", 2)] == counts[("mine", 20)], counts
    assert counts[("queue", 2)] == counts[("queue", 20)], counts


def test_your_tasks_shows_due_dates_and_overdue_flags(organisation):
    people = builders.team(organisation)
    soon = timezone.localdate() + datetime.timedelta(days=3)
    later = timezone.localdate() + datetime.timedelta(days=400)
    overdue = builders.started(people, organisation, decision_date=soon, title="Urgent closure")
    fine = builders.started(people, organisation, decision_date=later, title="Long-term plan")
    rows = selectors.tasks_for(user=people["pm"])
    assert [row.assessment.pk for row in rows] == [overdue.pk, fine.pk]  # soonest due first
    assert rows[0].overdue and not rows[1].overdue
    client = Client()
    client.force_login(people["pm"])
    page = client.get("/tasks/").content.decode()
    assert page.count("Overdue") == 1
    assert "Urgent closure" in page and "Long-term plan" in page


def test_co_authors_see_author_tasks_in_their_list(organisation, make_user):
    from eia.authorization import Role

    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    colleague = make_user(Role.PROJECT_MANAGER)
    assert selectors.tasks_for(user=colleague) == []
    co_authors_services.add_co_author(
        assessment_id=assessment.pk, by=people["pm"], user_id=colleague.pk
    )
    assert [row.assessment.pk for row in selectors.tasks_for(user=colleague)] == [assessment.pk]


def test_team_queue_and_claim_from_the_list(organisation):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(people, organisation, title="Library redesign")
    client = Client()
    client.force_login(people["officer"])
    page = client.get("/tasks/queue/").content.decode()
    assert "Library redesign" in page and "Review the screening" in page
    task = services.active_task(assessment)
    assert client.post(f"/tasks/{task.pk}/claim/").status_code == 302
    assert "Library redesign" not in client.get("/tasks/queue/").content.decode()
    assert "Library redesign" in client.get("/tasks/").content.decode()


def test_a_larger_work_in_hand_than_a_list_is_found_by_subquery(organisation, monkeypatch):
    """The work in hand goes to the database as a list of process ids up to a limit, past it
    as a subquery: the queue is the same either way."""
    people = builders.team(organisation)
    for title in ("First review", "Second review", "Third review"):
        builders.at_screening_review(people, organisation, title=title)
    listed = {row.assessment.title for row in selectors.team_queue(user=people["officer"])}
    monkeypatch.setattr(selectors, "PROCESS_LIST_AT_MOST", 2)
    assert not isinstance(selectors._processes_in(organisation.pk, ["screening_review"]), list)
    by_subquery = {row.assessment.title for row in selectors.team_queue(user=people["officer"])}
    assert listed == by_subquery == {"First review", "Second review", "Third review"}
