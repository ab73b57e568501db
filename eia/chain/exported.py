"""An exported trail (eia.chain.export's JSON) checked from the file alone: `verify_audit
--file`. With the keys its events name, everything is checked as in the database; without
them, what anyone can check: each event's content hash, the sequence and the links between
events, the anchors' sequences and hashes, and the digest's view of each chain."""

from eia.chain import digests

from . import keys, verify
from .export import FORMAT


def whole_break(reason: str) -> verify.Break:
    return verify.Break(None, None, reason)


def verify_file(data: dict) -> verify.Report:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return verify.Report(breaks=[whole_break("not a Due Regard audit trail export")])
    events = data.get("events") or []
    # Keep each chain's events in the file's order: a reordering must show, not be sorted away.
    events = sorted(events, key=lambda e: verify.in_order(verify.chain_of(e)))
    key_ids = {e.get("key_id") for e in events} | {
        a.get("key_id") for a in data.get("anchors") or []
    }
    keyed = all(keys.get(key_id or "") is not None for key_id in key_ids)
    return verify.check(
        events,
        organisations={a["id"]: a["organisation"] for a in data.get("assessments") or []},
        anchors={verify.chain_of(a): a for a in data.get("anchors") or []},
        digest_heads=digests.heads_of(data.get("digest")),
        keyed=keyed,
    )
