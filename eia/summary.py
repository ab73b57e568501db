"""The decision-maker's summary: what they must read before signing, and exactly what is frozen.

`decision_summary()` returns plain JSON-serialisable data. The sign-off page renders it, and
signing stores the same data with its SHA-256, so "what the decision-maker saw" can be shown
and verified later (Bracking: the duty is theirs personally and must be evidenced).
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from . import screening
from .aims import AIMS
from .models import Direction, RuralImpact
from .quality import full_of


def decision_summary(assessment) -> dict:
    record = assessment.screening
    groups = {c.id: c for c in screening.characteristics_in_scope(record)}
    ruleset = screening.pinned_ruleset(record)
    impacts = list(assessment.impacts.prefetch_related("actions", "evidence"))
    full = full_of(assessment)

    def group(impact):
        found = groups.get(impact.characteristic)
        return (found.name, found.phrase) if found else (impact.characteristic,) * 2

    adverse = [
        {
            "characteristic": impact.characteristic,
            "name": group(impact)[0],
            "phrase": group(impact)[1],
            "size": impact.size,
            "who": impact.who_affected,
            "evidence": [item.title for item in impact.evidence.all()],
            "mitigations": [action.title for action in impact.actions.all()],
            "residual": impact.residual,
            "justification": impact.justification,
        }
        for impact in impacts
        if impact.direction == Direction.NEGATIVE
    ]
    positive = [
        {"name": group(impact)[0], "size": impact.size, "who": impact.who_affected}
        for impact in impacts
        if impact.direction == Direction.POSITIVE
    ]
    unclear = [group(impact)[0] for impact in impacts if impact.direction == Direction.UNCLEAR]
    aims = [
        {
            "key": aim.key,
            "label": aim.label,
            "considerations": [
                {"name": group(impact)[0], "text": getattr(impact, aim.field)}
                for impact in impacts
                if getattr(impact, aim.field).strip()
            ],
        }
        for aim in AIMS
    ]
    rural = [
        {
            "theme": row.get_theme_display(),
            "kind": row.get_kind_display(),
            "scale": row.scale,
            "description": row.description,
        }
        for row in assessment.rural_impacts.all()
        if row.kind != RuralImpact.Kind.NONE
    ]
    proofing = getattr(assessment, "rurality", None)
    result = record.result or {}
    return {
        "assessment": assessment.pk,
        "version": assessment.version,
        "title": assessment.title,
        "reference": assessment.pipeline_item.reference,
        "decision_body": assessment.pipeline_item.decision_body,
        "decision_date": assessment.pipeline_item.decision_date,
        "screening": {
            "outcome": assessment.get_screening_outcome_display(),
            "reasons": assessment.screening_reasons,
            "mitigation": assessment.mitigation_summary,
            "rules_outcome": ruleset.outcome_label(result["outcome"]) if result else "",
            "rules_reasons": [reason["text"] for reason in result.get("reasons", [])],
            "flags": [ruleset.flag_label(flag) for flag in result.get("flags", [])],
        },
        "adverse": adverse,
        "positive": positive,
        "unclear": unclear,
        "aims": aims,
        "rural": rural,
        "rural_tailoring": proofing.tailoring if proofing else "",
        "rural_monitoring": proofing.monitoring if proofing else "",
        "conclusion": full.get_conclusion_display() if full.conclusion else "",
        "justification": full.justification,
        "changes_made": full.changes_made,
        "cumulative_impact": full.cumulative_impact,
        "open_actions": [
            {"title": action.title, "target_date": action.target_date, "rag": action.rag}
            for action in assessment.actions.all()
            if action.is_open
        ],
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


def attestation_text(
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
    duty = (
        "have had due regard to the need to eliminate discrimination, harassment and "
        "victimisation, to advance equality of opportunity and to foster good relations "
        "(Equality Act 2010, section 149)."
    )
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
