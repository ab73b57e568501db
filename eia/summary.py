"""The decision-maker's summary: what they must read before signing, and exactly what is frozen.

`decision_summary()` returns plain JSON-serialisable data: the whole picture, never cut (the
proposal, every adverse and unclear impact in full with its evidence, the engagement and what
it changed, evidence gaps, every mitigation with its owner, date and RAG, what remains and why,
rurality, the conclusion and the aims of the duty), with an "at a glance" digest in front, and
the pipeline facts the decision-maker saw (`eia.facts`). The sign-off page renders it, its PDF
is drawn from it (`eia.documents.document_from_summary`), and signing stores the same data
with its SHA-256, so "what the decision-maker saw" can be shown and verified later (Bracking:
the duty is theirs personally and must be evidenced).

A version screened out carries no full assessment: a review that ends screened out shows only
its screening, never the impacts of the version it reviews (they stay in its content, unused).
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from . import consultation, duty_modules, facts, screening
from .aims import DUTIES, Duty
from .models import Direction, FullAssessment, RuralImpact, ScreeningOutcome
from .quality import full_of

SCREENED_OUT = (ScreeningOutcome.SCREENED_OUT, ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION)
PROPOSAL_FIELDS = ("aims", "who_affected", "what_changes", "budget", "timescale")


def _owner(action) -> str:
    if action.owner_kind != action.OwnerKind.PERSON:
        return action.owner_label  # a team, or a named partner organisation
    if action.owner is None:
        return ""
    role = action.owner.job_title.strip()
    return f"{action.owner.display_name} ({role})" if role else action.owner.display_name


def _impact(impact, names) -> dict:
    name, phrase = names(impact)
    return {
        "characteristic": impact.characteristic,
        "name": name,
        "phrase": phrase,
        "size": impact.size,
        "who": impact.who_affected,
        "evidence": [item.title for item in impact.evidence.all()],
        "mitigations": [action.title for action in impact.actions.all()],
        "intersecting": impact.intersecting,
        "residual": impact.residual,
        "justification": impact.justification,
    }


def _aims(duty: Duty, impacts=()) -> list[dict]:
    return [
        {
            "key": aim.key,
            "label": aim.label,
            "considerations": [
                {"name": names(i)[0], "text": getattr(i, aim.field)}
                for i, names in impacts
                if getattr(i, aim.field).strip()
            ],
        }
        for aim in duty.aims
    ]


def _full_picture(assessment, names, duty: Duty) -> dict:
    """Everything of the full assessment the decision-maker must read."""
    impacts = list(assessment.impacts.prefetch_related("actions", "evidence"))
    full = full_of(assessment)
    adverse = [_impact(i, names) for i in impacts if i.direction == Direction.NEGATIVE]
    unclear = [_impact(i, names) for i in impacts if i.direction == Direction.UNCLEAR]
    return {
        "proposal": [
            {"label": str(FullAssessment._meta.get_field(name).verbose_name), "text": text}
            for name in PROPOSAL_FIELDS
            if (text := getattr(full, name)).strip()
        ],
        "adverse": adverse,
        "unclear": unclear,
        "positive": [
            {"name": names(i)[0], "size": i.size, "who": i.who_affected}
            for i in impacts
            if i.direction == Direction.POSITIVE
        ],
        "aims": _aims(duty, [(i, names) for i in impacts]),
        "evidence": [
            {"title": e.title, "source": e.source, "dated": e.dated, "shows": e.shows}
            for e in assessment.evidence.all()
        ],
        "evidence_gaps": [gap.description for gap in assessment.evidence_gaps.all()],
        "engagement": [
            {
                "who": row.who,
                "held_on": row.held_on,
                "method": row.get_method_display(),
                "how_many": row.how_many,
                "what_said": row.what_said,
                "what_changed": row.what_changed,
            }
            for row in assessment.engagement.all()
        ],
        "actions": [
            {
                "title": action.title,
                "description": action.description,
                "kind": action.get_kind_display(),
                "owner": _owner(action),
                "target_date": action.target_date,
                "rag": action.rag,
                "rag_label": action.get_rag_display() if action.rag else "",
                "status": action.get_status_display(),
                "open": action.is_open,
            }
            for action in assessment.actions.select_related("owner")
        ],
        "consultation": consultation.of(full, duty),
        "monitoring": full.monitoring,
        "conclusion": full.get_conclusion_display() if full.conclusion else "",
        "justification": full.justification,
        "changes_made": full.changes_made,
        "cumulative_impact": full.cumulative_impact,
    }


def _rurality(assessment) -> dict:
    proofing = getattr(assessment, "rurality", None) if assessment is not None else None
    rows = assessment.rural_impacts.all() if assessment is not None else ()
    return {
        "rural": [
            {
                "theme": row.get_theme_display(),
                "kind": row.get_kind_display(),
                "scale": row.scale,
                "description": row.description,
            }
            for row in rows
            if row.kind != RuralImpact.Kind.NONE
        ],
        "rural_evidence": proofing.evidence_used if proofing else "",
        "rural_tailoring": proofing.tailoring if proofing else "",
        "rural_monitoring": proofing.monitoring if proofing else "",
    }


def _nothing_assessed(duty: Duty) -> dict:
    """A screened-out version: no impacts, whatever content a reviewed version left behind."""
    empty = {"proposal": [], "adverse": [], "unclear": [], "positive": [], "evidence": []}
    empty |= {"evidence_gaps": [], "engagement": [], "actions": []}
    empty |= {"conclusion": "", "justification": "", "changes_made": "", "cumulative_impact": ""}
    empty |= {"consultation": consultation.of(None, duty), "monitoring": ""}
    return empty | {"aims": _aims(duty)}


def _glance(picture: dict) -> dict:
    adverse = picture["adverse"]
    key = []
    for item in adverse:
        key += [title for title in item["mitigations"] if title not in key]
    return {
        "adverse": len(adverse),
        "major": sum(1 for item in adverse if item["size"] == "major"),
        "unclear": len(picture["unclear"]),
        "positive": len(picture["positive"]),
        "key_mitigations": key,
        "gaps": len(picture["evidence_gaps"]),
        "engagement": len(picture["engagement"]),
    }


def decision_summary(assessment) -> dict:
    record = assessment.screening
    groups = {c.id: c for c in screening.characteristics_in_scope(record)}
    ruleset = screening.pinned_ruleset(record)
    duty = screening.duty_of(record)

    def names(impact):
        found = groups.get(impact.characteristic)
        return (found.name, found.phrase) if found else (impact.characteristic,) * 2

    screened_out = assessment.screening_outcome in SCREENED_OUT
    picture = _nothing_assessed(duty) if screened_out else _full_picture(assessment, names, duty)
    # Rurality proofing can follow a screening out; a review's copied proofing otherwise stays.
    proofed = not screened_out or assessment.rurality_proofing_required
    picture |= _rurality(assessment) if proofed else _rurality(None)
    # Only when a module applies, so the summaries (and hashes) of other records are unchanged.
    duties = duty_modules.readable(assessment, public_only=False)
    if duties:
        picture["duty_modules"] = duties
    result = record.result or {}
    item = assessment.pipeline_item
    return {
        "assessment": assessment.pk,
        "version": assessment.version,
        "title": item.title,
        "reference": item.reference,
        "decision_body": item.decision_body,
        "decision_date": item.decision_date,
        "facts": facts.facts_of(item),
        "screened_out": screened_out,
        "duty": duty.as_data(),
        "screening": {
            "outcome": assessment.get_screening_outcome_display(),
            "reasons": assessment.screening_reasons,
            "mitigation": assessment.mitigation_summary,
            "rules_outcome": ruleset.outcome_label(result["outcome"]) if result else "",
            "rules_reasons": [reason["text"] for reason in result.get("reasons", [])],
            "flags": [ruleset.flag_label(flag) for flag in result.get("flags", [])],
        },
        "glance": _glance(picture),
        **picture,
    }


def canonical(summary: dict) -> dict:
    """The summary as the database will return it (dates as ISO strings)."""
    return json.loads(json.dumps(summary, cls=DjangoJSONEncoder))


def content_hash(summary: dict) -> str:
    encoded = json.dumps(canonical(summary), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def signed_late(signed_on: datetime.date, decision_date: datetime.date | None) -> bool:
    """Signing on or after the decision date is not having due regard before deciding."""
    return decision_date is not None and signed_on >= decision_date


def attestation_text(summary: dict, decision_maker_name: str, **when) -> str:
    """The equality duty's attestation, then each duty module's own (eia.duty_modules), in its
    file's words; a module declared not required attests nothing."""
    modules = [
        entry["attestation"]
        for entry in summary.get("duty_modules", ())
        if not entry["not_required"]
    ]
    return " ".join([_equality_attestation(summary, decision_maker_name, **when), *modules])


