"""Two people acting at once never both win.

On PostgreSQL: two threads, each with its own connection, approve the same task at the same
moment; viewflow's select_for_update lock makes one wait, and it then finds the task done.
On SQLite: the same race between two threads on a real database file (the test database is in
memory), run in a subprocess; IMMEDIATE transactions queue the second writer.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from eia.audit import head
from eia.errors import Conflict
from eia.events import EventType
from tests.support import builders
from workflows import services
from workflows.services.moves import check_consistent

ROOT = Path(settings.BASE_DIR)


def race(people, assessment) -> list[str]:
    """Both officers approve the same task at once; returns what each got."""
    seen = head(assessment)  # both officers loaded the review page before either acted
    barrier = threading.Barrier(2)
    results = []

    def approve(officer):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            services.review_assessment(
                assessment_id=assessment.pk,
                seen=seen,
                by=officer,
                approve=True,
                comment="",
            )
            results.append("approved")
        except Conflict:
            results.append("conflict")
        except Exception as error:  # anything else is a failure the assertion will show
            results.append(f"{type(error).__name__}: {error}")
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=approve, args=(people[key],)) for key in ("officer", "officer2")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_on_postgresql(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL race: runs in the PostgreSQL pass of .ci/run")
    people = builders.team(organisation)
    assessment = builders.at_officer_review(people, organisation)
    assert race(people, assessment) == ["approved", "conflict"]
    assessment.refresh_from_db()
    assert assessment.state == "awaiting_sign_off"
    assert assessment.audit_events.filter(event_type=EventType.ASSESSMENT_APPROVED).count() == 1
    check_consistent(assessment)


def test_two_simultaneous_approvals_on_a_sqlite_file(tmp_path):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["SQLITE_PATH"] = str(tmp_path / "race.sqlite3")
    env["DUE_REGARD_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "support" / "sqlite_race.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "results": ["approved", "conflict"],
        "approvals": 1,
        "state": "awaiting_sign_off",
        "journal_mode": "wal",
    }
