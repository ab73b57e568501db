"""Is every audit chain whole? The database's chains, or a trail exported to a file.

A chain is one assessment's trail, or an organisation's own trail (its equality duty: events
with no assessment, keyed ("organisation", id) here). It is whole when its events run 1, 2, 3...
without a gap, each names the seal of the one before it (the first names GENESIS), each seal is
the HMAC of its own payload under the key its key id names, every event belongs to the
assessment's organisation (or is the organisation's own), its anchor (eia.models.AuditHead)
names its last event's sequence and seal under a valid seal of its own, and it is at or beyond
where the last digest saw it. An assessment with no events at all has lost its whole trail
(every assessment starts with one).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import keys, seal

# The database columns of what an event's seal covers (seal.FIELDS), and the seal itself.
_IDS = ("organisation", "assessment", "actor")
EVENT_COLUMNS = (*(f"{name}_id" if name in _IDS else name for name in seal.FIELDS), "hash")


@dataclass(frozen=True)
class Break:
    assessment: int | None
    sequence: int | None  # the first broken event, or None when the chain as a whole is
    reason: str
    organisation: int | None = None  # set for an organisation's own chain (no assessment)


Chain = int | tuple[str, int]  # an assessment's id, or ("organisation", id)


def chain_of(row: dict) -> Chain:
    """The chain an event, an anchor or a digest head (as a dict) belongs to."""
    assessment = row.get("assessment", row.get("assessment_id"))
    if assessment is not None:
        return assessment
    return ("organisation", row.get("organisation", row.get("organisation_id")))


def in_order(chain: Chain) -> tuple:
    """Assessments' chains first, then organisations' (the order eia.chain.database reads)."""
    return (1, chain[1]) if isinstance(chain, tuple) else (0, chain)


@dataclass
class Report:
    chains: int = 0
    events: int = 0
    breaks: list[Break] = field(default_factory=list)
    seals_checked: bool = True
    digest: str = ""  # the digest checked against, if any

    @property
    def intact(self) -> bool:
        return not self.breaks


def as_payload_values(row: dict) -> dict:
    """An event row (database columns or an export's fields) as seal.payload's arguments."""
    return {name: row.get(name, row.get(f"{name}_id")) for name in seal.FIELDS}


@dataclass
class ChainState:
    """Walks one chain's events in order, stopping at the first break."""

    chain: Chain
    organisation: int | None
    keyed: bool = True
    count: int = 0
    last_hash: str = seal.GENESIS
    broken: Break | None = None
    seals: dict = field(default_factory=dict)  # sequence -> seal, where a digest names one

    def add(self, row: dict) -> None:
        self.count += 1
        if self.broken is not None:
            return
        sequence = row["sequence"]
        values = as_payload_values(row)
        data = seal.payload(**values)
        reason = None
        if sequence != self.count:
            missing = "deleted or reordered" if sequence > self.count else "reordered"
            reason = f"expected event {self.count} here, found {sequence} ({missing})"
        elif row["previous_hash"] != self.last_hash:
            reason = "does not name the seal of the event before it (an event before it changed)"
        elif self.organisation is not None and values["organisation"] != self.organisation:
            reason = (
                f"belongs to organisation {values['organisation']}, "
                f"its assessment to {self.organisation} (moved)"
            )
        elif "content_hash" in row and row["content_hash"] != seal.content_hash(data):
            reason = "its content does not match its content hash (edited)"
        elif self.keyed:
            key = keys.get(values["key_id"] or "")
            if key is None:
                reason = f"sealed with key {values['key_id']!r}, which is not configured"
            elif not seal.matches(data, key, row["hash"]):
                reason = (
                    "its seal does not match its content (edited, or re-sealed without the key)"
                )
        if reason:
            self.broken = self._break(sequence, f"event {sequence}: {reason}")
        self.last_hash = row["hash"]

    def finish(self, anchor: dict | None, in_digest: tuple[int, str] | None) -> Break | None:
        """The chain's end against its anchor and the last digest's view of it."""
        if self.broken is not None:
            return self.broken
        ends = f"the trail ends at event {self.count}"
        if self.count == 0:
            return self._whole("has no events: the whole trail is missing")
        if anchor is None:
            return self._whole(f"has no anchor ({ends})")
        if anchor["sequence"] != self.count:
            return self._whole(
                f"is anchored at event {anchor['sequence']} but {ends} "
                + ("(its newest events were deleted)" if anchor["sequence"] > self.count else "")
            )
        if anchor["hash"] != self.last_hash:
            return self._whole(f"anchor does not name the seal of event {self.count}")
        if self.keyed:
            key = keys.get(anchor["key_id"])
            anchor_data = seal.anchor_payload(**anchor)
            if key is None or not seal.matches(anchor_data, key, anchor["seal"]):
                return self._whole("anchor's seal does not match (the anchor was rewritten)")
        if in_digest is not None:
            sequence, digest_hash = in_digest
            if self.count < sequence:
                return self._whole(
                    f"the last digest saw event {sequence}, but {ends} "
                    "(the anchor was rolled back and newer events deleted)"
                )
            if self.seals.get(sequence) not in (None, digest_hash):
                return self._whole(f"event {sequence} is not the one the last digest saw")
        return None

    def _whole(self, reason: str) -> Break:
        return self._break(None, f"chain {reason}")

    def _break(self, sequence: int | None, reason: str) -> Break:
        if isinstance(self.chain, tuple):
            return Break(None, sequence, reason, organisation=self.chain[1])
        return Break(self.chain, sequence, reason)


def _state(chain: Chain, organisations: dict, keyed: bool) -> ChainState:
    """An organisation's own chain belongs to it by construction; an assessment's chain to the
    assessment's organisation, which must still be there."""
    if isinstance(chain, tuple):
        return ChainState(chain, chain[1], keyed=keyed)
    return ChainState(chain, organisations.get(chain), keyed=keyed)


def walk(
    rows: Iterable[dict],
    *,
    organisations: dict[int, int],
    anchors: dict[Chain, dict],
    digest_heads: dict[Chain, tuple[int, str]],
    keyed: bool = True,
) -> Iterator[tuple[ChainState, Break | None]]:
    """Every chain in `rows` (ordered by chain, as `in_order`, then sequence), then the
    assessments, anchors and digest entries that have no events at all. `organisations` maps
    each assessment to its organisation (an organisation's own chain needs no entry)."""
    seen = set()
    state = None
    for row in rows:
        chain = chain_of(row)
        if state is None or chain != state.chain:
            if state is not None:
                yield state, state.finish(anchors.get(state.chain), digest_heads.get(state.chain))
            seen.add(chain)
            state = _state(chain, organisations, keyed)
            if not isinstance(chain, tuple) and chain not in organisations:
                state.broken = state._break(None, "chain has events but its assessment is gone")
        state.add(row)
        if chain in digest_heads and row["sequence"] == digest_heads[chain][0]:
            state.seals[row["sequence"]] = row["hash"]
    if state is not None:
        yield state, state.finish(anchors.get(state.chain), digest_heads.get(state.chain))
    for chain in sorted(
        (set(organisations) | set(anchors) | set(digest_heads)) - seen, key=in_order
    ):
        empty = _state(chain, organisations, keyed)
        if not isinstance(chain, tuple) and chain not in organisations:
            empty.broken = empty._break(None, "chain is in the last digest or anchored, but "
                                        "its assessment and its whole trail are gone")  # fmt: skip
        yield empty, empty.finish(anchors.get(chain), digest_heads.get(chain))


def check(rows, **context) -> Report:
    report = Report(seals_checked=context.get("keyed", True))
    for state, broken in walk(rows, **context):
        report.chains += 1
        report.events += state.count
        if broken is not None:
            report.breaks.append(broken)
    return report
