"""`manage.py verify_audit` over every event in the database (200,000 with `make bench`'s
seed_scale), as a ratio to a baseline measured in the same run: reading the same rows in the
same keyset batches and taking a plain SHA-256 of each (what an unkeyed chain check costs).

With fewer events than `events` in the database, `top_up()` first appends correctly sealed
comment events to the existing chains (and moves their anchors) with plain INSERTs, as
eia.audit.record() would seal them but without its per-event queries: a benchmark fixture,
never used by the application.

Alone: `python manage.py shell -c "from benchmarks import verify_audit as v; print(v.run())"`.
"""

import datetime
import hashlib
import io
import json
import time

from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from eia.chain import database, keys, seal
from eia.events import EventType
from eia.models import AuditEvent, AuditHead

INSERT = (
    "INSERT INTO eia_auditevent (organisation_id, assessment_id, sequence, occurred_at, "
    "actor_id, actor_name, actor_roles, event_type, from_state, to_state, comment, details, "
    "previous_hash, hash, key_id) VALUES (%s, %s, %s, %s, NULL, %s, '', %s, '', '', %s, {}, "
    "%s, %s, %s)"
)
BATCH = 5000


def top_up(events: int) -> int:
    """Append sealed comments round the existing chains until there are `events`."""
    missing = events - AuditEvent.objects.count()
    heads = list(AuditHead.objects.order_by("assessment_id"))
    if missing <= 0 or not heads:
        return 0
    key_id, key = keys.current()
    details = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = INSERT.format(details)
    moment = timezone.now()
    rows = []
    for number in range(missing):
        head = heads[number % len(heads)]
        moment += datetime.timedelta(microseconds=1)
        values = {
            "organisation": head.organisation_id,
            "assessment": head.assessment_id,
            "sequence": head.sequence + 1,
            "occurred_at": moment,
            "actor": None,
            "actor_name": "Benchmark",
            "actor_roles": "",
            "event_type": EventType.COMMENT_ADDED.value,
            "from_state": "",
            "to_state": "",
            "comment": f"Benchmark comment {number}",
            "details": {},
            "previous_hash": head.hash,
            "key_id": key_id,
        }
        head.sequence, head.hash = values["sequence"], seal.sign(seal.payload(**values), key)
        rows.append(
            (head.organisation_id, head.assessment_id, head.sequence,
             connection.ops.adapt_datetimefield_value(moment), "Benchmark",
             EventType.COMMENT_ADDED.value, values["comment"], "{}", values["previous_hash"],
             head.hash, key_id)
        )  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
        for head in heads:
            anchor = {"organisation": head.organisation_id, "assessment": head.assessment_id,
                      "sequence": head.sequence, "hash": head.hash, "key_id": key_id}  # fmt: skip
            AuditHead.objects.filter(pk=head.pk).update(
                sequence=head.sequence,
                hash=head.hash,
                key_id=key_id,
                seal=seal.sign(seal.anchor_payload(**anchor), key),
            )
    return missing


def _baseline() -> int:
    count = 0
    for row in database.rows(AuditEvent.objects.all()):
        encoded = json.dumps(row, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
        hashlib.sha256(encoded.encode()).hexdigest()
        count += 1
    return count


def _verify() -> int:
    try:
        call_command("verify_audit", stdout=io.StringIO())
    except SystemExit as exit:
        return exit.code
    return 0


def _seconds(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def run(events: int = 200_000, **options) -> dict:
    added = top_up(events)
    events = AuditEvent.objects.count()
    baseline_s, rows = _seconds(_baseline)
    verify_s, code = _seconds(_verify)
    return {
        "events": events,
        "baseline (rows + SHA-256) s": round(baseline_s, 2),
        "verify_audit s": round(verify_s, 2),
        "verify_audit x baseline": round(verify_s / baseline_s, 2) if baseline_s else None,
        "events per second": round(events / verify_s) if verify_s else None,
        "verify_audit exit code": code,
        "rows read by the baseline": rows,
        "events added by top_up": added,
    }
