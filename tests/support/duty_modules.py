"""Assessments that call for duty modules, built through the services: a Scottish strategic
decision (the Fairer Scotland Duty) and a Northern Irish screened-out proposal (its Rural Needs
Impact Assessment on the short path)."""

from eia.audit import head
from eia.models import Nation
from eia.services import duty_modules as duty_services
from eia.services.screening import save_screening_answers
from eia.services.sections import mark_section
from tests.factories import OrganisationFactory
from tests.support import builders
from workflows import services
from workflows.demo.stories import screening_answers

FAIRER = {
    "dimensions": {
        "low_income": "Fares rise for people on low incomes.",
        "low_wealth": "No savings to absorb the change.",
        "material_deprivation": "Fewer trips to the shops.",
        "area_deprivation": "The east of the town loses its bus.",
        "socio_economic_background": "No differential effect found.",
    },
    "communities": "Lone parents in the east estate; rural villages.",
    "lived_experience": "Two workshops with the poverty alliance.",
    "changes": "A concessionary fare for people on universal credit was added.",
}
RURAL_NEEDS = {
    "activity_type": "service",
    "rural_impact": "yes",
    "rural_policy_area": "transport",
    "needs_identified": "No bus after 6pm in the Sperrin villages.",
    "evidence": "NISRA rural statistics.",
    "how_considered": "A demand-responsive bus was added to the plan.",
}


def page(assessment, by) -> dict:
    return {"assessment_id": assessment.pk, "by": by, "seen": head(assessment)}


def scotland():
    return OrganisationFactory(
        nation=Nation.SCOTLAND, screening_ruleset="scotland", local_characteristics=[]
    )


def northern_ireland():
    return OrganisationFactory(
        nation=Nation.NORTHERN_IRELAND,
        screening_ruleset="northern_ireland",
        local_characteristics=[],
    )


def screened_in_strategic(team, organisation, **item_fields):
    """At full assessment, the Fairer Scotland Duty flagged."""
    assessment = builders.started(team, organisation, **item_fields)
    answers = screening_answers("full_assessment") | {"strategic_decision": "yes"}
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    services.submit_screening(**page(assessment, team["pm"]))
    services.review_screening(
        **page(assessment, team["officer"]),
        decision=services.ScreeningDecision("full_assessment", "Strategic decision.", ""),
    )
    assessment.refresh_from_db()
    return assessment


def ni_screened_out(team, organisation, **item_fields):
    """In screening, answered so that it screens out; the RNIA not yet answered."""
    assessment = builders.started(team, organisation, **item_fields)
    answers = {
        "affected_people": "Library users.",
        "impact_equality": {c: {"level": "none"} for c in assessment.screening.characteristics},
        "promote_equality": "no",
        "impact_good_relations": {
            c: {"level": "none"} for c in ("religious_belief", "political_opinion", "racial_group")
        },
        "promote_good_relations": "no",
        "human_rights_effect": "no",
    }
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    assessment.refresh_from_db()
    return assessment


def answer_module(assessment, by, module_id: str, answers: dict, *, completed=True):
    duty_services.save_module_answers(**page(assessment, by), module_id=module_id, answers=answers)
    if completed:
        mark_section(**page(assessment, by), section=f"duty:{module_id}", completed=True)


def ni_signed_off(team, organisation, answers=None, **item_fields):
    """A screened-out NI proposal with its RNIA, confirmed and signed off."""
    assessment = ni_screened_out(team, organisation, **item_fields)
    answer_module(assessment, team["pm"], "rural_needs", answers or RURAL_NEEDS)
    services.submit_screening(**page(assessment, team["pm"]))
    services.review_screening(
        **page(assessment, team["officer"]),
        decision=services.ScreeningDecision("screened_out", "No differential impact.", ""),
    )
    assessment.refresh_from_db()
    builders.sign(team, assessment)
    assessment.refresh_from_db()
    return assessment
