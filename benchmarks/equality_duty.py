"""The equality duty's pages at scale, as ratios to a bare view: the dashboard, the action plan
and its linked actions, cumulative impact, and the plan as CSV (run by `make bench` through
`benchmarks/run.py`, which calls every module's `run()`)."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eia.authorization import Role
from eia.models import Directorate, Organisation, User

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
    return results
