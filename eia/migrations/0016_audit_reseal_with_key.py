"""Re-seal the existing audit trail with the key (eia.chain.seal, version 2) and anchor each
chain's head.

Each chain is first checked with the algorithm it was sealed with (unkeyed SHA-256, copied here
as it was). Intact events are re-sealed in order; at the first event that fails the old check
the re-sealing stops, so the new seals never launder an earlier alteration: that event keeps
its old hashes and fails the new check too. Each chain's anchor names its last event as stored.
The algorithms are copied, not imported, so this migration keeps meaning what it meant.
Not reversible: the old code cannot read the new seals.
"""

import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations

GENESIS = "0" * 64
COLUMNS = (
    "id", "organisation_id", "assessment_id", "sequence", "occurred_at", "actor_id",
    "actor_name", "actor_roles", "event_type", "from_state", "to_state", "comment", "details",
    "previous_hash", "hash",
)  # fmt: skip


def _old_digest(row) -> str:
    payload = {
        "assessment": row["assessment_id"],
        "sequence": row["sequence"],
        "occurred_at": row["occurred_at"].isoformat(),
        "actor": row["actor_id"],
        "actor_name": row["actor_name"],
        "actor_roles": row["actor_roles"],
        "event_type": row["event_type"],
        "from_state": row["from_state"],
        "to_state": row["to_state"],
        "comment": row["comment"],
        "details": row["details"],
        "previous_hash": row["previous_hash"],
    }
    encoded = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _canonical(values) -> bytes:
    return json.dumps(
        {"v": 2, **values}, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        cls=DjangoJSONEncoder,
    ).encode()  # fmt: skip


def _seal(row, previous_hash, key_id, key) -> str:
    values = {
        "organisation": row["organisation_id"],
        "assessment": row["assessment_id"],
        "sequence": row["sequence"],
        "occurred_at": row["occurred_at"]
        .astimezone(datetime.UTC)
        .isoformat(timespec="microseconds"),
        "actor": row["actor_id"],
        "actor_name": row["actor_name"],
        "actor_roles": row["actor_roles"],
        "event_type": row["event_type"],
        "from_state": row["from_state"],
        "to_state": row["to_state"],
        "comment": row["comment"],
        "details": row["details"],
        "previous_hash": previous_hash,
        "key_id": key_id,
    }
    return hmac.new(key, _canonical(values), hashlib.sha256).hexdigest()


def _anchor_seal(organisation, assessment, sequence, seal, key_id, key) -> str:
    values = {"anchor": True, "organisation": organisation, "assessment": assessment,
              "sequence": sequence, "hash": seal, "key_id": key_id}  # fmt: skip
    return hmac.new(key, _canonical(values), hashlib.sha256).hexdigest()


def _set_triggers(schema_editor, enabled: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        action = "ENABLE" if enabled else "DISABLE"
        schema_editor.execute(f"ALTER TABLE eia_auditevent {action} TRIGGER USER")
    elif vendor == "sqlite" and not enabled:
        # Migration 0017 creates the triggers again, with the new ones.
        schema_editor.execute("DROP TRIGGER IF EXISTS eia_auditevent_no_update")


def reseal(apps, schema_editor):
    AuditEvent = apps.get_model("eia", "AuditEvent")
    AuditHead = apps.get_model("eia", "AuditHead")
    key_id, secret = next(iter(settings.AUDIT_KEYS.items()))
    key = secret.encode()
    _set_triggers(schema_editor, enabled=False)
    updates, heads = [], []
    chain, old_previous, new_previous, intact, last = None, GENESIS, GENESIS, True, None

    def close():
        if last is not None:
            heads.append((last["organisation_id"], chain, last["sequence"], last["hash"]))

    rows = AuditEvent.objects.order_by("assessment_id", "sequence").values(*COLUMNS)
    for row in rows.iterator(chunk_size=2000):
        if row["assessment_id"] != chain:
            close()
            chain, old_previous, new_previous, intact, count = (
                row["assessment_id"], GENESIS, GENESIS, True, 0
            )  # fmt: skip
        count += 1
        if intact:
            intact = (
                row["sequence"] == count
                and row["previous_hash"] == old_previous
                and _old_digest(row) == row["hash"]
            )
        old_previous = row["hash"]
        if intact:
            new = _seal(row, new_previous, key_id, key)
            updates.append((new_previous, new, key_id, row["id"]))
            row = {**row, "hash": new}
            new_previous = new
        last = row
    close()
    with schema_editor.connection.cursor() as cursor:
        for start in range(0, len(updates), 1000):
            cursor.executemany(
                "UPDATE eia_auditevent SET previous_hash = %s, hash = %s, key_id = %s "
                "WHERE id = %s",
                updates[start : start + 1000],
            )
    AuditHead.objects.bulk_create(
        [
            AuditHead(
                organisation_id=organisation,
                assessment_id=assessment,
                sequence=sequence,
                hash=seal,
                key_id=key_id,
                seal=_anchor_seal(organisation, assessment, sequence, seal, key_id, key),
            )
            for organisation, assessment, sequence, seal in heads
        ],
        batch_size=1000,
    )
    _set_triggers(schema_editor, enabled=True)


class Migration(migrations.Migration):
    dependencies = [("eia", "0015_audit_keyed_chain_and_anchors")]
    operations = [migrations.RunPython(reseal, migrations.RunPython.noop)]
