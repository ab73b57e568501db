"""Every chain in the database checked by eia.chain.verify: `manage.py verify_audit`, the
assessment page and the judicial-review pack."""

from django.db.models import Q

from eia.models import Assessment, AuditEvent, AuditHead

from . import digests, verify

BATCH = 5000


def rows(events):
    """Events in (chain, sequence) order in keyset batches, no cursor held open: assessments'
    chains by assessment, then organisations' own chains by organisation (verify.in_order)."""
    yield from _batches(events.filter(assessment__isnull=False), "assessment_id")
    yield from _batches(events.filter(assessment__isnull=True), "organisation_id")


def _batches(events, chain: str):
    after = None
    while True:
        batch = events
        if after is not None:
            batch = batch.filter(
                Q(**{f"{chain}__gt": after[0]}) | Q(**{chain: after[0], "sequence__gt": after[1]})
            )
        found = list(batch.order_by(chain, "sequence").values(*verify.EVENT_COLUMNS)[:BATCH])
        yield from found
        if len(found) < BATCH:
            return
        after = (found[-1][chain], found[-1]["sequence"])


def anchors(heads) -> dict[verify.Chain, dict]:
    """chain -> the anchor's fields as eia.chain.seal.anchor_payload takes them."""
    found = {}
    for row in heads.values(
        "organisation_id", "assessment_id", "sequence", "hash", "key_id", "seal"
    ):
        row["organisation"] = row.pop("organisation_id")
        row["assessment"] = row.pop("assessment_id")
        found[verify.chain_of(row)] = row
    return found


def verify_all(
    *,
    digest: dict | None = None,
    assessments=None,
    organisation=None,
    with_digest: bool = True,
) -> verify.Report:
    """Every chain, organisations' own included (or only those of `assessments`, a queryset,
    and with `organisation` that organisation's own chain) against its anchor and a digest:
    `digest` in its file form, else the last one stored (unless `with_digest` is False)."""
    if digest is None and with_digest:
        stored = digests.latest()
        digest = digests.file_of(stored) if stored is not None else None
    chosen = Assessment.objects.all() if assessments is None else assessments
    organisations = dict(chosen.values_list("pk", "organisation_id"))
    events = AuditEvent.objects.all()
    heads = AuditHead.objects.all()
    digest_heads = digests.heads_of(digest)
    if assessments is not None:
        picked = chains(assessments, organisation)
        events = events.filter(picked)
        heads = heads.filter(picked)
        own = ("organisation", organisation.pk) if organisation is not None else None
        digest_heads = {c: h for c, h in digest_heads.items() if c in organisations or c == own}
    report = verify.check(
        rows(events),
        organisations=organisations,
        anchors=anchors(heads),
        digest_heads=digest_heads,
    )
    report.digest = digest["digest"] if digest else ""
    return report


def chains(assessments, organisation=None) -> Q:
    """The events (or anchors) of `assessments` and, with `organisation`, of its own chain."""
    picked = Q(assessment__in=assessments)
    if organisation is not None:
        picked |= Q(assessment__isnull=True, organisation=organisation)
    return picked


def verify_organisation(organisation, *, with_digest: bool = True) -> verify.Report:
    """The organisation's own chain (its equality duty) alone."""
    return verify_all(
        assessments=Assessment.objects.none(), organisation=organisation, with_digest=with_digest
    )


def verify_one(assessment, *, with_digest: bool = True) -> verify.Report:
    return verify_all(
        assessments=Assessment.objects.filter(pk=assessment.pk), with_digest=with_digest
    )


def verify_head(assessment) -> verify.Report:
    """The chain's newest event and its anchor, both seals checked: what a page can afford on
    every view. It shows a rewritten or deleted newest event, or a moved anchor; the events
    before it are verify_all's (`manage.py verify_audit`, the judicial-review pack)."""
    report = verify.Report(chains=1)
    newest = (
        AuditEvent.objects.filter(assessment_id=assessment.pk)
        .order_by("-sequence")
        .values(*verify.EVENT_COLUMNS)
        .first()
    )
    anchor = anchors(AuditHead.objects.filter(assessment_id=assessment.pk)).get(assessment.pk)
    state = verify.ChainState(assessment.pk, assessment.organisation_id)
    if newest is not None:
        state.count, state.last_hash = newest["sequence"] - 1, newest["previous_hash"]
        state.add(newest)
    broken = state.finish(anchor, None)
    report.events = state.count
    if broken is not None:
        report.breaks.append(broken)
    return report
