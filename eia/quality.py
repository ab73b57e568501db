"""What makes a full assessment submittable (rules that block) and what an equality officer
should look at twice (flags that warn). Pure reads: no writes.

Blocking rules are the lawful minimum: every group in scope has its impact recorded, every
negative impact has a mitigation or a justification, every major impact cites evidence, there is
a conclusion, continuing despite adverse impact is justified, and where the screening asked
for rurality proofing, its four stages are recorded (rurality_problems: a section of the full
assessment when screened in, the short path's one submission when screened out). Warnings
catch the failures the courts keep seeing: box-ticking ("all neutral"), copy-and-paste, assessing
after (or just before) the decision, and major impacts with nobody asked.
"""

from dataclasses import dataclass

from django.utils import timezone

from . import duty_modules, screening
from .calendar import working_days_between
from .models import (
    FULL_SECTIONS,
    Conclusion,
    Direction,
    FullAssessment,
    RuralImpact,
    RuralTheme,
    Section,
    Size,
    TextFingerprint,
)
from .models.fingerprints import COPY_CHECKED

LATE_START_WORKING_DAYS = 10


@dataclass(frozen=True)
class Problem:
    """What blocks submission, and where to fix it: a section, and for an impact its group."""

    section: str
    message: str
    characteristic: str = ""


def full_of(assessment) -> FullAssessment:
    """The saved record, or an empty one to read from (reading never writes)."""
    try:
        return assessment.full
    except FullAssessment.DoesNotExist:
        return FullAssessment(assessment=assessment)


def _completed(assessment) -> set[str]:
    return set(full_of(assessment).completed_sections)


def full_assessment_problems(assessment) -> list[Problem]:
    problems = []
    done = _completed(assessment)
    for section in FULL_SECTIONS:
        if section not in done:
            problems.append(
                Problem(section, f"Complete the '{section.label}' section and mark it as completed")
            )
    impacts = {
        impact.characteristic: impact
        for impact in assessment.impacts.prefetch_related("actions", "evidence")
    }
    for characteristic in screening.characteristics_in_scope(assessment.screening):
        impact = impacts.get(characteristic.id)
        group = characteristic.id  # the problem links to this group's impact page
        if impact is None:
            problems.append(
                Problem(
                    Section.IMPACTS, f"Record the likely impact on {characteristic.phrase}", group
                )
            )
            continue
        if impact.direction == Direction.NEGATIVE and not (
            impact.actions.all() or impact.justification.strip()
        ):
            problems.append(
                Problem(
                    Section.IMPACTS,
                    f"Add a mitigation or a justification for the negative impact on "
                    f"{characteristic.phrase}",
                    group,
                )
            )
        if impact.size == Size.MAJOR and not impact.evidence.all():
            problems.append(
                Problem(
                    Section.IMPACTS,
                    f"Cite the evidence for the major impact on {characteristic.phrase}",
                    group,
                )
            )
    problems += duty_module_problems(assessment)
    full = full_of(assessment)
    if not full.conclusion:
        problems.append(Problem(Section.CONCLUSION, "Choose a conclusion"))
    elif full.conclusion == Conclusion.CONTINUE and not full.justification.strip():
        problems.append(
            Problem(
                Section.CONCLUSION,
                "Explain why it is justified to continue despite the adverse impact",
            )
        )
    for action in assessment.actions.all():
        if not action.has_owner or action.target_date is None:
            problems.append(
                Problem(
                    Section.ACTIONS,
                    f"Give the action '{action.title}' an owner and a target date",
                )
            )
    # Screened in, rurality proofing is a section of the full assessment, submitted with it.
    if assessment.rurality_proofing_required:
        problems += rurality_problems(assessment)
    return problems


def duty_module_problems(assessment) -> list[Problem]:
    """The lawful minimum of each duty module the screening called for (eia.duty_modules)."""
    return [
        Problem(duty_modules.section_key(p.module.id), p.message)
        for p in duty_modules.problems(assessment, _completed(assessment))
    ]


def short_path_problems(assessment) -> list[Problem]:
    """Before a screening that screens out is submitted: the duty modules it called for."""
    record = getattr(assessment, "screening", None)
    if record is None or not record.result or record.outcome == "full_assessment":
        return []
    return duty_module_problems(assessment)


