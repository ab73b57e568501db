"""The decision-maker's summary as a PDF document: `document_from_summary(summary)` turns the
data of `eia.summary.decision_summary` (live, or a sign-off's frozen snapshot) into an
`eia.pdf.AssessmentDocument`, so the sign-off page and its PDF show the same data, and the
PDF of what was signed is drawn from exactly what was frozen and hashed.

Unlike `eia.documents` (the committee's and the public's PDFs, redacted by `eia.redaction`)
this is for the organisation's own people: it names every piece of evidence and every owner.
"""

import dataclasses
import datetime

from django.utils import timezone

from . import consultation
from .pdf import (
    ActionLine,
    AssessmentDocument,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
    equality_implications,
)
from .pdf.document import format_date


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date) or value is None:
        return value
    return datetime.date.fromisoformat(value) if value else None


def _impact(item: dict, direction: str) -> ImpactLine:
    return ImpactLine(
        characteristic=item["name"],
        direction=direction,
        size=item.get("size", ""),
        who=item.get("who", ""),
        evidence=tuple(item.get("evidence", ())),
        mitigations=tuple(item.get("mitigations", ())),
        residual=item.get("residual", ""),
        justification=item.get("justification", ""),
        intersecting=item.get("intersecting", ""),
    )


def document_from_summary(
    summary: dict, *, organisation: str, status: str, sign_off=None, changed=()
) -> AssessmentDocument:
    """`sign_off` is the SignOff the summary was frozen in, if any; `changed` the lines saying
    which facts changed since."""
    facts = summary.get("facts") or {}
    screening = summary["screening"]
    reasons = [line.strip() for line in screening["reasons"].splitlines() if line.strip()]
    if screening.get("mitigation", "").strip():
        reasons.append(f"Mitigation: {screening['mitigation'].strip()}")
    about = (("Summary", facts["summary"]),) if facts.get("summary", "").strip() else ()
    about += tuple((row["label"], row["text"]) for row in summary.get("proposal", ()))
    rural = (
        [("Rural evidence used", summary["rural_evidence"])]
        if summary.get("rural_evidence")
        else []
    )
    rural += [
        (
            row["theme"],
            row["kind"]
            + (f", {row['scale']}" if row["scale"] else "")
            + (f": {row['description']}" if row["description"] else ""),
        )
        for row in summary.get("rural", ())
    ]
    if summary.get("rural_tailoring"):
        rural.append(("How the proposal was tailored", summary["rural_tailoring"]))
    if summary.get("rural_monitoring"):
        rural.append(("Monitoring and evaluation", summary["rural_monitoring"]))
    doc = AssessmentDocument(
        organisation=organisation,
        title=summary["title"],
        reference=summary["reference"],
        version=summary["version"],
        decision_body=summary["decision_body"],
        decision_date=_date(summary["decision_date"]),
        decision_maker=facts.get("decision_maker", ""),
        author=facts.get("owner", ""),
        status=status,
        screening_outcome=screening["outcome"],
        screening_reasons=tuple(reasons + list(screening.get("rules_reasons", ()))),
        about=about,
        evidence=tuple(
            EvidenceLine(row["title"], row["source"], _date(row["dated"]), row["shows"])
            for row in summary.get("evidence", ())
        ),
        evidence_gaps=tuple(summary.get("evidence_gaps", ())),
        engagement=tuple(
            EngagementLine(
                who=row["who"],
                when=format_date(_date(row["held_on"])),
                how=row["method"],
                how_many="" if row["how_many"] is None else f"{row['how_many']} took part",
                said=row["what_said"],
                changed=row["what_changed"],
            )
            for row in summary.get("engagement", ())
        ),
        impacts=tuple(_impact(row, "negative") for row in summary["adverse"])
        + tuple(
            _impact(row, "unclear") for row in summary.get("unclear", ()) if isinstance(row, dict)
        )
        + tuple(_impact(row, "positive") for row in summary["positive"]),
        actions=tuple(
            ActionLine(
                title=row["title"],
                owner=row["owner"],
                target_date=_date(row["target_date"]),
                status=row["status"],
                rag=row["rag_label"],
                description=row["description"],
            )
            for row in summary.get("actions", ())
        ),
        rurality=tuple(rural),
        duties=tuple(
            (entry["title"], tuple((label, text) for label, text in entry["answers"]))
            for entry in summary.get("duty_modules", ())
        ),
        conclusion=summary["conclusion"],
        conclusion_detail=summary["justification"],
        changes_made=summary["changes_made"],
        cumulative=summary["cumulative_impact"],
        aims=tuple(
            (
                aim["label"],
                " ".join(f"{c['name']}: {c['text'].strip()}" for c in aim["considerations"]),
            )
            for aim in summary["aims"]
            if aim["considerations"]
        ),
        consultation=consultation.pairs(summary.get("consultation")),
        monitoring=summary.get("monitoring", ""),
        aims_heading=(summary.get("duty") or {}).get("aims_heading")
        or AssessmentDocument.aims_heading,
        duty=((summary.get("duty") or {}).get("citation") or "")
        and f"{summary['duty']['citation']}.",
        signed_off_by=sign_off.decision_maker_name if sign_off else "",
        signed_off_at=timezone.localtime(sign_off.signed_at) if sign_off else None,
        attestation=sign_off.attestation if sign_off else "",
        changed_since_sign_off=tuple(changed),
        generated_at=timezone.localtime(),
    )
    return dataclasses.replace(doc, equality_implications=equality_implications(doc))
