"""The files of one proposal's judicial-review pack, produced one at a time.

- `README.txt`: what each file is.
- `timeline.pdf`: every event of every version: when, who (and their roles then), what, and
  the values before and after.
- `trail/version-N.json`: each version's audit trail with its hashes, as exported
  (eia.chain.export); `manage.py verify_audit --file` re-verifies it, see docs/audit.md.
- `signed/version-N-snapshot.json`: exactly what the decision-maker saw, with its SHA-256.
- `versions/version-N-full.pdf`: each version as the committee report shows it.
- `compare/version-N-against-version-M.pdf`, `compare/version-N-since-sign-off.pdf`.
- `evidence/version-N/...`: the evidence files, as uploaded.
- `duties/version-N.json` and `.pdf`: each duty module the screening called for, with every
  answer (internal ones included), the module file's version and SHA-256 the answers are
  pinned to, and its attestation as signed (eia.pack.duties).
- `decision.pdf`: the proposal, its decision and each sign-off.
- `verification.json`: the result of verifying every version's audit trail: its events,
  their keyed seals, its anchor and the last digest (eia.chain.verify).
- `brown-principles.pdf`: this record's evidence for each Brown principle, a page each.
- `manifest.json`: the SHA-256 of every file (written last by `eia.pack.zipstream`).
"""

import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from eia import audit, compare, summary
from eia.chain import export
from eia.documents import document_for
from eia.events import label
from eia.history import content_at
from eia.models import Assessment, AuditEvent, PipelineItem, State
from eia.pdf import render_full
from eia.pdf.report import Report, Section, Table, render_report
from eia.pdf.text import DocumentTooLarge
from eia.public_decision import LATE_FLAG

from . import duties
from .brown import principles

CHUNK = 64 * 1024


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y %H:%M:%S")


