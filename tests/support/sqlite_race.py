"""Run by tests/integration/test_concurrency.py in a subprocess against a SQLite file."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "due_regard.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from eia.events import EventType  # noqa: E402
from tests.factories import OrganisationFactory  # noqa: E402
from tests.integration.test_concurrency import race  # noqa: E402
from tests.support import builders  # noqa: E402

call_command("migrate", verbosity=0)
organisation = OrganisationFactory()
people = builders.team(organisation)
assessment = builders.at_officer_review(people, organisation)
results = race(people, assessment)
assessment.refresh_from_db()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
print(
    json.dumps(
        {
            "results": results,
            "approvals": assessment.audit_events.filter(
                event_type=EventType.ASSESSMENT_APPROVED
            ).count(),
            "state": assessment.state,
            "journal_mode": journal_mode,
        }
    )
)
