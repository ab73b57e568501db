"""Equality actions in their owner's task list ("Your tasks" → "Your actions").

Actions are created with the ORM: the services that edit them belong to the full assessment.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.audit import head
from eia.authorization import Role
from eia.models import Action
from eia.pagination import PAGE_SIZE
from eia.selectors.actions import actions_for
from tests.support import builders
from workflows import services

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 22)


def action(assessment, owner, title, **fields):
    return Action.objects.create(assessment=assessment, owner=owner, title=title, **fields)


def _page(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/tasks/")
    assert response.status_code == 200
    return response.content.decode()


def _actions_table(page: str) -> str:
    return page.split('id="table-your-actions"')[1].split("</table>")[0]


def test_open_actions_are_listed_soonest_first_with_overdue_flags(organisation):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation, title="Library closure")
    owner = people["officer"]
    later = action(assessment, owner, "Later", target_date=TODAY + datetime.timedelta(days=20))
    undated = action(assessment, owner, "Undated")
    late = action(
        assessment,
        owner,
        "Late",
        target_date=TODAY - datetime.timedelta(days=1),
        status=Action.Status.IN_PROGRESS,
    )
    due_today = action(assessment, owner, "Due today", target_date=TODAY)
    action(assessment, owner, "Finished", target_date=TODAY, status=Action.Status.DONE)
    action(assessment, owner, "Dropped", target_date=TODAY, status=Action.Status.CANCELLED)
    action(assessment, people["pm"], "Someone else's", target_date=TODAY)
    rows = actions_for(user=owner, today=TODAY)
    assert [row.action for row in rows] == [late, due_today, later, undated]
    assert [row.overdue for row in rows] == [True, False, False, False]


def test_your_actions_table_shows_assessment_link_status_and_rag_in_words(organisation):
    people = builders.team(organisation)
    assessment = builders.started(people, organisation, title="Library closure")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    action(
        assessment,
        people["pm"],
        "Mobile library route",
        target_date=yesterday,
        rag=Action.Rag.RED,
        status=Action.Status.IN_PROGRESS,
    )
    action(
        assessment, people["pm"], "Survey rural users", target_date=tomorrow, rag=Action.Rag.AMBER
    )
    action(
        assessment,
        people["pm"],
        "Publish timetable",
        target_date=tomorrow,
        rag=Action.Rag.GREEN,
        kind=Action.Kind.RURAL,
    )
    action(assessment, people["pm"], "Unrated step", target_date=tomorrow)
    table = _actions_table(_page(people["pm"]))
    assert f'href="/assessments/{assessment.pk}/"' in table
    assert "Library closure" in table
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in table
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in table
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in table
    assert '<strong class="govuk-tag govuk-tag--grey">Not rated</strong>' in table
    assert "In progress" in table and "Not started" in table and "Rural tailoring" in table
    assert table.count("Overdue") == 1
    late_row = table.split("Mobile library route")[1].split("</tr>")[0]
    assert "Overdue" in late_row and f"{yesterday.day} {yesterday:%b %Y}" in late_row


def test_no_actions_says_so(organisation):
    people = builders.team(organisation)
    assert "You own no open equality actions." in _page(people["pm"])


def test_actions_from_other_organisations_and_withdrawn_assessments_are_not_listed(
    organisation, other_organisation
):
    people = builders.team(organisation)
    theirs = builders.team(other_organisation)
    foreign = builders.started(theirs, other_organisation, title="Eastdale plan")
    # A data slip: our user named as the owner of another organisation's action.
    action(foreign, people["pm"], "Foreign action", target_date=TODAY)
    withdrawn = builders.started(people, organisation, title="Dropped proposal")
    action(withdrawn, people["pm"], "Lapsed action", target_date=TODAY)
    services.withdraw(
        assessment_id=withdrawn.pk,
        by=people["pm"],
        seen=head(withdrawn),
        reason="The proposal was dropped.",
    )
    kept = builders.started(people, organisation, title="Kept proposal")
    mine = action(kept, people["pm"], "My action", target_date=TODAY)
    assert [row.action for row in actions_for(user=people["pm"], today=TODAY)] == [mine]
    table = _actions_table(_page(people["pm"]))
    assert "My action" in table
    assert "Foreign action" not in table and "Eastdale plan" not in table
    assert "Lapsed action" not in table


def test_your_tasks_costs_the_same_queries_and_rows_with_10_and_300_actions(
    organisation, make_user
):
    """Your tasks names the ten soonest actions and links to all of them, a page at a time."""
    people = builders.team(organisation)
    owner = make_user(Role.PROJECT_MANAGER)
    assessments = [builders.started(people, organisation) for _ in range(3)]
    client = Client()
    client.force_login(owner)
    client.get("/tasks/")  # once first: caches the process fills on its first request
    counts = {}
    made = 0
    for size in (10, 300):
        Action.objects.bulk_create(
            Action(
                assessment=assessments[n % 3],
                owner=owner,
                title=f"Action {n}",
                target_date=TODAY + datetime.timedelta(days=n % 40),
                rag=list(Action.Rag)[n % 3],
            )
            for n in range(made, size)
        )
        made = size
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/tasks/").content.decode()
        counts[size] = len(captured)
        assert _actions_table(page).count('<tr class="govuk-table__row">') == 10 + 1  # + head
    assert counts[10] == counts[300], counts
    assert "See all 300 of your actions" in page
    everything = client.get("/tasks/actions/").content.decode()
    assert _actions_table(everything).count('<tr class="govuk-table__row">') == PAGE_SIZE + 1
    assert f"page 1 of {-(-300 // PAGE_SIZE)}, 300 in all" in everything
    last = client.get(f"/tasks/actions/?page={-(-300 // PAGE_SIZE)}").content.decode()
    titles = re.compile(r"<td class=\"govuk-table__cell\">(Action \d+)<br>")
    first_titles = set(titles.findall(_actions_table(everything)))
    last_titles = set(titles.findall(_actions_table(last)))
    assert len(first_titles) == len(last_titles) == PAGE_SIZE
    assert not first_titles & last_titles
    for bad in ("abc", "-1", "0", "99999"):  # a bad page number shows a page, never a 500
        assert client.get(f"/tasks/actions/?page={bad}").status_code == 200
    assert client.get("/tasks/actions/?page=%00").status_code == 400  # NUL: refused, said why
