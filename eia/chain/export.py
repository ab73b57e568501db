"""One assessment's trail, or an organisation's, as JSON (to recompute, see docs/audit.md) and
CSV (to read), with every hash, streamed in keyset batches (eia.chain.database.rows).

JSON: {"format", "v", "algorithm", "exported_at", "organisation", "scope", "events": [...],
"assessments": [...], "anchors": [...], "digest": {...}}. The organisation's export (scope
"organisation") also carries the organisation's own chain (its equality duty: events, anchor
and digest head with a null assessment). Each event carries the payload's
fields as eia.chain.seal names them, its `content_hash` and its seal `hash`. `assessments` lists
every chain the export covers (so a chain with no events left still shows), `anchors` their
heads and `digest` the last digest's view of them. CSV cells that would start a formula are
neutralised (eia.register.exports.neutralise), so recompute from the JSON, never the CSV.
"""

import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from eia.models import AuditEvent, AuditHead
from eia.register.exports import csv_lines, neutralise

from . import database, digests, seal, verify

FORMAT = "due-regard-audit-trail"
CSV_COLUMNS = [*seal.FIELDS, "content_hash", "hash"]


def event_of(row: dict) -> dict:
    """An event as exported: the payload's fields, its content hash and its seal."""
    values = verify.as_payload_values(row)
    values["occurred_at"] = seal.timestamp(values["occurred_at"])
    return values | {"content_hash": seal.content_hash(seal.payload(**values)), "hash": row["hash"]}


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _events(assessments, organisation):
    return AuditEvent.objects.filter(database.chains(assessments, organisation))


def json_chunks(organisation, assessments, *, scope: str) -> Iterator[str]:
    """`assessments`: a queryset of the organisation's assessments the export covers."""
    own = organisation if scope == "organisation" else None
    header = {
        "format": FORMAT,
        "v": seal.VERSION,
        "algorithm": "HMAC-SHA256 chain; see docs/audit.md",
        "exported_at": timezone.now().isoformat(),
        "organisation": {
            "id": organisation.pk,
            "slug": organisation.slug,
            "name": organisation.name,
        },
        "scope": scope,
    }
    yield _dumps(header)[:-1] + ',\n "events": ['
    first = True
    for row in database.rows(_events(assessments, own)):
        yield ("\n  " if first else ",\n  ") + _dumps(event_of(row))
        first = False
    chains = list(
        assessments.order_by("pk").values(
            "pk", "organisation_id", "pipeline_item__reference", "version"
        )
    )
    listed = [
        {"id": a["pk"], "organisation": a["organisation_id"],
         "reference": a["pipeline_item__reference"], "version": a["version"]}
        for a in chains
    ]  # fmt: skip
    yield '\n ],\n "assessments": ' + _dumps(listed)
    anchors = database.anchors(AuditHead.objects.filter(database.chains(assessments, own)))
    ordered = [anchors[chain] for chain in sorted(anchors, key=verify.in_order)]
    yield ',\n "anchors": ' + _dumps(ordered)
    latest = digests.latest()
    ids = {a["pk"] for a in chains}
    digest = None
    if latest is not None:
        digest = {
            "digest": latest.digest,
            "made_at": seal.timestamp(latest.made_at),
            "heads": [
                row
                for row in latest.heads
                if row[1] in ids or (own is not None and row[1] is None and row[0] == own.pk)
            ],
        }
    yield ',\n "digest": ' + _dumps(digest) + "\n}\n"


def csv_chunks(assessments, *, organisation=None) -> Iterator[str]:
    """With `organisation`, its own chain's events follow the assessments'."""
    rows = (
        [neutralise(_dumps(v) if name == "details" else v) for name, v in event_of(row).items()]
        for row in database.rows(_events(assessments, organisation))
    )
    yield from csv_lines(CSV_COLUMNS, rows)
