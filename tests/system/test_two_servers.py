"""Two app servers on one PostgreSQL database, driven over HTTP as people drive them.

Two gunicorn processes (two workers each) serve the suite's migrated test database. Two
equality officers, signed in on different servers, approve the same assessment at the same
moment: exactly one wins, the other is told it changed (409), there is one approval event and
the trail's hash chain is intact. Then a burst of simultaneous approvals of several
assessments through both servers, with one worker killed (kill -9) in the middle of it: every
assessment is either moved or not, never half-moved (its state, active task and trail agree).

Runs only on PostgreSQL (the SQLite pass of .ci/run skips it); .ci/run runs it in its own step
with DUE_REGARD_TWO_SERVERS=required, and then it fails rather than skips if it cannot run.
"""

import os
import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from eia.audit import verify_chain
from eia.events import EventType
from eia.models import Assessment
from tests.support import builders
from tests.support.servers import PASSWORD, Browser, Gunicorn
from workflows.services.moves import check_consistent

# The project's own hashers (the suite's conftest swaps in a fast one): the servers check
# passwords with these.
SERVER_HASHERS = list(settings.PASSWORD_HASHERS)
PORTS = [int(port) for port in os.environ.get("TWO_SERVERS_PORTS", "8150,8151").split(",")]
BURST = 6  # assessments approved at once by both officers through both servers


def _required() -> bool:
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    return os.environ.get("DUE_REGARD_TWO_SERVERS") == "required" or (
        in_ci and connection.vendor == "postgresql"
    )


def _cannot_run(why: str):
    if _required():
        pytest.fail(f"{why}: the two-server test must run here.")
    pytest.skip(why)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{port}/{db['NAME']}"


@pytest.fixture
def servers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        _cannot_run("Two app servers need PostgreSQL: set DATABASE_URL")
    started = [
        Gunicorn(port=port, database_url=_database_url(), log=tmp_path / f"gunicorn-{port}.log")
        for port in PORTS[:2]
    ]
    try:
        for server in started:
            server.wait_until_up()
        yield started
    except RuntimeError as error:
        _cannot_run(str(error))
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def people(organisation, settings):
    team = builders.team(organisation)
    settings.PASSWORD_HASHERS = SERVER_HASHERS
    for key in ("officer", "officer2"):
        team[key].set_password(PASSWORD)
        team[key].save(update_fields=["password"])
    return team


def _approve(browser: Browser, pk: int, fields: dict) -> int:
    status, _ = browser.request(
        f"/assessments/{pk}/review/", fields | {"decision": "approve", "comment": ""}
    )
    return status


def _at_once(calls) -> list:
    """Run each call in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait(timeout=60)
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the connection of a killed worker
            results[index] = f"{type(error).__name__}"

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    return threads, results


def _signed_in(servers, people) -> tuple[Browser, Browser]:
    first, second = Browser(servers[0]), Browser(servers[1])
    first.sign_in(people["officer"].username)
    second.sign_in(people["officer2"].username)
    return first, second


def _approvals(assessment) -> int:
    return assessment.audit_events.filter(event_type=EventType.ASSESSMENT_APPROVED).count()


def test_simultaneous_approvals_through_two_servers_one_wins(servers, people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    first, second = _signed_in(servers, people)
    # Both officers have the review page open before either decides.
    pages = [first.form(f"/assessments/{assessment.pk}/review/"),
             second.form(f"/assessments/{assessment.pk}/review/")]  # fmt: skip
    threads, results = _at_once(
        [
            lambda: _approve(first, assessment.pk, pages[0]),
            lambda: _approve(second, assessment.pk, pages[1]),
        ]  # fmt: skip
    )
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(results) == [302, 409]
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert assessment.state == "awaiting_sign_off"
    assert _approvals(assessment) == 1
    assert verify_chain(assessment).intact
    check_consistent(assessment)


def test_a_worker_killed_mid_burst_leaves_nothing_half_moved(servers, people, organisation):
    assessments = [builders.at_officer_review(people, organisation) for _ in range(BURST)]
    first, second = _signed_in(servers, people)
    pages = {
        (browser, a.pk): browser.form(f"/assessments/{a.pk}/review/")
        for browser in (first, second)
        for a in assessments
    }
    calls = [
        (lambda b=browser, pk=a.pk: _approve(b, pk, pages[(b, pk)]))
        for a in assessments
        for browser in (first, second)
    ]
    threads, results = _at_once(calls)
    time.sleep(0.05)  # the requests are in flight
    killed = servers[0].kill_a_worker()
    for thread in threads:
        thread.join(timeout=180)
    assert killed not in servers[0].worker_pids()
    assert all(result is not None for result in results), results
    moved = 0
    # Each assessment had two approvals racing on two servers; the killed worker's request
    # either committed (its response lost) or rolled back and the other server's won.
    for index, original in enumerate(assessments):
        assessment = Assessment.objects.get(pk=original.pk)
        outcomes = results[2 * index : 2 * index + 2]
        task = check_consistent(assessment)  # state and active task agree
        last = assessment.audit_events.order_by("-sequence").first()
        assert verify_chain(assessment).intact
        assert outcomes.count(302) <= 1, outcomes
        if assessment.state == "awaiting_sign_off":
            moved += 1
            assert _approvals(assessment) == 1
            assert last.event_type == EventType.ASSESSMENT_APPROVED
            assert task is not None and task.flow_task.name == "awaiting_sign_off"
        else:
            # Not moved: the approval that died with the worker left no trace.
            assert assessment.state == "officer_review", outcomes
            assert _approvals(assessment) == 0
            assert 302 not in outcomes, outcomes
    # The killed worker's master starts another; the servers still work afterwards.
    servers[0].wait_until_up()
    assert moved == BURST, results
    status, _ = first.request("/tasks/queue/")
    assert status == 200
