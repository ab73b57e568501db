"""The decision calendar and the flag on decisions close to their date, there and in task lists.

Dates are fixed by passing `today=` to the selectors. Around Easter 2027 (Good Friday 26 March,
Easter Monday 29 March): from Monday 22 March, the 10th working day is Wednesday 7 April in
England but Tuesday 6 April in Scotland, where Easter Monday is not a bank holiday. Counting
weekdays alone would make 7 April the 12th.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.audit import head
from eia.authorization import Role
from eia.calendar import add_working_days
from tests.factories import DirectorateFactory, OrganisationFactory, PipelineItemFactory
from tests.support import builders
from workflows import services
from workflows.selectors import tasks as selectors
from workflows.selectors.calendar import (
    PAGE_ROWS,
    WINDOW_DAYS,
    decision_calendar,
    decisions_at_risk,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 22)
TENTH_IN_ENGLAND = datetime.date(2027, 4, 7)
ELEVENTH_IN_ENGLAND = datetime.date(2027, 4, 8)


def _rows_by_title(calendar):
    return {row.item.title: row for row in calendar.rows}


def signed_off(people, organisation, **item_fields):
    assessment = builders.at_officer_review(people, organisation, **item_fields)
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    return builders.sign(people, assessment)


def test_flag_at_10_working_days_and_not_at_11_counting_bank_holidays(organisation):
    people = builders.team(organisation)
    PipelineItemFactory(organisation=organisation, title="Tenth", decision_date=TENTH_IN_ENGLAND)
    PipelineItemFactory(
        organisation=organisation, title="Eleventh", decision_date=ELEVENTH_IN_ENGLAND
    )
    rows = _rows_by_title(decision_calendar(user=people["officer"], today=MONDAY))
    assert rows["Tenth"].days_left == 10
    assert rows["Tenth"].flag == "Decision in 10 working days: not signed off"
    assert rows["Eleventh"].days_left is None
    assert rows["Eleventh"].flag == ""


def test_working_days_follow_the_organisations_nation(db):
    scottish = OrganisationFactory(nation="scotland")
    people = builders.team(scottish)
    PipelineItemFactory(
        organisation=scottish, title="Sixth April", decision_date=datetime.date(2027, 4, 6)
    )
    PipelineItemFactory(
        organisation=scottish, title="Seventh April", decision_date=TENTH_IN_ENGLAND
    )
    rows = _rows_by_title(decision_calendar(user=people["officer"], today=MONDAY))
    assert rows["Sixth April"].flag == "Decision in 10 working days: not signed off"
    assert rows["Seventh April"].flag == ""  # Easter Monday is a working day in Scotland


@pytest.mark.parametrize(
    ("decision_date", "expected"),
    [
        (MONDAY, "Decision today: not signed off"),
        (datetime.date(2027, 3, 23), "Decision in 1 working day: not signed off"),
        (datetime.date(2027, 3, 19), "Decision date passed: not signed off"),
    ],
)
def test_flag_words_for_today_tomorrow_and_passed(organisation, decision_date, expected):
    people = builders.team(organisation)
    PipelineItemFactory(organisation=organisation, title="Item", decision_date=decision_date)
    assert (
        _rows_by_title(decision_calendar(user=people["pm"], today=MONDAY))["Item"].flag == expected
    )


def test_signed_off_and_published_decisions_are_not_flagged(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    soon = add_working_days(today, 3)
    in_review = builders.at_officer_review(
        people, organisation, title="In review", decision_date=soon
    )
    signed = signed_off(people, organisation, title="Signed", decision_date=soon)
    published = builders.published(people, organisation, title="Published", decision_date=soon)
    PipelineItemFactory(organisation=organisation, title="Not started", decision_date=soon)
    rows = _rows_by_title(decision_calendar(user=people["officer"], today=today))
    assert rows["In review"].status == "Equality officer review"
    assert rows["In review"].assessment == in_review
    assert rows["In review"].flag == "Decision in 3 working days: not signed off"
    assert rows["Not started"].status == "No assessment"
    assert rows["Not started"].flag == "Decision in 3 working days: not signed off"
    assert (rows["Signed"].status, rows["Signed"].flag, rows["Signed"].assessment) == (
        "Signed off",
        "",
        signed,
    )
    assert (rows["Published"].status, rows["Published"].flag) == ("Published", "")
    assert rows["Published"].assessment == published


def test_a_review_in_progress_keeps_the_published_status(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    published = builders.published(
        people, organisation, title="Reviewed", decision_date=add_working_days(today, 2)
    )
    review = services.start_review(
        assessment_id=published.pk, seen=head(published), by=people["pm"]
    )
    row = _rows_by_title(decision_calendar(user=people["pm"], today=today))["Reviewed"]
    assert (row.status, row.flag) == ("Published", "")
    assert row.in_progress == review
    # and the review's task is not flagged either: the decision had its signed-off assessment
    (task_row,) = selectors.tasks_for(user=people["pm"], today=today)
    assert task_row.assessment == review
    assert task_row.decision_soon is None and task_row.decision_flag == ""


def test_past_decisions_stay_for_30_days_only_while_not_signed_off(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    for days_ago in (30, 31):
        PipelineItemFactory(
            organisation=organisation,
            title=f"{days_ago} days ago",
            decision_date=today - datetime.timedelta(days=days_ago),
        )
    done = builders.published(people, organisation, title="Done")
    done.pipeline_item.decision_date = today - datetime.timedelta(days=5)
    done.pipeline_item.save()
    rows = _rows_by_title(decision_calendar(user=people["officer"], today=today))
    assert rows["30 days ago"].flag == "Decision date passed: not signed off"
    assert "31 days ago" not in rows
    assert "Done" not in rows


def test_other_organisations_decisions_never_appear(organisation, other_organisation):
    people = builders.team(organisation)
    theirs = builders.team(other_organisation)
    today = timezone.localdate()
    ours = PipelineItemFactory(
        organisation=organisation, title="Our decision", decision_date=add_working_days(today, 2)
    )
    foreign = builders.started(
        theirs,
        other_organisation,
        title="Their secret decision",
        decision_date=add_working_days(today, 2),
    )
    assert [row.item for row in decision_calendar(user=people["officer"]).rows] == [ours]
    assert [row.item for row in decisions_at_risk(user=people["officer"]).rows] == [ours]
    assert selectors.tasks_for(user=people["pm"]) == []
    client = Client()
    client.force_login(people["officer"])
    directorate = foreign.pipeline_item.directorate_id
    for url in (
        "/decisions/",
        "/decisions/?at_risk=on",
        f"/decisions/?directorate={directorate}",
        "/decisions/?body=Cabinet",
        "/",
        "/tasks/queue/",
    ):
        page = client.get(url).content.decode()
        assert "Their secret decision" not in page, url
        assert foreign.pipeline_item.directorate.name not in page, url
    # A directorate that is not ours is not a filter on offer: it is refused, not applied.
    page = client.get(f"/decisions/?directorate={directorate}").content.decode()
    assert "Select a directorate from the list" in page and "Our decision" in page


def test_user_without_an_organisation_sees_no_decisions(client, organisation):
    from eia.models import User

    PipelineItemFactory(organisation=organisation, title="Hidden")
    stray = User.objects.create_user("stray", password="correct-horse-battery")
    client.force_login(stray)
    response = client.get("/decisions/")
    assert response.status_code == 200
    assert "Hidden" not in response.content.decode()


def test_calendar_requires_sign_in(client):
    response = client.get("/decisions/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_calendar_page_groups_by_body_and_date_with_status_and_links(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    first = add_working_days(today, 4)
    later = add_working_days(today, 25)
    started = builders.started(
        people, organisation, title="Library closure", decision_body="Cabinet", decision_date=first
    )
    PipelineItemFactory(
        organisation=organisation, title="Bus routes", decision_body="Cabinet", decision_date=first
    )
    PipelineItemFactory(
        organisation=organisation,
        title="Parks staffing",
        decision_body="Employment Committee",
        decision_date=later,
    )
    client = Client()
    client.force_login(people["pm"])
    page = client.get("/decisions/").content.decode()
    cabinet = f"Cabinet, {first:%A} {first.day} {first:%B %Y}"
    committee = f"Employment Committee, {later:%A} {later.day} {later:%B %Y}"
    assert page.index(cabinet) < page.index("Library closure") < page.index(committee)
    assert page.index(cabinet) < page.index("Bus routes") < page.index(committee)
    assert page.index(committee) < page.index("Parks staffing")
    assert "2 of 2 at risk" in page
    assert page.count("Decision in 4 working days: not signed off") == 2
    assert f'href="/assessments/{started.pk}/"' in page
    assert ">Screening</strong>" in page and ">No assessment</strong>" in page
    assert "3 decisions" in page


def test_filters_by_decision_body_directorate_and_risk(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    housing = DirectorateFactory(organisation=organisation, name="Housing")
    PipelineItemFactory(
        organisation=organisation,
        title="Cabinet item",
        decision_body="Cabinet",
        decision_date=add_working_days(today, 30),
    )
    PipelineItemFactory(
        organisation=organisation,
        title="Council item",
        decision_body="Full Council",
        directorate=housing,
        decision_date=add_working_days(today, 2),
    )
    client = Client()
    client.force_login(people["pm"])

    def titles(query):
        page = client.get("/decisions/" + query).content.decode()
        return {title for title in ("Cabinet item", "Council item") if title in page}

    assert titles("") == {"Cabinet item", "Council item"}
    assert titles("?body=Cabinet") == {"Cabinet item"}
    assert titles(f"?directorate={housing.pk}") == {"Council item"}
    assert titles("?at_risk=on") == {"Council item"}
    assert titles("?body=Cabinet&at_risk=on") == set()
    assert (
        "No decisions match these filters"
        in client.get("/decisions/?body=Cabinet&at_risk=on").content.decode()
    )


def test_calendar_costs_the_same_queries_with_2_and_20_decisions(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    client = Client()
    client.force_login(people["officer"])
    counts = {}
    made = 0
    for size in (2, 20):
        while made < size:
            made += 1
            if made % 2 == 0:
                builders.started(people, organisation, decision_date=add_working_days(today, made))
            else:
                PipelineItemFactory(
                    organisation=organisation,
                    owner=people["pm"],
                    decision_date=add_working_days(today, made),
                )
        assert len(decision_calendar(user=people["officer"], today=today).rows) == size
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/decisions/").status_code == 200
        counts[size] = len(captured)
    assert counts[2] == counts[20], counts


def test_task_lists_carry_the_flag_at_10_working_days_not_11(organisation):
    people = builders.team(organisation)
    builders.started(people, organisation, title="Tenth", decision_date=TENTH_IN_ENGLAND)
    builders.at_screening_review(
        people, organisation, title="Queue tenth", decision_date=TENTH_IN_ENGLAND
    )
    builders.started(people, organisation, title="Eleventh", decision_date=ELEVENTH_IN_ENGLAND)
    mine = {
        row.assessment.title: row for row in selectors.tasks_for(user=people["pm"], today=MONDAY)
    }
    assert mine["Tenth"].decision_soon == 10
    assert mine["Tenth"].decision_flag == "Decision in 10 working days: not signed off"
    assert mine["Eleventh"].decision_soon is None and mine["Eleventh"].decision_flag == ""
    (queued,) = selectors.team_queue(user=people["officer"], today=MONDAY)
    assert (queued.assessment.title, queued.decision_soon) == ("Queue tenth", 10)


def test_task_pages_show_the_flag_and_the_queue_summarises_decisions_at_risk(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    builders.started(
        people, organisation, title="Urgent screening", decision_date=add_working_days(today, 10)
    )
    builders.started(
        people, organisation, title="Calm screening", decision_date=add_working_days(today, 11)
    )
    builders.at_screening_review(
        people, organisation, title="Urgent review", decision_date=add_working_days(today, 2)
    )
    pm, officer = Client(), Client()
    pm.force_login(people["pm"])
    officer.force_login(people["officer"])
    mine = pm.get("/tasks/").content.decode()
    assert "Urgent screening" in mine and "Calm screening" in mine
    assert mine.count("Decision in 10 working days: not signed off") == 1
    assert "working days: not signed off" not in mine.split("Calm screening")[1].split("</tr>")[0]
    queue = officer.get("/tasks/queue/").content.decode()
    summary = queue.split("Decisions at risk")[1].split("Unclaimed tasks")[0]
    assert "2 decisions in the next 10 working days are not signed off" in summary
    assert "Urgent screening" in summary and "Urgent review" in summary
    assert "Calm screening" not in summary
    # the queue's own row carries the flag too
    assert "Decision in 2 working days: not signed off" in queue.split("Unclaimed tasks")[1]
    # project managers have no team queue summary
    assert "Decisions at risk" not in pm.get("/tasks/queue/").content.decode()


def test_the_queue_names_the_ten_soonest_decisions_at_risk_and_counts_the_rest(
    organisation, other_organisation
):
    people = builders.team(organisation)
    today = timezone.localdate()
    for n in range(12):
        builders.started(
            people,
            organisation,
            title=f"Urgent {n:02}",
            decision_date=add_working_days(today, 1 + n % 9),
        )
    officer = Client()
    officer.force_login(people["officer"])
    queue = officer.get("/tasks/queue/").content.decode()
    summary = queue.split("Decisions at risk")[1].split("Unclaimed tasks")[0]
    assert "12 decisions in the next 10 working days are not signed off" in summary
    assert summary.count("<li>") == 10
    assert "See all 12 decisions at risk in the decision calendar" in summary
    risk = decisions_at_risk(user=people["officer"])
    assert (len(risk.soonest), risk.upcoming_at_risk, risk.passed_at_risk) == (10, 12, 0)
    # Counted in the database, the soonest fetched: the same queries for two as for twelve.
    with CaptureQueriesContext(connection) as twelve:
        decisions_at_risk(user=people["officer"])
    few = builders.team(other_organisation)
    for n in range(2):
        builders.started(
            few, other_organisation, title=f"Few {n}", decision_date=add_working_days(today, 2)
        )
    decisions_at_risk(user=few["officer"])  # warm: the user's organisation is then loaded
    with CaptureQueriesContext(connection) as two:
        assert decisions_at_risk(user=few["officer"]).total == 2
    assert len(two) == len(twelve)


def test_home_page_tells_officers_and_leads_how_many_decisions_are_at_risk(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    PipelineItemFactory(organisation=organisation, decision_date=add_working_days(today, 1))
    builders.published(people, organisation, decision_date=add_working_days(today, 1))
    PipelineItemFactory(organisation=organisation, decision_date=add_working_days(today, 40))
    for who in ("officer", "lead"):
        client = Client()
        client.force_login(people[who])
        page = client.get("/").content.decode()
        assert "1 decision in the next 10 working days is not signed off" in page, who
        assert "/decisions/?at_risk=on" in page
    client = Client()
    client.force_login(people["pm"])
    assert "not signed off" not in client.get("/").content.decode()


def test_home_page_says_so_when_nothing_is_at_risk(organisation):
    people = builders.team(organisation)
    builders.published(
        people, organisation, decision_date=add_working_days(timezone.localdate(), 1)
    )
    client = Client()
    client.force_login(people["officer"])
    page = client.get("/").content.decode()
    assert "No decision in the next 10 working days is waiting for sign-off" in page


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_the_decision_calendar_in_the_navigation(make_user, role):
    client = Client()
    client.force_login(make_user(role))
    page = client.get("/").content.decode()
    assert 'href="/decisions/"' in page and "Decision calendar" in page


def test_no_tasks_message_points_only_officers_to_the_queue(organisation):
    people = builders.team(organisation)
    officer, pm = Client(), Client()
    officer.force_login(people["officer"])
    pm.force_login(people["pm"])
    assert "Unclaimed reviews are in the" in officer.get("/tasks/").content.decode()
    assert "Unclaimed reviews are in the" not in pm.get("/tasks/").content.decode()


@pytest.mark.parametrize(
    ("decision_date", "expected"),
    [
        (datetime.date(2027, 4, 23), 10),  # Friday: the 10th working day after Friday 9 April
        (datetime.date(2027, 4, 24), 10),  # a Saturday meeting: still 10 working days away
        (datetime.date(2027, 4, 26), None),  # Monday: the 11th
    ],
)
def test_working_days_left_across_a_weekend(decision_date, expected):
    from workflows.selectors.calendar import working_days_left

    today = datetime.date(2027, 4, 9)
    assert working_days_left(decision_date, today=today, nation="england") == expected


def test_a_busy_window_is_cut_between_two_dates_and_later_goes_on_from_there(organisation):
    """A page of the calendar shows at most PAGE_ROWS decisions, never splitting one day, and
    the at-risk warning still counts the decisions left for the next page."""
    people = builders.team(organisation)
    today = timezone.localdate()
    for day in range(PAGE_ROWS + 10):
        PipelineItemFactory(
            organisation=organisation,
            owner=people["pm"],
            decision_date=today + datetime.timedelta(days=day // 2),
        )
    first = decision_calendar(user=people["officer"], today=today)
    assert PAGE_ROWS - 1 <= len(first.rows) <= PAGE_ROWS
    assert first.more == PAGE_ROWS + 10 - len(first.rows)
    last_shown = max(row.item.decision_date for row in first.rows)
    assert first.end == last_shown + datetime.timedelta(days=1)
    later = decision_calendar(user=people["officer"], today=today, start=first.end)
    assert min(row.item.decision_date for row in later.rows) == first.end
    assert len(first.rows) + len(later.rows) == PAGE_ROWS + 10
    assert first.at_risk == len(first.flagged) + first.more_flagged
    client = Client()
    client.force_login(people["officer"])
    page = client.get("/decisions/").content.decode()
    assert f"{first.more} more decisions in the nine weeks" in page
    assert f"?start={first.end.isoformat()}" in page


def test_a_day_with_more_decisions_than_a_page_is_shown_whole(organisation):
    people = builders.team(organisation)
    today = timezone.localdate()
    busy = today + datetime.timedelta(days=3)
    for _ in range(PAGE_ROWS + 5):
        PipelineItemFactory(organisation=organisation, owner=people["pm"], decision_date=busy)
    alone = decision_calendar(user=people["officer"], today=today)
    assert len(alone.rows) == PAGE_ROWS + 5 and alone.more == 0
    assert alone.end == today + datetime.timedelta(days=WINDOW_DAYS)  # nothing later: the window
    for _ in range(3):
        PipelineItemFactory(
            organisation=organisation,
            owner=people["pm"],
            decision_date=busy + datetime.timedelta(1),
        )
    first = decision_calendar(user=people["officer"], today=today)
    assert {row.item.decision_date for row in first.rows} == {busy}
    assert len(first.rows) == PAGE_ROWS + 5
    assert (first.more, first.more_flagged) == (3, 3)
    assert first.end == busy + datetime.timedelta(days=1)
