"""Digests over every chain's head: `manage.py audit_digest` and the register's digest page.

A digest lists each chain's (organisation, assessment, sequence, seal) at one moment, names the
digest before it, and is identified by the SHA-256 of its canonical JSON. The file goes to an
administrator to archive and the identifier to the public register, both outside the database,
so that a later rollback of an anchor (with the events after it) is caught: the chain is then
shorter than the last digest saw it.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eia.models import AuditDigest, AuditHead

from . import keys, seal, verify

FORMAT = "due-regard-audit-digest"


def content_of(digest: AuditDigest) -> dict:
    return {
        "format": FORMAT,
        "v": seal.VERSION,
        "made_at": seal.timestamp(digest.made_at),
        "previous_digest": digest.previous_digest,
        "chains": digest.chains,
        "events": digest.events,
        "heads": digest.heads,
    }


def identify(content: dict) -> str:
    return seal.content_hash(seal.canonical(content))


@transaction.atomic
def make_digest() -> AuditDigest:
    previous = AuditDigest.objects.order_by("-made_at", "-pk").values_list("digest", flat=True)
    heads = [
        list(row)
        for row in AuditHead.objects.order_by("assessment_id", "organisation_id").values_list(
            "organisation_id", "assessment_id", "sequence", "hash"
        )
    ]
    key_id, key = keys.current()
    digest = AuditDigest(
        made_at=timezone.now(),
        chains=len(heads),
        events=sum(row[2] for row in heads),
        heads=heads,
        previous_digest=previous.first() or seal.GENESIS,
        key_id=key_id,
    )
    # Microseconds survive both databases, so the identifier is computed on what is stored.
    content = content_of(digest)
    digest.digest = identify(content)
    digest.seal = seal.sign(seal.canonical(content), key)
    digest.save()
    return digest


def file_of(digest: AuditDigest) -> dict:
    return content_of(digest) | {
        "digest": digest.digest,
        "key_id": digest.key_id,
        "seal": digest.seal,
    }


def write_file(digest: AuditDigest, directory: Path | None = None) -> Path:
    directory = Path(directory or settings.AUDIT_DIGEST_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"audit-digest-{digest.made_at:%Y%m%dT%H%M%S}-{digest.digest[:12]}.json"
    path.write_text(json.dumps(file_of(digest), indent=1, ensure_ascii=False))
    return path


def problems_of_file(data: dict) -> list[str]:
    """What is wrong with a digest file on its own (its identifier, and its seal if keyed)."""
    content = {name: data.get(name) for name in ("format", "v", "made_at", "previous_digest",
                                                 "chains", "events", "heads")}  # fmt: skip
    problems = []
    if content["format"] != FORMAT:
        problems.append("not a Due Regard audit digest")
    elif identify(content) != data.get("digest"):
        problems.append("its content does not match its identifier")
    else:
        key = keys.get(data.get("key_id") or "")
        if key is not None and not seal.matches(seal.canonical(content), key, data.get("seal", "")):
            problems.append("its seal does not match")
    return problems


def problems_of_stored() -> list[str]:
    """The digests kept in the database: each still identified by its content, sealed, and
    naming the one before it (a digest deleted from the middle breaks the link)."""
    problems = []
    expected_previous = seal.GENESIS
    for digest in AuditDigest.objects.order_by("made_at", "pk").iterator():
        content = content_of(digest)
        name = f"digest of {digest.made_at:%Y-%m-%d %H:%M}"
        if identify(content) != digest.digest:
            problems.append(f"{name}: its content does not match its identifier")
        key = keys.get(digest.key_id)
        if key is None or not seal.matches(seal.canonical(content), key, digest.seal):
            problems.append(f"{name}: its seal does not match")
        if digest.previous_digest != expected_previous:
            problems.append(f"{name}: the digest before it is missing")
        expected_previous = digest.digest
    return problems


def heads_of(data: dict | None) -> dict[verify.Chain, tuple[int, str]]:
    """chain (an assessment, or an organisation's own) -> (sequence, seal), from a digest's
    file form: each head is [organisation, assessment or null, sequence, seal]."""
    if not data:
        return {}
    return {
        verify.chain_of({"organisation": row[0], "assessment": row[1]}): (row[2], row[3])
        for row in data.get("heads", [])
    }


def latest() -> AuditDigest | None:
    return AuditDigest.objects.order_by("-made_at", "-pk").first()
