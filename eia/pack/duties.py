"""The duty modules of one version for the judicial-review pack: each module its screening
called for (eia.duty_modules), with every answer, internal ones included (the pack is for the
organisation's lawyers, as its signed snapshot, timeline and evidence files are), the module
file's version and SHA-256 the answers are pinned to, and its attestation as the decision-maker
signed it."""

from eia import duty_modules
from eia.models import Assessment
from eia.pdf.report import Report, Section, render_report


def _signed(version: Assessment) -> tuple[dict[str, str], str | None]:
    """Each module's attestation as frozen in the signed snapshot, and the attestation text
    signed (None when the version is not signed)."""
    record = getattr(version, "sign_off_record", None)
    if record is None:
        return {}, None
    frozen = {
        entry["module"]: entry["attestation"]
        for entry in (record.snapshot or {}).get("duty_modules", ())
        if not entry.get("not_required")
    }
    return frozen, record.attestation


def records(version: Assessment) -> list[dict]:
    """The version's modules as plain data (the pack's JSON)."""
    frozen, signed = _signed(version)
    found = []
    for entry in duty_modules.pinned_records(version):
        attested = frozen.get(entry["module"])
        found.append(
            entry
            | {
                "attestation_as_signed": attested,
                "in_signed_attestation": bool(attested and signed and attested in signed),
            }
        )
    return found


def _answered(entry: dict) -> str:
    if not entry["answered"]:
        return "Not answered"
    return "Declared not required" if entry["not_required"] else "Answered"


def _section(entry: dict) -> Section:
    if entry["attestation_as_signed"] is None:
        signed = "Not signed (not yet signed, or declared not required)"
    else:
        signed = entry["attestation_as_signed"]
    return Section(
        f"{entry['title']} ({entry['module']}@{entry['version']})",
        pairs=(
            ("Module file", f"{entry['module']} version {entry['version']}"),
            ("SHA-256 of the module file", entry["sha256"]),
            ("Citation", entry["citation"]),
            ("State", _answered(entry)),
            *((str(label), str(text)) for label, text in entry["answers"]),
            ("Attestation as signed", signed),
        ),
        new_page=True,
    )


def report(version: Assessment, entries: list[dict]) -> bytes:
    item = version.pipeline_item
    return render_report(
        Report(
            organisation=version.organisation.name,
            reference=item.reference,
            version=version.version,
            title=f"Duty modules of version {version.version}: {item.title}",
            kind="Duty modules",
            introduction=(
                "Each duty its screening called for, with every answer as given (internal "
                "ones included), the module file the answers are pinned to and the "
                "attestation the decision-maker signed.",
            ),
            sections=tuple(_section(entry) for entry in entries),
        )
    )
