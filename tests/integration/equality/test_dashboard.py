"""The dashboard through HTTP: figures from realistic records, every chart beside its table,
only for the equality team and Scrutiny viewers, and the same number of queries with 20 and
200 assessments (the same at 2,000, and speed at scale, is measured by
benchmarks/equality_duty.py: seeding 2,000 here took minutes)."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from eia.audit import head
from eia.authorization import Role
from eia.models import Action, Assessment, Organisation
from equality.models import ActionObjective, AnnualReport, PlanRow
from equality.selectors.timeliness import targets_for, year_of
from equality.services import objectives as objective_services
from equality.services import plan as plan_services
from equality.services.annual import publish_annual_report
from tests.factories import UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import scale

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_shows_each_figure_in_a_chart_and_a_table(people, organisation):
    builders.at_officer_review(people, organisation, title="Library hours")
    builders.at_screening_review(people, organisation, outcome="screened_out")
    page = _client(people["officer"]).get("/dashboard/").content.decode()
    assert page.count("<svg") >= 4
    assert page.count("<svg") == page.count("<desc")
    assert "Equality officer review" in page and "Disability" in page
    assert "Assessments by stage" in page and "Adverse impacts found, by group" in page
    # the table beside the chart carries the same figure
    assert '<th scope="row" class="govuk-table__header app-break-words">Disability</th>' in page


def test_a_viewer_reads_the_dashboard_and_an_author_cannot(people, organisation, make_user):
    viewer = make_user(Role.VIEWER)
    assert _client(viewer).get("/dashboard/").status_code == 200
    assert _client(people["pm"]).get("/dashboard/").status_code == 403
    assert _client(people["dm"]).get("/dashboard/").status_code == 403


def _screened_out(people, organisation):
    assessment = builders.at_screening_review(people, organisation, outcome="screened_out")
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("screened_out", "No differential impact."),
    )


def test_a_high_screened_out_share_is_a_warning(people, organisation):
    for _ in range(3):
        _screened_out(people, organisation)
    page = _client(people["lead"]).get("/dashboard/").content.decode()
    assert "Screening out by default is a warning sign" not in page  # too few to say
    _screened_out(people, organisation)
    page = _client(people["lead"]).get("/dashboard/").content.decode()
    assert "Screening out by default is a warning sign" in page


def test_bad_filters_are_a_400_not_a_500(people):
    client = _client(people["lead"])
    assert client.get("/dashboard/?directorate=abc").status_code == 400
    assert client.get("/dashboard/?since_0=31&since_1=2&since_2=2026").status_code == 400


def _plan_at_scale(organisation, lead, size):
    """The plan with `size` rows and every scale action linked (bulk: the services write one
    row at a time, which is what the other tests exercise)."""
    today = datetime.date.today()
    objective = objective_services.save_objective(
        by=lead,
        values={
            "title": "Customers",
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 3),
            "agreed_by": "Cabinet",
            "agreed_on": today,
        },
    )
    section = plan_services.add_section(by=lead, objective_id=objective.pk, title="Customers")
    PlanRow.objects.bulk_create(
        PlanRow(
            organisation=organisation,
            section=section,
            overview=f"Deliverable {n}",
            key_deliverables="Something useful",
            owner_name="A team",
            target_text="October 2019",
            target_kind="by",
            target_due=datetime.date(2019, 10, 31),
            rag="red" if n % 2 else "green",
            position=n,
        )
        for n in range(size)
    )
    actions = Action.objects.filter(assessment__organisation=organisation)
    ActionObjective.objects.bulk_create(
        ActionObjective(action=action, objective=objective, linked_by=lead) for action in actions
    )
    return actions.count()


def test_the_dashboard_and_plan_cost_the_same_queries_with_20_and_200_assessments(db):
    counts, actions, records = {}, {}, {}
    year = datetime.date.today().year - 1
    for size in (20, 200):
        scale.seed(assessments=size, events=0, organisations=1, log=lambda _line: None)
        organisation = Organisation.objects.filter(slug__startswith="scale-").order_by("-pk")[0]
        lead = UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD])
        actions[size] = _plan_at_scale(organisation, lead, size)
        client = _client(lead)
        counts[size] = (
            _queries(client, "/dashboard/"),
            _queries(client, f"/dashboard/?since_0=1&since_1=1&since_2={year}"),
            _queries(client, "/action-plan/"),
            _queries(client, "/action-plan/?rag=red&overdue=on&page=3"),
            _queries(client, "/action-plan/from-assessments/"),
            _queries(client, "/cumulative-impact/"),
            *_annual_report_queries(client, organisation, lead),
        )
        records[size] = len(AnnualReport.objects.get(organisation=organisation).content["records"])
    assert actions[200] > 5 * actions[20]
    assert records[200] > 5 * records[20], records
    assert counts[20] == counts[200], counts


def _annual_report_queries(client, organisation, lead) -> tuple[int, ...]:
    """Preparing the annual report, reading it, its list, and the published page and duty page.
    The year is the one most records with impacts were published in (with none, Django skips
    the impacts' nested prefetches: fewer queries, not a constant count broken)."""
    year = Counter(
        year_of(targets_for(organisation.pk), localdate(moment))
        for moment in Assessment.objects.filter(
            organisation=organisation, published_at__isnull=False, impacts__isnull=False
        ).values_list("published_at", flat=True)
    ).most_common(1)[0][0]
    with CaptureQueriesContext(connection) as preparing:
        assert client.post("/annual-reports/", {"year": year}).status_code == 302
    prepared_in = len(preparing)  # now: the next request resets the log it reads lazily
    report = AnnualReport.objects.get(organisation=organisation)
    publish_annual_report(by=lead, report_id=report.pk)
    public = f"/public/{organisation.slug}/equality/"
    return (
        prepared_in,
        _queries(client, "/annual-reports/"),
        _queries(client, f"/annual-reports/{report.pk}/"),
        _queries(Client(), f"{public}annual/{year}/"),
        _queries(Client(), public),
    )
