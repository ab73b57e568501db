"""Bulk content for `manage.py seed_scale` (workflows/demo/scale.py): the same rows the content
services write one edit at a time, written many records at a time with bulk_create.

It writes only what the services could have written for a record in the given state: a
screening pinned to the organisation's rule set with answers whose evaluated result is stored,
and, for a screened-in record past the screening, the full assessment (an impact for every group
in scope, evidence, engagement, actions, a conclusion), the rurality proofing where it is
required (its section completed once submitted: with the full assessment when screened in, on
its own on a screened-out proposal's short path), the authors' object permissions and
authorship, the sign-off snapshot of a signed-off record (built by eia.summary, as signing does)
and the fingerprints of long answers.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission as AuthPermission
from django.db import transaction

import screening_rules
from eia import screening, summary
from eia.aims import PSED_AIMS
from eia.models import (
    FULL_SECTIONS,
    Action,
    Assessment,
    AssessmentUserObjectPermission,
    Authorship,
    Direction,
    Engagement,
    EvidenceItem,
    FullAssessment,
    Impact,
    PipelineItem,
    RuralImpact,
    RuralityProofing,
    RuralTheme,
    Screening,
    Section,
    SignOff,
    Size,
)

from . import fingerprints

PAST_SCREENING = {
    "full_assessment",
    "rurality_proofing",
    "officer_review",
    "awaiting_sign_off",
    "signed_off",
    "published",
    "superseded",
}


@dataclass
class Spec:
    """One assessment to write: `fields` are Assessment's, `answers` the screening's."""

    fields: dict
    answers: dict
    words: str  # text that makes this record's answers its own


def create_items(items: list[PipelineItem]) -> list[PipelineItem]:
    """Pipeline items for a scale run, in bulk (their facts come from the generator, which
    draws only values the pipeline's own service would accept)."""
    return PipelineItem.objects.bulk_create(items)


def create_assessments(specs: list[Spec]) -> list[Assessment]:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("bulk content is written inside one transaction")
    assessments = Assessment.objects.bulk_create([Assessment(**spec.fields) for spec in specs])
    _screenings(assessments, specs)
    _authors(assessments)
    full = [(a, s) for a, s in zip(assessments, specs, strict=True) if a.state in PAST_SCREENING]
    screened_in = [(a, s) for a, s in full if a.screened_in]
    _full_content(screened_in)
    rural = [(a, s) for a, s in full if a.rurality_proofing_required]
    _rurality(rural)
    # Screened out, marking the rurality proofing completed is the record's only full-content
    # row, as eia.services.sections.mark_section writes it; it is completed once submitted.
    FullAssessment.objects.bulk_create(
        [
            FullAssessment(assessment=a, completed_sections=[str(Section.RURALITY)])
            for a, _ in rural
            if not a.screened_in and a.state != "rurality_proofing"
        ],
        batch_size=500,
    )
    return assessments


def _screenings(assessments, specs) -> None:
    rows = []
    for assessment, spec in zip(assessments, specs, strict=True):
        ruleset = screening.current_ruleset(assessment.organisation)
        scope = screening.scope(assessment.organisation, ruleset)
        complete = assessment.state != "screening"
        result = screening_rules.evaluate(ruleset, spec.answers, scope) if complete else None
        rows.append(
            Screening(
                assessment=assessment,
                ruleset_id=ruleset.id,
                ruleset_version=ruleset.version,
                ruleset_sha256=ruleset.sha256,
                characteristics=scope,
                answers=spec.answers if complete else {"access": spec.answers["access"]},
                result=result.to_dict() if result else None,
            )
        )
    Screening.objects.bulk_create(rows, batch_size=500)


def _authors(assessments) -> None:
    contribute = AuthPermission.objects.get(codename="contribute_to_assessment")
    decide = AuthPermission.objects.get(codename="decide_assessment")
    permissions = []
    for assessment in assessments:
        permissions.append(
            AssessmentUserObjectPermission(
                permission=contribute, user_id=assessment.author_id, content_object=assessment
            )
        )
        if assessment.pipeline_item.decision_maker_id:
            permissions.append(
                AssessmentUserObjectPermission(
                    permission=decide,
                    user_id=assessment.pipeline_item.decision_maker_id,
                    content_object=assessment,
                )
            )
    AssessmentUserObjectPermission.objects.bulk_create(permissions, batch_size=1000)
    Authorship.objects.bulk_create(
        [
            Authorship(
                organisation_id=a.organisation_id,
                pipeline_item_id=a.pipeline_item_id,
                user_id=a.author_id,
                first_assessment=a,
            )
            for a in assessments
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a review's author already wrote version 1
    )


def _text(spec: Spec, what: str) -> str:
    return (
        f"{what.capitalize()} for {spec.words}: we looked at who uses the service now, how "
        f"often and from where, and what would change for them under the proposal."
    )


def _full_content(pairs) -> None:
    fulls, evidence, engagement, impacts, actions = [], [], [], [], []
    for assessment, spec in pairs:
        done = list(FULL_SECTIONS) if assessment.state != "full_assessment" else []
        if done and assessment.rurality_proofing_required:  # submitted with the full assessment
            done.append(Section.RURALITY)
        fulls.append(
            FullAssessment(
                assessment=assessment,
                aims=_text(spec, "the aims"),
                who_affected=_text(spec, "who it affects"),
                what_changes=_text(spec, "what changes"),
                conclusion="adjust",
                changes_made=_text(spec, "how the assessment changed the proposal"),
                completed_sections=[str(s) for s in done],
            )
        )
        evidence += [
            EvidenceItem(
                assessment=assessment,
                title=f"{kind} ({spec.words})",
                source="Service records",
                shows=_text(spec, f"what the {kind.lower()} shows"),
            )
            for kind in ("Usage data", "Customer survey", "Census 2021 profile")
        ]
        engagement += [
            Engagement(
                assessment=assessment,
                who=who,
                method=method,
                how_many=40,
                what_said=_text(spec, f"what {who.lower()} said"),
                what_changed=_text(spec, f"what changed after hearing {who.lower()}"),
            )
            for who, method in (("Service users", "survey"), ("Disability forum", "meeting"))
        ]
        for characteristic in assessment.screening.characteristics:
            adverse = characteristic == "disability"
            impacts.append(
                Impact(
                    assessment=assessment,
                    characteristic=characteristic,
                    direction=Direction.NEGATIVE if adverse else Direction.NEUTRAL,
                    size=Size.MAJOR if adverse else "",
                    who_affected=_text(spec, f"the effect on {characteristic.replace('_', ' ')}"),
                    justification=_text(spec, "the justification") if adverse else "",
                    **{
                        aim: _text(spec, f"{aim.replace('_', ' ')} for {characteristic}")
                        for aim in (a.field for a in PSED_AIMS)
                    },
                )
            )
        actions.append(
            Action(
                assessment=assessment,
                title=f"Keep an assisted route open ({spec.words})",
                description=_text(spec, "the mitigation"),
                owner_id=assessment.author_id,
                target_date=assessment.pipeline_item.decision_date,
                rag=Action.Rag.AMBER,
            )
        )
    FullAssessment.objects.bulk_create(fulls, batch_size=500)
    EvidenceItem.objects.bulk_create(evidence, batch_size=500)
    Engagement.objects.bulk_create(engagement, batch_size=500)
    Impact.objects.bulk_create(impacts, batch_size=500)
    Action.objects.bulk_create(actions, batch_size=500)
    links = Action.impacts.through
    by_assessment = {impact.assessment_id: impact for impact in impacts if impact.adverse}
    links.objects.bulk_create(
        [
            links(action_id=action.pk, impact_id=by_assessment[action.assessment_id].pk)
            for action in actions
            if action.assessment_id in by_assessment
        ],
        batch_size=1000,
    )
    rows = {model: [] for model in fingerprints.COPY_CHECKED}
    prints = []
    grouped: dict[int, dict] = {}
    for model, made in (
        (FullAssessment, fulls),
        (EvidenceItem, evidence),
        (Engagement, engagement),
        (Impact, impacts),
    ):
        for row in made:
            grouped.setdefault(row.assessment_id, {m: [] for m in rows})[model].append(row)
    for assessment, _ in pairs:
        prints += fingerprints.fingerprints_of(assessment, grouped.get(assessment.pk, {}))
    fingerprints.save_all(prints)


def _rurality(pairs) -> None:
    RuralityProofing.objects.bulk_create(
        [
            RuralityProofing(
                assessment=a,
                evidence_used=_text(s, "rural evidence"),
                tailoring=_text(s, "rural tailoring"),
                monitoring=_text(s, "rural monitoring"),
            )
            for a, s in pairs
        ],
        batch_size=500,
    )
    RuralImpact.objects.bulk_create(
        [
            RuralImpact(assessment=a, theme=theme, kind=RuralImpact.Kind.NONE)
            for a, _ in pairs
            for theme in RuralTheme
        ],
        batch_size=1000,
    )


def freeze_sign_offs(assessments, decision_makers: dict) -> None:
    """The snapshot each signed record's decision-maker saw, built as signing builds it."""
    rows = []
    for assessment in assessments:
        signer = decision_makers[assessment.signed_off_by_id]
        shown = summary.decision_summary(assessment)
        rows.append(
            SignOff(
                assessment=assessment,
                decision_maker=signer,
                decision_maker_name=signer.display_name,
                signed_at=assessment.signed_off_at,
                attestation=summary.attestation_text(shown, signer.display_name),
                accepted_impacts=[item["characteristic"] for item in shown["adverse"]],
                snapshot=summary.canonical(shown),
                content_hash=summary.content_hash(shown),
            )
        )
    SignOff.objects.bulk_create(rows, batch_size=500)
