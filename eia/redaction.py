"""What the public may see of an assessment: the one place that decides it.

The rule: only a published (or superseded) assessment has a public form, and that form is built
here field by field from an allow-list, never by copying a model. It carries what the
organisation publishes as its record of due regard (the proposal, its public evidence, evidence
gaps, engagement, the impact on each characteristic, the action plan, the conclusion, the
rurality proofing and the screening decision with its reasons), plus the names of public office
holders acting as such (the decision-maker) and the organisation's own public contact details
and how to ask for another format. It never carries officer comments or anything else
from the audit trail, internal notes, a screening override's reason, withdrawal reasons, evidence
not marked for publication (nor its title where an impact cites it), uploaded files, action
progress notes, anyone's username or email address, the names of authors, co-authors or action
owners (owners are shown by job title), the sign-off snapshot (but its public facts, from
`eia.facts`, as the decision-maker saw them, and which changed since), the reason for a late
sign-off (the flag and its dates are public: `eia/public_decision.py`), or anything at all of an
assessment that has not been published. A screened-out version has no full assessment here.
Every public output (register pages, CSV, JSON, the Atom feed, the quarterly screening report
and the PDFs via `eia.documents`) reads `PublicRecord`s made here and nothing else (the
register's list lines, `eia.public_listing`, are a few of the same fields made by the functions
here), so a field added to a model stays private until it is added here.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

import screening_rules

from . import consultation, duty_modules, facts
from . import screening as screening_catalogue
from .aims import Duty, duty_for
from .errors import NotFound
from .models import (
    Action,
    Assessment,
    Conclusion,
    DecisionRecord,
    Direction,
    Engagement,
    FullAssessment,
    PipelineItem,
    RuralityProofing,
    ScreeningOutcome,
    Size,
    State,
    User,
)
from .prefetching import into_list, rows
from .public_decision import PublicDecision, late_note, public_decision
from .public_rows import (
    PublicAction,
    PublicDutySection,
    PublicEngagement,
    PublicEvidence,
    PublicImpact,
    PublicRuralImpact,
)

# A superseded version stays readable at its own address; nothing else is public.
PUBLIC_STATES = (State.PUBLISHED, State.SUPERSEDED)
SCREENED_OUT_OUTCOMES = (
    ScreeningOutcome.SCREENED_OUT,
    ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION,
)

ABOUT_FIELDS = ("aims", "who_affected", "what_changes", "budget", "timescale")


class Outcome:
    """What kind of record a screening outcome makes (a PublicRecord's, a list's line's)."""

    screening_outcome: str

    @property
    def is_screening_decision(self) -> bool:
        """Screened out: the published record is the screening decision itself."""
        return self.screening_outcome in SCREENED_OUT_OUTCOMES

    @property
    def record_type(self) -> str:
        return "Screening decision" if self.is_screening_decision else "Equality impact assessment"


@dataclass(frozen=True)
class PublicRecord(Outcome):
    organisation: str
    organisation_short_name: str
    organisation_slug: str
    title: str
    reference: str
    kind: str
    directorate: str
    decision_body: str
    decision_date: date | None
    decision_maker: str
    version: int
    state: str  # "published" or "superseded"
    published_at: datetime
    review_date: date | None
    screening_outcome: str  # a ScreeningOutcome value
    screening_outcome_label: str  # in the rule set's own words (Section 75 says "screened in")
    screening_reasons: str  # the reasons the equality officer confirmed
    screening_mitigation: str
    rule_reasons: tuple[str, ...]  # why the screening rules gave their outcome
    summary: str
    about: tuple[tuple[str, str], ...]  # (label, text), only those answered
    evidence: tuple[PublicEvidence, ...]
    evidence_gaps: tuple[str, ...]
    engagement: tuple[PublicEngagement, ...]
    impacts: tuple[PublicImpact, ...]
    actions: tuple[PublicAction, ...]
    conclusion: str
    conclusion_label: str
    justification: str
    changes_made: str
    cumulative_impact: str
    rurality_evidence: str
    rurality_tailoring: str
    rurality_monitoring: str
    rural_impacts: tuple[PublicRuralImpact, ...]
    signed_off_at: datetime | None
    signed_off_by: str
    # eia.public_decision: "" when signed before the decision date; and the decision taken.
    signed_late_note: str = ""
    decision: PublicDecision | None = None
    # Facts the decision-maker saw that changed since (values only of the public ones).
    changed_since_sign_off: tuple[facts.FactChange, ...] = ()
    change_explained: bool = False  # an officer recorded why no fresh sign-off is needed
    # The duty of the record's jurisdiction (eia.aims): its statute, the heading over its aims,
    # and why the record is published (the Welsh and Scottish specific duties say so).
    # When the screening was decided (the quarterly reports count by it); else publication.
    screening_decided_at: datetime | None = None
    # The public consultation (eia.consultation.of: dates, length, responses, any shortfall
    # against the duty's recommended length) and the monitoring arrangements.
    consultation: dict | None = None
    monitoring: str = ""
    duty_citation: str = ""
    aims_heading: str = ""
    publication: str = ""
    # The duty modules' published sections (screening_rules/duties/), in module order.
    duty_sections: tuple[PublicDutySection, ...] = ()
    # The organisation's own public details (kept by its lead), on every public page.
    contact: str = ""
    other_formats: str = ""

    @property
    def superseded(self) -> bool:
        return self.state == State.SUPERSEDED

    @property
    def adverse_impacts(self) -> tuple[PublicImpact, ...]:
        return tuple(impact for impact in self.impacts if impact.adverse)

    @property
    def has_rurality_proofing(self) -> bool:
        return bool(
            self.rurality_evidence
            or self.rurality_tailoring
            or self.rurality_monitoring
            or self.rural_impacts
        )


# ---------------------------------------------------------------------------------------------
# Which assessments are public, and loading them with a constant number of queries


def public_assessments() -> QuerySet:
    """Every assessment with a public page: published ones and the versions they superseded."""
    return Assessment.objects.filter(state__in=PUBLIC_STATES, published_at__isnull=False)


def with_public_content(queryset: QuerySet) -> QuerySet:
    """Load everything public_record reads in a fixed number of queries, however many rows.

    Four tables are joined and the rest fetched a page at a time by primary key: PostgreSQL
    spends longer planning a ten-table join than running it (24 ms planning against 1 ms
    running for a register page at 10,000 assessments; 0.9 ms with four tables)."""
    return queryset.select_related(
        "organisation", "pipeline_item", "pipeline_item__directorate", "signed_off_by"
    ).prefetch_related(
        "pipeline_item__decision_maker",
        "pipeline_item__owner",
        "screening",
        "full",
        "rurality",
        "sign_off_record",
        into_list("evidence"),
        into_list("evidence_gaps"),
        into_list("engagement"),
        into_list("rural_impacts"),
        into_list("actions", Action.objects.select_related("owner")),
        into_list("decision_records", DecisionRecord.objects.order_by("-pk")),
        into_list("impacts"),
        into_list("loaded_impacts__evidence"),
        into_list("loaded_impacts__actions"),
        into_list("sign_off_record__fact_reasons"),
        into_list("duty_answers"),
    )


def require_public(assessment: Assessment) -> None:
    """NotFound (a 404) unless the assessment has been published."""
    if assessment.state not in PUBLIC_STATES or assessment.published_at is None:
        raise NotFound("No such published assessment.")


def public_records(assessments: Iterable[Assessment]) -> list[PublicRecord]:
    """PublicRecords for already-loaded assessments (see with_public_content), in order."""
    return [public_record(assessment) for assessment in assessments]


def public_record(assessment: Assessment, *, before_publication: bool = False) -> PublicRecord:
    """The public form of one assessment; NotFound (a 404) unless it has been published.

    `before_publication=True` builds the same redacted form of an unpublished assessment, for
    the committee report a decision-maker reads before deciding. Callers must have checked the
    user belongs to the organisation (workflows.views.pdf does)."""
    if not before_publication:
        require_public(assessment)
    item: PipelineItem = assessment.pipeline_item
    # Screened out (a review's too): no full assessment, whatever an earlier version left.
    outcome = assessment.screening_outcome
    assessed = outcome not in SCREENED_OUT_OUTCOMES
    full: FullAssessment | None = related_or_none(assessment, "full") if assessed else None
    proofed = assessed or assessment.rurality_proofing_required
    rurality: RuralityProofing | None = related_or_none(assessment, "rurality") if proofed else None
    screening = related_or_none(assessment, "screening")
    result = screening.result if screening is not None and screening.result else {}
    ruleset = ruleset_of(screening)
    duty = duty_for(ruleset.jurisdiction if ruleset is not None else "")
    shown, status = facts.decided_facts(assessment), facts.facts_status(assessment)
    return PublicRecord(
        organisation=assessment.organisation.name,
        organisation_short_name=assessment.organisation.short_name,
        organisation_slug=assessment.organisation.slug,
        title=shown["title"],
        reference=item.reference,
        kind=item.get_kind_display(),
        directorate=shown["directorate"],
        decision_body=shown["decision_body"],
        decision_date=shown["decision_date"],
        decision_maker=_decision_maker(assessment),
        version=assessment.version,
        state=assessment.state,
        published_at=assessment.published_at,
        review_date=assessment.review_date,
        screening_outcome=outcome,
        screening_outcome_label=outcome_label(outcome, ruleset),
        screening_reasons=assessment.screening_reasons,
        screening_mitigation=assessment.mitigation_summary,
        rule_reasons=tuple(reason["text"] for reason in result.get("reasons", ())),
        summary=shown["summary"],
        about=_about(full),
        evidence=tuple(
            PublicEvidence(
                title=evidence.title,
                source=evidence.source,
                dated=evidence.dated,
                shows=evidence.shows,
                link=evidence.link,
                file_id=evidence.pk if evidence.file else None,
                file_size=evidence.file_size if evidence.file else None,
            )
            for evidence in rows(assessment, "evidence")
            if evidence.is_public and assessed
        ),
        evidence_gaps=tuple(g.description for g in rows(assessment, "evidence_gaps") if assessed),
        engagement=tuple(_engagement(row) for row in rows(assessment, "engagement") if assessed),
        impacts=_impacts(assessment, ruleset, duty) if assessed else (),
        actions=tuple(_action(action) for action in rows(assessment, "actions") if assessed),
        conclusion=full.conclusion if full else "",
        conclusion_label=choice_label(Conclusion, full.conclusion) if full else "",
        justification=full.justification if full else "",
        changes_made=full.changes_made if full else "",
        cumulative_impact=full.cumulative_impact if full else "",
        rurality_evidence=rurality.evidence_used if rurality else "",
        rurality_tailoring=rurality.tailoring if rurality else "",
        rurality_monitoring=rurality.monitoring if rurality else "",
        rural_impacts=tuple(
            PublicRuralImpact(
                theme=row.get_theme_display(),
                kind=row.kind,
                kind_label=row.get_kind_display(),
                description=row.description,
                scale=choice_label(Size, row.scale),
            )
            for row in rows(assessment, "rural_impacts")
            if proofed
        ),
        signed_off_at=assessment.signed_off_at,
        signed_off_by=_signer(assessment),
        signed_late_note=late_note(related_or_none(assessment, "sign_off_record")),
        decision=public_decision(assessment),
        changed_since_sign_off=tuple(
            change if change.public else facts.FactChange(change.name, change.label, "", "")
            for change in status.changes
        ),
        change_explained=status.changed and not status.needs_attention,
        screening_decided_at=assessment.screening_decided_at or assessment.published_at,
        consultation=consultation.of(full, duty) if full else None,
        monitoring=full.monitoring if full else "",
        duty_citation=duty.citation,
        aims_heading=duty.aims_heading,
        publication=duty.publication,
        duty_sections=tuple(
            PublicDutySection(
                module=entry["module"],
                version=entry["version"],
                title=entry["title"],
                citation=entry["citation"],
                not_required=entry["not_required"],
                answers=tuple((label, text) for label, text in entry["answers"]),
            )
            for entry in duty_modules.readable(assessment, public_only=True)
            if entry["answers"]
        ),
        contact=assessment.organisation.public_contact,
        other_formats=assessment.organisation.other_formats,
    )


# ---------------------------------------------------------------------------------------------
# Characteristic names from the screening catalogues


@functools.cache
def characteristic_names() -> dict[str, str]:
    """Every characteristic id of every released rule set with its name (first one wins)."""
    names: dict[str, str] = {}
    for info in screening_rules.available_rulesets():
        if info.released:
            ruleset = screening_rules.load_ruleset(info.id, info.version)
            for characteristic in ruleset.characteristics:
                names.setdefault(characteristic.id, characteristic.name)
    return names


def ruleset_of(screening):
    if screening is None:
        return None
    try:
        return screening_catalogue.pinned_ruleset(screening)
    except screening_rules.RuleSetError:  # pragma: no cover - released files never change
        return None


def characteristic_name(characteristic_id: str, ruleset) -> str:
    found = ruleset.characteristic(characteristic_id) if ruleset is not None else None
    if found is not None:
        return found.name
    return characteristic_names().get(
        characteristic_id, characteristic_id.replace("_", " ").capitalize()
    )


def outcome_label(outcome: str, ruleset) -> str:
    if not outcome:
        return ""
    labels = dict(ruleset.outcome_labels) if ruleset is not None else {}
    return labels.get(outcome) or choice_label(ScreeningOutcome, outcome)


# ---------------------------------------------------------------------------------------------
# Pieces


def related_or_none(assessment: Assessment, relation: str):
    try:
        return getattr(assessment, relation)
    except ObjectDoesNotExist:
        return None


def choice_label(choices, value: str) -> str:
    if not value:
        return ""
    try:
        return choices(value).label
    except ValueError:
        return value


def _public_name(user: User | None) -> str:
    """A public office holder's name; never a username or email, even when no name is set."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.job_title.strip()


def _is_private_identifier(text: str, user: User | None) -> bool:
    text = text.strip().lower()
    if "@" in text:
        return True
    return user is not None and text in {user.username.lower(), (user.email or "").lower()}


def _signer(assessment: Assessment) -> str:
    """The decision-maker who signed: the name frozen at signing if it is a real name."""
    record = related_or_none(assessment, "sign_off_record")
    if record is not None and record.decision_maker_name.strip():
        user = assessment.signed_off_by
        if user is None or user.pk != record.decision_maker_id:
            user = None
        if not _is_private_identifier(record.decision_maker_name, user):
            return record.decision_maker_name.strip()
    return _public_name(assessment.signed_off_by)


def _decision_maker(assessment: Assessment) -> str:
    return _signer(assessment) or _public_name(assessment.pipeline_item.decision_maker)


def _about(full: FullAssessment | None) -> tuple[tuple[str, str], ...]:
    if full is None:
        return ()
    pairs = []
    for name in ABOUT_FIELDS:
        text = getattr(full, name)
        if text.strip():
            pairs.append((str(FullAssessment._meta.get_field(name).verbose_name), text))
    return tuple(pairs)


def _engagement(row: Engagement) -> PublicEngagement:
    return PublicEngagement(
        who=row.who,
        held_on=row.held_on,
        method=row.get_method_display(),
        how_many=row.how_many,
        what_said=row.what_said,
        what_changed=row.what_changed,
    )


def in_ruleset_order(impacts, ruleset) -> list:
    """Impacts in the order of the rule set's characteristics."""
    order = {c.id: index for index, c in enumerate(ruleset.characteristics)} if ruleset else {}
    return sorted(impacts, key=lambda i: (order.get(i.characteristic, 999), i.pk))


def _impacts(assessment: Assessment, ruleset, duty: Duty) -> tuple[PublicImpact, ...]:
    impacts = []
    for impact in in_ruleset_order(rows(assessment, "impacts"), ruleset):
        # In the duty's own words: Section 75 keeps equality of opportunity in aim_advance.
        aims = [
            (aim.label, text) for aim in duty.aims if (text := getattr(impact, aim.field)).strip()
        ]
        impacts.append(
            PublicImpact(
                characteristic=impact.characteristic,
                characteristic_name=characteristic_name(impact.characteristic, ruleset),
                direction=impact.direction,
                direction_label=choice_label(Direction, impact.direction),
                size=impact.size,
                size_label=choice_label(Size, impact.size),
                who_affected=impact.who_affected,
                # An impact may cite internal evidence: its title is as private as the rest of it.
                evidence=tuple(e.title for e in rows(impact, "evidence") if e.is_public),
                mitigations=tuple(action.title for action in rows(impact, "actions")),
                aims=tuple(aims),
                intersecting=impact.intersecting,
                residual=impact.residual,
                justification=impact.justification,
            )
        )
    return tuple(impacts)


def _public_owner(action: Action) -> str:
    """A person by their job title only; a team or partner organisation by its name."""
    if action.owner_kind != Action.OwnerKind.PERSON:
        return action.owner_label
    return action.owner.job_title.strip() if action.owner is not None else ""


def _action(action: Action) -> PublicAction:
    return PublicAction(
        title=action.title,
        description=action.description,
        kind=action.get_kind_display(),
        owner_role=_public_owner(action),
        target_date=action.target_date,
        status=action.status,
        status_label=action.get_status_display(),
        rag=action.rag,
        rag_label=choice_label(Action.Rag, action.rag),
    )