def _json(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def _details(event: AuditEvent, words: compare.Words) -> str:
    """What an event changed, in full and in words: each field's value before and after."""
    lines = []
    details = event.details or {}
    states = dict(State.choices)
    if event.from_state and event.to_state and event.from_state != event.to_state:
        lines.append(f"Stage: {states[event.from_state]} to {states[event.to_state]}")
    for row in details.get("rows", []):
        key = row["row"]
        values = {
            name: pair[1 if row["op"] != "delete" else 0] for name, pair in row["fields"].items()
        }
        item = words.item(key, values)
        if row["op"] == "delete":
            lines.append(f"Removed {item}")
            continue
        for name, (before, after) in row["fields"].items():
            old, new = words.value(name, before), words.value(name, after)
            if old != new and name not in compare.QUIET:
                lines.append(f"{item}, {words.label(key, name).lower()}: "
                             f"{old or '(blank)'} → {new or '(blank)'}")  # fmt: skip
    for name, (before, after) in (details.get("changes") or {}).items():
        lines.append(f"{name.replace('_', ' ').capitalize()}: {before or '(blank)'} → {after}")
    if event.comment:
        lines.append(f"Comment: {event.comment}")
    return "; ".join(lines)  # a table cell prints one line; the separators keep it readable


def _timeline(item: PipelineItem, versions: list[Assessment]) -> bytes:
    rows = []
    for version in versions:
        words = compare.Words(version, content_at(version).content)
        for event in version.audit_events.order_by("sequence"):
            who = event.actor_name + (f" ({event.actor_roles})" if event.actor_roles else "")
            rows.append(
                (
                    _when(event.occurred_at),
                    f"v{version.version} #{event.sequence}",
                    who,
                    label(event.event_type),
                    _details(event, words),
                )
            )
    return render_report(
        Report(
            organisation=item.organisation.name,
            reference=item.reference,
            version=versions[-1].version if versions else 0,
            title=f"Timeline of the equality impact assessment: {item.title}",
            kind="Timeline",
            introduction=(
                f"Every event recorded for {item.reference}, in order, across "
                f"{len(versions)} version(s): {len(rows)} events.",
            ),
            sections=(
                Section(
                    "Events",
                    tables=(
                        Table(
                            ("When", "Version and event", "Who", "What", "Before and after"),
                            tuple(rows),
                            (0.14, 0.1, 0.18, 0.18, 0.4),
                        ),
                    ),
                ),
            ),
        )
    )


def _comparison(title: str, differences, item: PipelineItem, version: int) -> bytes:
    rows = tuple((d.section, d.item, d.what, d.before, d.after) for d in differences)
    return render_report(
        Report(
            organisation=item.organisation.name,
            reference=item.reference,
            version=version,
            title=title,
            kind="Comparison",
            introduction=(f"{len(rows)} change(s), rebuilt from the audit trail.",),
            sections=(
                Section(
                    "Changes",
                    tables=(Table(("Section", "Item", "What", "Before", "After"), rows),),
                ),
            ),
        )
    )


def _decision(item: PipelineItem, versions: list[Assessment]) -> bytes:
    signed = [v for v in versions if hasattr(v, "sign_off_record")]
    named = item.decision_maker.display_name if item.decision_maker else ""
    sections = [
        Section(
            "The proposal",
            pairs=(
                ("Reference", item.reference),
                ("Title", item.title),
                ("Decision body", item.decision_body),
                ("Decision date", f"{item.decision_date:%-d %B %Y}"),
                ("Named decision-maker", named),
            ),
        )
    ]
    for version in signed:
        record = version.sign_off_record
        sections.append(
            Section(
                f"Sign-off of version {version.version}",
                pairs=(
                    ("Signed by", record.decision_maker_name),
                    ("Signed at", _when(record.signed_at)),
                    (
                        "Timing",
                        f"{LATE_FLAG}. Decision date {record.decision_date:%-d %B %Y}. "
                        f"Reason given: {record.late_reason}"
                        if record.signed_late
                        else "Signed before the decision date",
                    ),
                    ("Attestation", record.attestation),
                    ("SHA-256 of what was shown", record.content_hash),
                    (
                        "Hash still matches",
                        "Yes"
                        if summary.content_hash(record.snapshot) == record.content_hash
                        else "NO",
                    ),
                ),
            )
        )
    sections += _decision_records(versions)
    return render_report(
        Report(
            organisation=item.organisation.name,
            reference=item.reference,
            version=versions[-1].version if versions else 0,
            title=f"The decision: {item.title}",
            kind="Decision record",
            sections=tuple(sections),
        )
    )


def _decision_records(versions: list[Assessment]) -> list[Section]:
    """The decision as recorded for each version, with every correction and its reason."""
    found = []
    for version in versions:
        rows = list(version.decision_records.order_by("pk"))
        if not rows:
            continue
        found.append(
            Section(
                f"The decision taken (version {version.version})",
                tables=(
                    Table(
                        ("Recorded", "By", "Outcome", "Body", "Taken on", "Minute", "Why"),
                        tuple(
                            (
                                _when(row.recorded_at),
                                row.recorded_by_name,
                                row.get_outcome_display(),
                                row.body_name,
                                f"{row.taken_on:%-d %B %Y}",
                                " ".join(filter(None, (row.minute_reference, row.minute_url))),
                                row.correction_reason or "First record",
                            )
                            for row in rows
                        ),
                    ),
                ),
            )
        )
    return found


def _brown(item: PipelineItem) -> bytes:
    return render_report(
        Report(
            organisation=item.organisation.name,
            reference=item.reference,
            version=0,
            title=f"The Brown principles: the record of {item.reference}",
            kind="Brown principles",
            introduction=(
                "R (Brown) v Secretary of State for Work and Pensions [2008] EWHC 3158 (Admin) "
                "sets out what having due regard requires. Each page gives this record's "
                "evidence for one principle, taken from the record itself.",
            ),
            sections=tuple(
                Section(
                    f"{p.number}. {p.title}",
                    paragraphs=(p.question, *p.evidence),
                    new_page=True,
                )
                for p in principles(item)
            ),
        )
    )


def _file_chunks(field_file) -> Iterator[bytes]:
    with field_file.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def members(item: PipelineItem) -> Iterator[tuple[str, list[bytes] | Iterator[bytes]]]:
    """(name, chunks) for every file of the pack, built as it is reached."""
    versions = list(item.assessments.select_related("organisation").order_by("version"))
    yield "README.txt", [(__doc__ or "").encode()]
    yield "timeline.pdf", [_timeline(item, versions)]
    verification = {}
    for version in versions:
        n = version.version
        one = Assessment.objects.filter(pk=version.pk)
        trail = export.json_chunks(version.organisation, one, scope="assessment")
        yield f"trail/version-{n}.json", (chunk.encode() for chunk in trail)
        check = audit.verify_chain(version, with_digest=True)
        verification[f"version-{n}"] = {
            "intact": check.intact,
            "events": check.events,
            "first_broken_sequence": check.first_broken_sequence,
            "reason": check.reason,
            "checked": "events, seals (HMAC-SHA256 with the key), anchor and the last digest",
        }
        record = getattr(version, "sign_off_record", None)
        if record is not None:
            yield f"signed/version-{n}-snapshot.json", [_json(record.snapshot)]
            line = f"{record.content_hash}  version-{n}-snapshot (canonical JSON, sorted keys)\n"
            yield f"signed/version-{n}-snapshot.sha256", [line.encode()]
        if version.state != State.WITHDRAWN:
            try:
                pdf = render_full(document_for(version, before_publication=True))
            except DocumentTooLarge as error:
                pdf = str(error).encode()
            yield f"versions/version-{n}-full.pdf", [pdf]
        if version.previous_id is not None:
            previous = next(v for v in versions if v.pk == version.previous_id)
            yield (
                f"compare/version-{n}-against-version-{previous.version}.pdf",
                [
                    _comparison(
                        f"What version {n} changed from version {previous.version}",
                        compare.between_versions(previous, version),
                        item,
                        n,
                    )
                ],
            )
        since = compare.since_sign_off(version)
        if since is not None:
            yield (
                f"compare/version-{n}-since-sign-off.pdf",
                [_comparison(f"What changed after version {n} was signed", since, item, n)],
            )
        modules = duties.records(version)
        if modules:
            yield f"duties/version-{n}.json", [_json(modules)]
            yield f"duties/version-{n}.pdf", [duties.report(version, modules)]
        for evidence in version.evidence.exclude(file=""):
            safe = evidence.file_name.replace("/", "_").replace("\\", "_") or "file"
            if evidence.file.storage.exists(evidence.file.name):
                yield f"evidence/version-{n}/{evidence.pk}-{safe}", _file_chunks(evidence.file)
            else:
                yield f"evidence/version-{n}/{evidence.pk}-MISSING.txt", [b"File not found."]
    yield "decision.pdf", [_decision(item, versions)]
    yield "verification.json", [_json(verification)]
    yield "brown-principles.pdf", [_brown(item)]


def manifest(item: PipelineItem) -> dict:
    return {
        "pack": "Judicial-review pack",
        "organisation": item.organisation.name,
        "reference": item.reference,
        "title": item.title,
        "made_at": timezone.now().isoformat(),
    }