def rurality_problems(assessment) -> list[Problem]:
    problems = []
    answered = {row.theme: row for row in assessment.rural_impacts.all()}
    for theme in RuralTheme:
        row = answered.get(theme)
        if row is None:
            problems.append(
                Problem(
                    Section.RURALITY,
                    f"Say whether there is a rural impact on '{theme.label.lower()}'",
                )
            )
        elif row.kind != RuralImpact.Kind.NONE and not (row.scale and row.description.strip()):
            problems.append(
                Problem(
                    Section.RURALITY,
                    f"Describe the rural impact on '{theme.label.lower()}' and its scale",
                )
            )
    proofing = getattr(assessment, "rurality", None)
    affected = any(row.kind != RuralImpact.Kind.NONE for row in answered.values())
    if affected and not (
        (proofing and proofing.tailoring.strip())
        or assessment.actions.filter(kind="rural").exists()
    ):
        problems.append(
            Problem(
                Section.RURALITY,
                "Say how the proposal was tailored for rural areas, or add a "
                "rural tailoring action",
            )
        )
    if not (proofing and proofing.monitoring.strip()):
        problems.append(
            Problem(Section.RURALITY, "Say how the rural effects will be monitored and evaluated")
        )
    if Section.RURALITY not in _completed(assessment):
        problems.append(Problem(Section.RURALITY, "Mark the rurality proofing as completed"))
    return problems


# ---------------------------------------------------------------------------------------------
# Warnings for the equality officer


@dataclass(frozen=True)
class Flag:
    key: str
    message: str


def _copied_text(assessment) -> list[str]:
    """Whole answers of COPY_MIN_CHARS+ characters identical to another proposal's assessment,
    found by their fingerprints (eia.models.fingerprints): one indexed query, whatever the size
    of the organisation's history. Earlier versions of the same proposal are excluded: a review
    starts from them by design."""
    own = TextFingerprint.objects.filter(assessment_id=assessment.pk)
    copied = (
        TextFingerprint.objects.filter(
            organisation_id=assessment.organisation_id,
            digest__in=own.values("digest"),
            field__in=own.values("field"),
        )
        .exclude(pipeline_item_id=assessment.pipeline_item_id)
        .values_list("field", "digest")
        .distinct()
    )
    mine = set(own.values_list("field", "digest"))
    labels = {
        f"{model._meta.model_name}.{field}": str(model._meta.get_field(field).verbose_name)
        for model, fields in COPY_CHECKED.items()
        for field in fields
    }
    return [labels[field] for field, digest in copied if (field, digest) in mine]


def quality_flags(assessment) -> list[Flag]:
    flags = []
    impacts = list(assessment.impacts.all())
    if (
        impacts
        and all(impact.direction == Direction.NEUTRAL for impact in impacts)
        and not (assessment.evidence.exists())
    ):
        flags.append(
            Flag(
                "all_neutral",
                "Every group is recorded as neutral and no evidence is "
                "cited. Check this is not box-ticking.",
            )
        )
    copied = _copied_text(assessment)
    if copied:
        flags.append(
            Flag(
                "copied",
                "Text is copied word for word from another proposal's "
                f"assessment: {', '.join(sorted(set(copied)))}.",
            )
        )
    decision_date = assessment.pipeline_item.decision_date
    started = timezone.localtime(assessment.created_at).date()
    if started > decision_date:
        flags.append(
            Flag(
                "late_start",
                f"The assessment was started after the decision date ({decision_date:%-d %B %Y}).",
            )
        )
    else:
        days = working_days_between(started, decision_date, assessment.organisation.nation)
        if days < LATE_START_WORKING_DAYS:
            flags.append(
                Flag(
                    "late_start",
                    f"The assessment was started only {days} working "
                    f"day{'s' if days != 1 else ''} before the decision "
                    "date: too late to shape the proposal.",
                )
            )
    if any(impact.size == Size.MAJOR for impact in impacts) and not (
        assessment.engagement.exists()
    ):
        flags.append(
            Flag(
                "no_engagement",
                "There is a major impact but no engagement or consultation is recorded.",
            )
        )
    flags += [Flag(key, message) for key, message in duty_modules.warnings(assessment)]
    return flags
