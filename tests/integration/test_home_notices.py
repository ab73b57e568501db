"""What is waiting, in counts, on the home page (workflows.notifications.waiting_for): tasks,
returns, the team queue, actions due and overdue, each linking to its list, at a constant cost."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.audit import head
from eia.models import Action
from tests.support import builders
from workflows import notifications, services

pytestmark = pytest.mark.django_db


def _texts(user, **kwargs):
    return {notice.text: notice for notice in notifications.waiting_for(user=user, **kwargs)}


def _home(user):
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_waiting_says_so(organisation, people):
    assert notifications.waiting_for(user=people["viewer"]) == []
    assert "Nothing is waiting for you." in _home(people["viewer"])


def test_the_author_sees_their_tasks_and_what_was_returned(organisation):
    people = builders.team(organisation)
    builders.started(people, organisation)
    returned = builders.at_screening_review(people, organisation)
    services.review_screening(
        assessment_id=returned.pk,
        seen=head(returned),
        by=people["officer"],
        decision=services.ScreeningDecision(services.RETURN, "Say more about staff."),
    )
    texts = _texts(people["pm"])
    assert set(texts) == {"2 tasks are waiting for you", "1 task was returned to you for changes"}
    assert texts["2 tasks are waiting for you"].href == "/tasks/"
    page = _home(people["pm"])
    assert '<a class="govuk-link" href="/tasks/">' in page
    assert "1 task was returned to you for changes" in page


def test_an_officer_sees_the_team_queue(organisation):
    people = builders.team(organisation)
    builders.at_screening_review(people, organisation)
    texts = _texts(people["officer"])
    assert texts["1 task is in the team queue for you to claim"].href == "/tasks/queue/"
    # The author of that work is not offered it.
    assert "1 task is in the team queue for you to claim" not in _texts(people["pm"])


def test_actions_due_soon_and_overdue_are_counted_for_their_owner(organisation):
    people = builders.team(organisation)
    published = builders.published(people, organisation)
    action = published.actions.get()
    Action.objects.filter(pk=action.pk).update(owner=people["pm"])
    today = timezone.localdate()
    Action.objects.filter(pk=action.pk).update(target_date=today + datetime.timedelta(days=3))
    assert "1 action is due in the next 14 days" in _texts(people["pm"], today=today)
    later = today + datetime.timedelta(days=10)
    overdue = _texts(people["pm"], today=later)["1 action is overdue"]
    assert overdue.important and overdue.href == "/tasks/actions/"


def test_the_home_page_costs_the_same_queries_with_2_and_8_tasks(organisation):
    people = builders.team(organisation)
    assessments = [builders.started(people, organisation) for _ in range(2)]
    client = Client()
    client.force_login(people["pm"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    small = queries()
    assessments += [builders.started(people, organisation) for _ in range(6)]
    assert "8 tasks are waiting for you" in _texts(people["pm"])
    assert queries() == small
