"""Published assessments with real content, for the public register's tests.

Lifecycle moves and the lawful minimum of content go through the real services
(tests/support/builders.py and tests/support/sections.py). What those services have no door for,
or what a test wants planted (internal notes, an internal piece of evidence cited by an impact,
action progress notes, an evidence gap), is written with the ORM while the assessment is still
in its full assessment stage, before sign-off, as the author would have entered it.
"""

import datetime
from dataclasses import dataclass

from eia import summary
from eia.audit import head
from eia.models import (
    FULL_SECTIONS,
    Action,
    Direction,
    Engagement,
    EvidenceGap,
    EvidenceItem,
    FullAssessment,
    Impact,
    RuralImpact,
    RuralityProofing,
    SignOff,
)
from eia.services import co_authors as co_authors_services
from eia.services import comments as comments_services
from eia.services import screening as screening_services
from eia.services import sections as sections_services
from tests.factories import UserFactory
from tests.support import builders
from tests.support.screening_answers import answers_for
from tests.support.sections import complete_full, complete_rurality
from workflows import services


@dataclass
class Internal:
    """Text that must never be published. The defaults are ordinary; tests plant markers."""

    comment: str = "Officer comment: please tighten the evidence."
    approval_comment: str = "Approved with thanks."
    sign_off_comment: str = "Signed."
    internal_notes: str = "Ring the head of service before publishing."
    private_evidence_title: str = "Staff sickness spreadsheet"
    private_evidence_shows: str = "Named staff absences."
    progress_note: str = "Chased the supplier twice."


def _task(assessment):
    return services.active_task(assessment).pk


def add_internal_and_extra_content(assessment, *, action_owner, internal: Internal):
    """On top of complete_full: internal material, a positive impact, an evidence gap."""
    FullAssessment.objects.filter(assessment=assessment).update(
        internal_notes=internal.internal_notes
    )
    private = EvidenceItem.objects.create(
        assessment=assessment,
        title=internal.private_evidence_title,
        shows=internal.private_evidence_shows,
        link="https://intranet.example.org/private",
        is_public=False,
    )
    assessment.impacts.get(characteristic="disability").evidence.add(private)
    Impact.objects.filter(assessment=assessment, characteristic="age").update(
        direction=Direction.POSITIVE, size="minor", who_affected="Older people gain home delivery."
    )
    gap_action = Action.objects.create(
        assessment=assessment,
        kind=Action.Kind.EVIDENCE_GAP,
        title="Survey carers about opening hours",
        owner=action_owner,
        target_date=datetime.date(2027, 1, 31),
        status=Action.Status.IN_PROGRESS,
        rag=Action.Rag.RED,
        progress_note=internal.progress_note,
    )
    EvidenceGap.objects.create(
        assessment=assessment,
        description="We do not know how carers use the library.",
        action=gap_action,
    )
    assessment.actions.update(progress_note=internal.progress_note)


def published_with_content(
    people,
    organisation,
    *,
    internal: Internal | None = None,
    action_owner=None,
    rurality: bool = True,
    co_authors=(),
    publish: bool = True,
    **item_fields,
):
    """A screened-in assessment with every section filled in, then signed off and published
    (with publish=False, signed off and waiting to be published)."""
    internal = internal or Internal()
    action_owner = action_owner or UserFactory(
        organisation=organisation, job_title="Head of Libraries"
    )
    assessment = builders.at_screening_review(
        people, organisation, rurality=rurality, **item_fields
    )
    assessment = services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact on disabled people."),
    )
    for co_author in co_authors:
        co_authors_services.add_co_author(
            assessment_id=assessment.pk, by=people["pm"], user_id=co_author.pk
        )
    complete_full(assessment, by=people["pm"], owner=action_owner)
    add_internal_and_extra_content(assessment, action_owner=action_owner, internal=internal)
    comments_services.add_comment(
        assessment_id=assessment.pk, by=people["officer"], text=internal.comment
    )
    if rurality:  # a section of the full assessment, submitted with it
        complete_rurality(assessment, by=people["pm"])
    assessment = services.submit_full_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
    )
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment=internal.approval_comment,
    )
    return sign_and_publish(people, assessment, internal, publish=publish)


