"""The equality duty's pages at scale, as ratios to a bare view: the dashboard, the action plan
and its linked actions, cumulative impact, and the plan as CSV (run by `make bench` through
`benchmarks/run.py`, which calls every module's `run()`); and the query counts of the
dashboard and plan pages, and of preparing and reading the annual equality report, with 20
and with 2,000 assessments, actions and plan rows, which must be equal (the test suite checks
20 against 200: seeding 2,000 there took minutes)."""

import datetime
import statistics
import time
from collections import Counter

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from eia.authorization import Role
from eia.models import Action, Assessment, Directorate, Organisation, User
from equality.models import ActionObjective, AnnualReport, PlanRow
from equality.selectors.timeliness import targets_for, year_of
from equality.services import objectives as objective_services
from equality.services import plan as plan_services
from equality.services.annual import publish_annual_report
from workflows.demo import scale

PAGES = {
    "dashboard": "/dashboard/",
    "action plan": "/action-plan/",
    "action plan (red, overdue)": "/action-plan/?rag=red&overdue=on",
    "actions from assessments": "/action-plan/from-assessments/",
    "cumulative impact": "/cumulative-impact/",
    "action plan CSV": "/action-plan/action-plan.csv",
}


def _median_ms(client, path, repeat=5) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
        response.close()
    return statistics.median(times), queries


QUERY_PAGES = (
    "/dashboard/",
    "/action-plan/",
    "/action-plan/?rag=red&overdue=on&page=3",
    "/action-plan/from-assessments/",
    "/cumulative-impact/",
)


ANNUAL_PAGES = (
    "annual report: preparing it",
    "annual report: the list",
    "annual report: the report",
    "annual report: published",
)


def _ms(client, path) -> float:
    """One request's time, without closing the response (see `_queries`)."""
    started = time.perf_counter()
    if client.get(path).status_code != 200:
        raise RuntimeError(f"{path} failed")
    return (time.perf_counter() - started) * 1000


def _annual_report_queries(client, organisation, lead) -> dict:
    """The annual report for the reporting year most records with impacts were published in
    (see tests/integration/equality/test_dashboard.py), prepared over HTTP and published."""
    year = Counter(
        year_of(targets_for(organisation.pk), localdate(moment))
        for moment in Assessment.objects.filter(
            organisation=organisation, published_at__isnull=False, impacts__isnull=False
        ).values_list("published_at", flat=True)
    ).most_common(1)[0][0]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as preparing:
        if client.post("/annual-reports/", {"year": year}).status_code != 302:
            raise RuntimeError("the annual report was not prepared")
    preparing_ms = (time.perf_counter() - started) * 1000
    # Counted now: the next request resets the log the capture reads lazily.
    prepared_in = len(preparing)
    report = AnnualReport.objects.get(organisation=organisation)
    publish_annual_report(by=lead, report_id=report.pk)
    reading_ms = _ms(client, f"/annual-reports/{report.pk}/")
    pdf_ms = _ms(client, f"/annual-reports/{report.pk}.pdf")
    return dict(
        zip(
            ANNUAL_PAGES,
            (
                prepared_in,
                _queries(client, "/annual-reports/"),
                _queries(client, f"/annual-reports/{report.pk}/"),
                _queries(Client(), f"/public/{organisation.slug}/equality/annual/{year}/"),
            ),
            strict=True,
        )
    ) | {
        "annual report: records": len(report.content["records"]),
        "annual report: ms to prepare, read, PDF": [
            round(preparing_ms),
            round(reading_ms),
            round(pdf_ms),
        ],
    }


def _plan_at_scale(organisation, lead, size: int) -> int:
    """The plan with `size` rows and every action linked (bulk, as tests/integration/equality/
    test_dashboard.py does: the services write one row at a time)."""
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
        PlanRow(organisation=organisation, section=section, overview=f"Deliverable {n}",
                key_deliverables="Something useful", owner_name="A team",
                target_text="October 2019", target_kind="by",
                target_due=datetime.date(2019, 10, 31), rag="red" if n % 2 else "green",
                position=n)
        for n in range(size)
    )  # fmt: skip
    actions = Action.objects.filter(assessment__organisation=organisation)
    ActionObjective.objects.bulk_create(
        ActionObjective(action=action, objective=objective, linked_by=lead) for action in actions
    )
    return actions.count()


def _queries(client, path) -> int:
    """Without closing the response again: the test client has (a second close would end the
    transaction the counts are rolled back in)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(captured)


# The lead signs in directly (as the tests do), not through the security code.
@override_settings(DUE_REGARD_REQUIRE_MFA=False)
def query_counts(sizes=(20, 2000)) -> dict:
    """Each page's query count in a fresh organisation of each size, all rolled back."""
    counts = {}
    with transaction.atomic():
        for size in sizes:
            scale.seed(assessments=size, events=0, organisations=1, log=lambda _line: None)
            organisation = Organisation.objects.filter(slug__startswith="scale-").order_by("-pk")[0]
            lead = User.objects.create_user(
                username=f"bench-duty-lead-{size}", organisation=organisation,
                first_name="Bench", last_name="Lead", email=f"bench-{size}@example.org",
            )  # fmt: skip
            lead.groups.add(Group.objects.get_or_create(name=Role.EQUALITY_LEAD.value)[0])
            actions = _plan_at_scale(organisation, lead, size)
            client = Client()
            client.force_login(lead)
            counts[size] = (
                {"actions": actions}
                | {path: _queries(client, path) for path in QUERY_PAGES}
                | _annual_report_queries(client, organisation, lead)
            )
        transaction.set_rollback(True)
    compared = [*QUERY_PAGES, *ANNUAL_PAGES]
    counts["equal"] = all(
        {p: counts[s][p] for p in compared} == {p: counts[sizes[0]][p] for p in compared}
        for s in sizes
    )
    return counts


@override_settings(DUE_REGARD_REQUIRE_MFA=False)
def run(*, organisation: str, **_options) -> dict:
    found = Organisation.objects.get(slug=organisation)
    lead = User.objects.filter(organisation=found, groups__name=Role.EQUALITY_LEAD.value).first()
    if lead is None:
        return {"skipped": "no equality lead in the scale organisation"}
    client = Client()
    client.force_login(lead)
    bare, _queries = _median_ms(client, "/bench/bare/")
    results = {"bare_ms": round(bare, 1)}
    directorate = Directorate.objects.filter(organisation=found).first()
    pages = dict(PAGES)
    if directorate is not None:
        pages["dashboard (one directorate)"] = f"/dashboard/?directorate={directorate.pk}"
    for name, path in pages.items():
        ms, queries = _median_ms(client, path)
        results[name] = {"ms": round(ms, 1), "ratio": round(ms / bare, 1), "queries": queries}
    results["queries with 20 and 2,000 assessments"] = query_counts()
    return results
