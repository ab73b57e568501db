"""Every chain in the database checked by eia.chain.verify: `manage.py verify_audit`, the
assessment page and the judicial-review pack."""

from django.db.models import Q

from eia.models import Assessment, AuditEvent, AuditHead

from . import digests, verify

BATCH = 5000


def rows(events):
    """Events in (assessment, sequence) order in keyset batches: no cursor held open."""
    after = None
    while True:
        batch = events
        if after is not None:
            batch = batch.filter(
                Q(assessment_id__gt=after[0]) | Q(assessment_id=after[0], sequence__gt=after[1])
            )
        found = list(
            batch.order_by("assessment_id", "sequence").values(*verify.EVENT_COLUMNS)[:BATCH]
        )
        yield from found
        if len(found) < BATCH:
            return
        after = (found[-1]["assessment_id"], found[-1]["sequence"])


def anchors(heads) -> dict[int, dict]:
    """assessment -> the anchor's fields as eia.chain.seal.anchor_payload takes them."""
    found = {}
    for row in heads.values(
        "organisation_id", "assessment_id", "sequence", "hash", "key_id", "seal"
    ):
        row["organisation"] = row.pop("organisation_id")
        row["assessment"] = row.pop("assessment_id")
        found[row["assessment"]] = row
    return found


def verify_all(
    *, digest: dict | None = None, assessments=None, with_digest: bool = True
) -> verify.Report:
    """Every chain (or those of `assessments`, a queryset) against its anchor and a digest:
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
        events = events.filter(assessment__in=assessments)
        heads = heads.filter(assessment__in=assessments)
        digest_heads = {a: h for a, h in digest_heads.items() if a in organisations}
    report = verify.check(
        rows(events),
        organisations=organisations,
        anchors=anchors(heads),
        digest_heads=digest_heads,
    )
    report.digest = digest["digest"] if digest else ""
    return report


def verify_one(assessment, *, with_digest: bool = True) -> verify.Report:
    return verify_all(
        assessments=Assessment.objects.filter(pk=assessment.pk), with_digest=with_digest
    )