def sign_and_publish(people, assessment, internal: Internal | None = None, *, publish=True):
    internal = internal or Internal()
    services.decide_sign_off(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["dm"],
        sign=True,
        comment=internal.sign_off_comment,
        attested=True,
        seen_hash=summary.content_hash(summary.decision_summary(assessment)),
    )
    if not publish:
        assessment.refresh_from_db()
        return assessment
    # Separation of duties: whoever approved it does not publish it.
    return services.publish(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer2"],
    )


def published_screened_out(
    people,
    organisation,
    *,
    outcome="screened_out",
    reasons="No relevance to any protected characteristic.",
    mitigation="",
    answers_outcome=None,
    override_reason="",
    internal: Internal | None = None,
    **item_fields,
):
    """A published screening decision. Answers leading to another outcome (answers_outcome)
    with an override_reason make the officer overrule the screening rules."""
    internal = internal or Internal()
    assessment = builders.at_screening_review(
        people, organisation, outcome=answers_outcome or outcome, **item_fields
    )
    comments_services.add_comment(
        assessment_id=assessment.pk, by=people["officer"], text=internal.comment
    )
    assessment = services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision(outcome, reasons, mitigation, override_reason),
    )
    return sign_and_publish(people, assessment, internal)


def record_sign_off(assessment, *, name: str, **fields):
    """Set what the frozen sign-off record says (as the sign-off service stores it)."""
    record, _ = SignOff.objects.update_or_create(
        assessment=assessment,
        defaults={
            "decision_maker": assessment.signed_off_by,
            "decision_maker_name": name,
            "attestation": "I have read the impacts.",
            "snapshot": {"title": assessment.title},
            "content_hash": "0" * 64,
        }
        | fields,
    )
    return record


def publish_review(people, previous, *, title_suffix=""):
    """Start the review of a published version and publish it: the previous one is superseded.
    For a version 1 made by builders.published (screened in, no rurality proofing)."""
    assessment = services.start_review(
        assessment_id=previous.pk, seen=head(previous), by=people["pm"]
    )
    screening_services.save_screening_answers(
        assessment_id=assessment.pk,
        by=people["pm"],
        seen=head(assessment),
        answers=answers_for("full_assessment"),
    )
    assessment = services.submit_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
    )
    assessment = services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Still a major impact."),
    )
    for section in FULL_SECTIONS:
        sections_services.mark_section(
            assessment_id=assessment.pk,
            by=people["pm"],
            seen=head(assessment),
            section=section,
            completed=True,
        )
    assessment = services.submit_full_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
    )
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    return sign_and_publish(people, assessment)


def add_rows_directly(assessment, *, owner, private_title="Internal memo"):
    """Content rows written straight to the database (fast), touching every relation the
    public record reads: for tests that need many rich records, such as query counts."""
    full, _ = FullAssessment.objects.get_or_create(assessment=assessment)
    full.aims = "Aims."
    full.conclusion = "adjust"
    full.save()
    public = EvidenceItem.objects.create(assessment=assessment, title="Survey", shows="Shows.")
    private = EvidenceItem.objects.create(
        assessment=assessment, title=private_title, shows="Private.", is_public=False
    )
    impacts = []
    for characteristic, direction in (("disability", "negative"), ("age", "positive")):
        impact = Impact.objects.create(
            assessment=assessment,
            characteristic=characteristic,
            direction=direction,
            size="major",
            who_affected="Residents.",
        )
        impact.evidence.add(public, private)
        impacts.append(impact)
    for title in ("Mitigate", "Monitor"):
        action = Action.objects.create(
            assessment=assessment, title=title, owner=owner, target_date=datetime.date(2027, 1, 1)
        )
        action.impacts.add(*impacts)
    gap = Action.objects.create(assessment=assessment, title="Close gap", owner=owner)
    EvidenceGap.objects.create(assessment=assessment, description="A gap.", action=gap)
    Engagement.objects.create(
        assessment=assessment, who="Forum", method="meeting", what_said="Said."
    )
    RuralityProofing.objects.get_or_create(assessment=assessment, defaults={"tailoring": "T."})
    RuralImpact.objects.create(assessment=assessment, theme="access", kind="direct")
    return assessment
