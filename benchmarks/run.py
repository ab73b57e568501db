"""The benchmark runner (`make bench`, `python -m benchmarks`): never a pass/fail test.

On the configured database (SQLite, or PostgreSQL when DATABASE_URL is set) it seeds
`seed_scale` data when there is none, then measures through gunicorn (2 workers) with
concurrent clients: p50/p95 of every main page and download, each as a ratio to the bare
one-query view measured in the same run on the same server (and its p50 to the signed-in
floor, an empty signed-in page: what no signed-in page can go below), and the bytes of each;
in process: query counts, PDF render times (typical and largest, summary and full, beside WeasyPrint
rendering the same record's HTML page when it is installed), whole-register export time and
the server worker's memory during an export of everything, the team queue beside viewflow's
stock task list, and EXPLAIN of the list queries on PostgreSQL. Then every other
`benchmarks/*.py` module with `run(**options) -> dict`. Prints a table; writes var/bench.json.
"""

import argparse
import importlib
import json
import pkgutil
import re
import statistics
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

import benchmarks
from eia.documents import document_for
from eia.models import Assessment, AuditEvent, Organisation, State, User
from eia.pdf import render_full, render_summary
from eia.register import published_file
from workflows.flows import AssessmentFlow
from workflows.selectors import tasks as task_selectors

from .server import Server, measure, rss_mb

SKIP = {"run", "server", "settings", "urls"}


