"""The demo's assessments: one council's proposals taken to every stage through the services."""

from django.utils import timezone

from eia.authorization import Role
from eia.models import DecisionBody
from eia.services import decisions

from .. import services
from . import stories as demo


def build_assessments(slug: str, items: dict, people: dict) -> None:
    """Assessments at every stage, made through the real services, so the demo shows a queue,
    a decision awaiting sign-off, published records and a full audit trail."""

    pm, officer = people[Role.PROJECT_MANAGER], people[Role.EQUALITY_OFFICER]
    dm = people[Role.DECISION_MAKER]
    # Separation of duties: whoever approved a version does not publish it. The organisations'
    # policies allow no exception, so the equality lead publishes what the officer approved.
    publisher = people[Role.EQUALITY_LEAD]

    def start(reference):
        return services.start_assessment(pipeline_item_id=items[reference].pk, by=pm)

    def full(reference, *, rural=False, story=None, until="published"):
        assessment = start(reference)
        demo.answer_and_submit_screening(
            assessment,
            by=pm,
            outcome="full_assessment",
            rural=rural,
            adverse=(story or demo.Story()).adverse,
        )
        demo.confirm(
            assessment,
            by=officer,
            outcome="full_assessment",
            reasons="The screening found a major negative impact.",
        )
        assessment.refresh_from_db()
        demo.complete_full(assessment, by=pm, story=story)
        if assessment.rurality_proofing_required:  # a section of the full assessment
            demo.complete_rurality(assessment, by=pm)
        assessment = demo.submit_stage(assessment, by=pm)
        if until == "officer_review":
            return assessment
        demo.officer_approves(assessment, by=officer)
        if until == "awaiting_sign_off":
            return assessment
        demo.decision_maker_signs(assessment, by=dm)
        return demo.officer_publishes(assessment, by=publisher)

    def screened_out(reference, outcome="screened_out"):
        assessment = start(reference)
        demo.answer_and_submit_screening(assessment, by=pm, outcome=outcome)
        demo.confirm(
            assessment,
            by=officer,
            outcome=outcome,
            reasons="No group is affected differently: the change is administrative.",
        )
        demo.decision_maker_signs(assessment, by=dm)
        return demo.officer_publishes(assessment, by=publisher)

    if slug == "northshire":
        full("NCC-2027-002", rural=True)
        screened_out("NCC-2027-006")
        full(
            "NCC-2027-001",
            until="awaiting_sign_off",
            story=demo.Story(
                aims="Transfer eight branches to community groups and keep a statutory service.",
                evidence_title="Community library pilot evaluation 2025",
                mitigation="Fund volunteer training in accessible services for every branch",
            ),
        )
        digital = start("NCC-2027-004")
        demo.answer_and_submit_screening(
            digital, by=pm, outcome="full_assessment", rural=True, adverse="age"
        )
        waste = start("NCC-2027-010")
        demo.answer_and_submit_screening(waste, by=pm, outcome="full_assessment")
        demo.confirm(
            waste,
            by=officer,
            outcome="full_assessment",
            reasons="Online-only booking excludes people without the internet.",
        )
        start("NCC-2027-011")
        _signed_late_and_decided(full("NCC-2027-012", until="awaiting_sign_off"), people)
    else:
        full(
            "EDC-2027-02",
            until="officer_review",
            story=demo.Story(
                aims="Move face-to-face services to the library and the town hall.",
                evidence_title="Customer contact data 2025-26",
                adverse="age",
                adverse_who="Older residents who pay their rent in person at Market Street.",
                mitigation="Keep a cash payment point at the library",
            ),
        )
        screened_out("EDC-2027-03", outcome="screened_out_with_mitigation")


def _signed_late_and_decided(assessment, people: dict) -> None:
    """Signed after its decision date (with the decision-maker's reason), the decision
    recorded by the equality officer, then published by the lead (who did not approve it)."""
    officer, dm = people[Role.EQUALITY_OFFICER], people[Role.DECISION_MAKER]
    demo.decision_maker_signs(
        assessment,
        by=dm,
        late_reason="Cabinet took the decision at an urgent meeting before the assessment "
        "reached me; I have read it since and the decision will be reviewed at the next meeting",
    )
    item = assessment.pipeline_item
    body = DecisionBody.objects.get(organisation_id=item.organisation_id, name=item.decision_body)
    decisions.record_decision(
        assessment_id=assessment.pk,
        by=officer,
        taken_on=min(item.decision_date, timezone.localdate()),
        outcome="approved_with_changes",
        body_id=body.pk,
        minute_reference=f"Cabinet minute {item.decision_date:%d/%Y}",
        minute_url="https://democracy.northshire.example.gov.uk/minutes/cabinet",
    )
    demo.officer_publishes(assessment, by=people[Role.EQUALITY_LEAD])