def _equality_attestation(
    summary: dict,
    decision_maker_name: str,
    *,
    signed_on: datetime.date | None = None,
    late_reason: str = "",
) -> str:
    """The words the decision-maker signs, naming every adverse impact they accept. Signed on
    or after the decision date, it says so, with their reason, instead of "before taking the
    decision"."""
    accepted = [
        f"{item['phrase']} ({item['size'] or 'size not stated'})" for item in summary["adverse"]
    ]
    accepted_text = (
        "I accept the remaining adverse impacts on " + "; ".join(accepted) + "."
        if accepted
        else "The assessment records no adverse impact."
    )
    # The duty the summary froze; a snapshot from before duties were per jurisdiction is s149's.
    duty = (summary.get("duty") or {}).get("regard") or DUTIES["england"].regard
    decision_date = _date(summary.get("decision_date"))
    if signed_on is not None and signed_late(signed_on, decision_date):
        when = (
            "on the decision date itself"
            if signed_on == decision_date
            else f"after the decision date of {decision_date:%-d %B %Y}"
        )
        return (
            f"I, {decision_maker_name}, have read this equality impact assessment and signed it "
            f"on {signed_on:%-d %B %Y}, {when}, not before the decision was due to be taken. "
            f"My reason: {late_reason.strip().rstrip('.')}. I {duty} {accepted_text}"
        )
    return (
        f"I, {decision_maker_name}, have read this equality impact assessment before taking "
        f"the decision, and {duty} {accepted_text}"
    )


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date) or value is None:
        return value
    return datetime.date.fromisoformat(str(value))