def _session(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _people(organisation):
    def first(role):
        return User.objects.filter(organisation=organisation, groups__name=role).first()

    return {
        "officer": first("equality_officer"),
        "pm": first("project_manager"),
        "lead": first("equality_lead"),
    }


def _busiest():
    return (
        Organisation.objects.annotate(n=Count("assessments")).order_by("-n").first()
        if Organisation.objects.exists()
        else None
    )


def pages(organisation) -> dict[str, tuple[str, str]]:
    """name -> (path, who): every main page and download."""
    published = Assessment.objects.filter(organisation=organisation, state=State.PUBLISHED)
    typical = published.order_by("pk").first()
    trail = (
        Assessment.objects.filter(organisation=organisation)
        .annotate(events=Count("audit_events"))
        .order_by("-events")
        .first()
    )
    public = f"/public/{organisation.slug}/{typical.pipeline_item.reference}/v{typical.version}/"
    everything = "outcome=screened_out&outcome=screened_out_with_mitigation&outcome=full_assessment"
    slug = organisation.slug
    return {
        "home (project manager)": ("/", "pm"),
        "home (officer)": ("/", "officer"),
        "pipeline list": ("/pipeline/", "pm"),
        "pipeline page 50": ("/pipeline/?page=50", "pm"),
        "pipeline search": ("/pipeline/?q=library", "pm"),
        "decision calendar": ("/decisions/", "officer"),
        "team queue": ("/tasks/queue/", "officer"),
        "your tasks": ("/tasks/", "pm"),
        "assessment (typical)": (f"/assessments/{typical.pk}/", "officer"),
        f"assessment ({trail.events} events)": (f"/assessments/{trail.pk}/", "officer"),
        "register index": ("/public/", ""),
        "register search": ("/public/?q=library+closure", ""),
        "register filtered": (f"/public/?characteristic=disability&organisation={slug}", ""),
        "register deep page": ("/public/?after=2021-01-01T00:00:00%2B00:00~1", ""),
        "register record": (public, ""),
        "summary PDF": (public + "summary.pdf", ""),
        "full PDF": (public + "full.pdf", ""),
        "feed": ("/public/feed.atom", ""),
        "CSV filtered": (f"/public/register.csv?organisation={organisation.slug}", ""),
        "CSV whole (file)": ("/public/register.csv", ""),
        "JSON whole (file)": ("/public/register.json", ""),
        "XLSX whole (file)": ("/public/register.xlsx", ""),
        "CSV everything (streamed)": (f"/public/register.csv?{everything}", ""),
    }  # fmt: skip


HEAVY = {"CSV filtered", "CSV everything (streamed)"}
# The tables that grow with the data: no list query should read one whole.
BIG_TABLES = (
    "eia_assessment",
    "eia_auditevent",
    "eia_pipelineitem",
    "eia_impact",
    "viewflow_task",
    "workflows_assessmentprocess",
)


def query_counts(urls, cookies) -> dict:
    counts = {}
    for name, (path, who) in urls.items():
        client = Client()
        if who:
            client.cookies.load(cookies[who])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            body = response.getvalue()
        response.close()
        counts[name] = {"queries": len(captured), "html_bytes": len(body)}
    return counts


def _timed(function, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def pdfs(organisation) -> dict:
    published = Assessment.objects.filter(
        state=State.PUBLISHED, screening_outcome="full_assessment"
    )
    typical = published.order_by("pk").first()
    largest = published.annotate(n=Count("impacts") + Count("evidence")).order_by("-n").first()
    found = {}
    for label, assessment in (("typical", typical), ("largest", largest)):
        document = document_for(assessment)
        found[f"summary PDF {label} ms"] = _timed(lambda d=document: render_summary(d))
        found[f"full PDF {label} ms"] = _timed(lambda d=document: render_full(d))
    try:
        weasyprint = importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:
        print(f"note: WeasyPrint is not installed here ({error}); skipping its comparison")
    else:
        path = f"/public/{typical.organisation.slug}/{typical.pipeline_item.reference}/v1/"
        html = Client().get(path).content.decode()
        found["WeasyPrint same page ms"] = _timed(
            lambda: weasyprint.HTML(string=html).write_pdf(), repeat=3
        )
    return found


def exports(server) -> dict:
    """Regenerating the whole register, and a worker's memory while it streams everything."""
    published = Assessment.objects.filter(state=State.PUBLISHED).count()
    started = time.perf_counter()
    published_file.regenerate()
    regenerate_s = time.perf_counter() - started
    peaks = {pid: rss_mb(pid) for pid in server.worker_pids()}
    before = dict(peaks)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in peaks:
                peaks[pid] = max(peaks[pid], rss_mb(pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    everything = "outcome=screened_out&outcome=screened_out_with_mitigation&outcome=full_assessment"
    result = measure(
        server.port, f"/public/register.json?{everything}", cookie="", requests=1, concurrency=1
    )
    done.set()
    watcher.join()
    return {
        "published records": published,
        "whole register regenerate s": regenerate_s,
        "files bytes": {k: v.size for k, v in published_file.whole_register_download().items()},
        "JSON everything streamed s": result["p50_ms"] / 1000,
        "worker MB before": max(before.values(), default=0),
        "worker MB peak": max(peaks.values(), default=0),
    }


def queue_against_stock(officer) -> dict:
    """Our team queue's first page beside viewflow's stock queue (`Task.objects.user_queue`)."""
    found = {}
    queue = task_selectors.queue_tasks(user=officer)
    stock = Task.objects.user_queue(officer, flow_class=AssessmentFlow)
    for name, tasks in (
        ("ours (a page)", lambda: task_selectors.rows_of(queue[:20])),
        ("ours (every row)", lambda: task_selectors.team_queue(user=officer)),
        ("viewflow stock", lambda: list(stock[:1000])),
    ):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            rows = tasks()
            seconds = time.perf_counter() - started
        found[name] = {"ms": seconds * 1000, "queries": len(captured), "rows": len(rows)}
    return found


def explains(urls, cookies) -> dict:
    """On PostgreSQL: does any list query scan a whole big table?"""
    if connection.vendor != "postgresql":
        return {"note": "EXPLAIN is read on PostgreSQL only"}
    found = {}
    for name, (path, who) in urls.items():
        if "PDF" in name or "file" in name or name in HEAVY:
            continue
        client = Client()
        if who:
            client.cookies.load(cookies[who])
        with CaptureQueriesContext(connection) as captured:
            client.get(path).close()
        scans = set()
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                for table in BIG_TABLES:
                    # The table itself, not one named after it (eia_impact_evidence).
                    if re.search(rf"Seq Scan on {table}\b", plan):
                        scans.add(table)
        found[name] = sorted(scans)
    return found


def others(options) -> dict:
    found = {}
    for module in pkgutil.iter_modules(benchmarks.__path__):
        if module.name in SKIP or module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"benchmarks.{module.name}")
        if callable(getattr(loaded, "run", None)):
            found[module.name] = loaded.run(**options)
    return found


def main(argv) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=40, help="per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--output", default=str(settings.VAR_DIR / "bench.json"))
    options = parser.parse_args(argv)
    call_command("migrate", verbosity=0)
    if not Assessment.objects.filter(organisation__slug__startswith="scale-").exists():
        print(f"Seeding {options.assessments} assessments, {options.events} events...")
        call_command("seed_scale", assessments=options.assessments, events=options.events)
    organisation = Organisation.objects.filter(slug__startswith="scale-").order_by("pk").first()
    people = _people(organisation)
    cookies = {who: _session(user) for who, user in people.items()}
    urls = pages(organisation)
    report = {
        "database": connection.vendor,
        "assessments": Assessment.objects.count(),
        "events": AuditEvent.objects.count(),
        "pages": {},
    }
    published_file.regenerate()
    server = Server(workers=2)
    try:
        bare = measure(
            server.port,
            "/bench/bare/",
            cookie="",
            requests=options.requests * 2,
            concurrency=options.concurrency,
        )
        report["bare"] = bare
        report["floor"] = measure(
            server.port,
            "/bench/floor/",
            cookie=cookies["pm"],
            requests=options.requests * 2,
            concurrency=options.concurrency,
        )
        for name, (path, who) in urls.items():
            requests = 4 if name in HEAVY else options.requests
            cookie = cookies[who] if who else ""
            result = measure(
                server.port, path, cookie=cookie, requests=requests, concurrency=options.concurrency
            )
            result["p50_ratio"] = result["p50_ms"] / bare["p50_ms"]
            result["p95_ratio"] = result["p95_ms"] / bare["p95_ms"]
            result["p50_over_floor"] = result["p50_ms"] / report["floor"]["p50_ms"]
            report["pages"][name] = result
        report["exports"] = exports(server)
    finally:
        server.stop()
    for name, counts in query_counts(urls, cookies).items():
        report["pages"][name].update(counts)
    report["pdf"] = pdfs(organisation)
    report["team queue vs viewflow"] = queue_against_stock(people["officer"])
    report["explain (tables scanned)"] = explains(urls, cookies)
    report["modules"] = others({"organisation": organisation.slug})
    _print(report)
    Path(options.output).parent.mkdir(parents=True, exist_ok=True)
    Path(options.output).write_text(json.dumps(report, indent=1, default=str))
    print(f"Wrote {options.output}")
    return 0


def _print(report) -> None:
    print(f"\n{report['database']}: {report['assessments']} assessments, {report['events']} events")
    bare = report["bare"]
    floor = report["floor"]
    print(f"bare view: p50 {bare['p50_ms']:.1f} ms, p95 {bare['p95_ms']:.1f} ms")
    print(
        f"signed-in floor (empty page): p50 {floor['p50_ms']:.1f} ms "
        f"({floor['p50_ms'] / bare['p50_ms']:.1f}x bare), p95 {floor['p95_ms']:.1f} ms"
    )
    print(
        f"{'page':32} {'p50 ms':>8} {'p50 x':>7} {'p95 ms':>8} {'p95 x':>7} {'x floor':>7} "
        f"{'KB':>8} {'queries':>7}"
    )
    for name, row in report["pages"].items():
        print(
            f"{name:32} {row['p50_ms']:8.1f} {row['p50_ratio']:7.1f} {row['p95_ms']:8.1f} "
            f"{row['p95_ratio']:7.1f} {row['p50_over_floor']:7.1f} {row['bytes'] / 1024:8.1f} "
            f"{row.get('queries', ''):>7}"
        )
    for section in (
        "exports",
        "pdf",
        "team queue vs viewflow",
        "explain (tables scanned)",
        "modules",
    ):
        print(f"\n{section}:")
        for key, value in report[section].items():
            print(f"  {key}: {value}")
