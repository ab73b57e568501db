"""From the database to the PDF contract: `document_for(assessment)` builds an
`eia.pdf.AssessmentDocument` from the assessment's `eia.redaction.PublicRecord`, never from the
models, so every PDF is redacted by construction: what the public register page may not show,
no PDF can show either.
"""

import dataclasses
from datetime import datetime

from django.utils import timezone

from . import consultation
from .models import Assessment, RuralImpact
from .pdf import (
    ActionLine,
    AssessmentDocument,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
    equality_implications,
)
from .pdf.document import format_date
from .redaction import PublicRecord, public_record

# How the record names its author in a public document: the team, never a person.
AUTHOR_TEMPLATE = "{directorate}, {organisation}"


def document_for(
    assessment: Assessment,
    *,
    generated_at: datetime | None = None,
    before_publication: bool = False,
):
    """The PDF document of a published assessment (NotFound if it is not published), or, with
    `before_publication`, the same redacted document of a draft for the committee report."""
    record = public_record(assessment, before_publication=before_publication)
    doc = document_from_record(record, generated_at=generated_at)
    if before_publication and record.state not in ("published", "superseded"):
        doc = dataclasses.replace(
            doc, status=f"Draft: {assessment.get_state_display().lower()}, not published"
        )
    return doc


def document_from_record(
    record: PublicRecord, *, generated_at: datetime | None = None
) -> AssessmentDocument:
    signed_off_at = timezone.localtime(record.signed_off_at) if record.signed_off_at else None
    doc = AssessmentDocument(
        organisation=record.organisation,
        title=record.title,
        reference=record.reference,
        version=record.version,
        decision_body=record.decision_body,
        decision_date=record.decision_date,
        decision_maker=record.decision_maker,
        author=AUTHOR_TEMPLATE.format(
            directorate=record.directorate, organisation=record.organisation
        ),
        status="Superseded" if record.superseded else "Published",
        screening_outcome=record.screening_outcome_label,
        screening_reasons=_screening_reasons(record),
        about=_about(record),
        evidence=tuple(
            EvidenceLine(
                title=item.title,
                source=item.source,
                date=item.dated,
                shows=item.shows,
                link=item.link,
            )
            for item in record.evidence
        ),
        evidence_gaps=record.evidence_gaps,
        engagement=tuple(
            EngagementLine(
                who=item.who,
                when=format_date(item.held_on),
                how=item.method,
                how_many="" if item.how_many is None else str(item.how_many),
                said=item.what_said,
                changed=item.what_changed,
            )
            for item in record.engagement
        ),
        impacts=tuple(
            ImpactLine(
                characteristic=impact.characteristic_name,
                direction=impact.direction,
                size=impact.size,
                who=impact.who_affected,
                evidence=impact.evidence,
                mitigations=impact.mitigations,
                residual=impact.residual,
                justification=impact.justification,
                aims=impact.aims,
                intersecting=impact.intersecting,
            )
            for impact in record.impacts
        ),
        actions=tuple(
            ActionLine(
                title=action.title,
                owner=action.owner_role or "Not recorded",
                target_date=action.target_date,
                status=action.status_label,
                rag=action.rag,
            )
            for action in record.actions
        ),
        rurality=_rurality(record),
        duties=tuple((section.title, section.answers) for section in record.duty_sections),
        conclusion=record.conclusion_label,
        conclusion_detail=record.justification,
        changes_made=record.changes_made,
        cumulative=record.cumulative_impact,
        aims=_aims(record),
        consultation=consultation.pairs(record.consultation),
        monitoring=record.monitoring,
        aims_heading=record.aims_heading or AssessmentDocument.aims_heading,
        duty=" ".join(filter(None, [record.duty_citation + ".", record.publication]))
        if record.duty_citation
        else "",
        review_date=record.review_date,
        signed_off_by=record.signed_off_by,
        timing=record.signed_late_note,
        decision_taken=record.decision.sentence if record.decision else "",
        signed_off_at=signed_off_at,
        changed_since_sign_off=tuple(
            f"{change.label}: now “{change.now}”, signed as “{change.signed}”"
            if change.public
            else f"{change.label} changed"
            for change in record.changed_since_sign_off
        ),
        generated_at=generated_at or timezone.localtime(),
    )
    return dataclasses.replace(doc, equality_implications=equality_implications(doc))


def implications_for(record: PublicRecord) -> str:
    """The "equality implications" paragraph for a published record, as the PDFs print it."""
    return document_from_record(record).equality_implications


def _about(record: PublicRecord) -> tuple[tuple[str, str], ...]:
    summary = (("Summary", record.summary),) if record.summary.strip() else ()
    return summary + record.about


def _screening_reasons(record: PublicRecord) -> tuple[str, ...]:
    reasons = [line.strip() for line in record.screening_reasons.splitlines() if line.strip()]
    if record.screening_mitigation.strip():
        reasons.append(f"Mitigation: {record.screening_mitigation.strip()}")
    reasons.extend(record.rule_reasons)
    return tuple(reasons)


def _rurality(record: PublicRecord) -> tuple[tuple[str, str], ...]:
    pairs = []
    if record.rurality_evidence:
        pairs.append(("Rural evidence used", record.rurality_evidence))
    no_impact = []
    for row in record.rural_impacts:
        if row.kind == RuralImpact.Kind.NONE and not row.description:
            no_impact.append(row.theme)  # listed together below, so the findings come first
            continue
        finding = row.kind_label + (f", {row.scale.lower()}" if row.scale else "")
        if row.description:
            finding += f": {row.description}"
        pairs.append((row.theme, finding))
    if no_impact:
        pairs.append((RuralImpact.Kind.NONE.label, "; ".join(no_impact)))
    if record.rurality_tailoring:
        pairs.append(("How the proposal was tailored", record.rurality_tailoring))
    if record.rurality_monitoring:
        pairs.append(("Monitoring and evaluation", record.rurality_monitoring))
    return tuple(pairs)


def _aims(record: PublicRecord) -> tuple[tuple[str, str], ...]:
    """Each aim of the duty with what every impact says about it."""
    by_aim: dict[str, list[str]] = {}
    for impact in record.impacts:
        for aim, text in impact.aims:
            by_aim.setdefault(aim, []).append(f"{impact.characteristic_name}: {text.strip()}")
    return tuple((aim, " ".join(lines)) for aim, lines in by_aim.items())
