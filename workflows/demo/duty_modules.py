"""The demo answers every duty module an assessment calls for (screening_rules/duties/),
through the services, so each nation's stories reach sign-off with their modules done: the
Rural Needs Impact Assessment in Northern Ireland, the Welsh and Scottish duties where a
strategic decision or island community raises them."""

from eia import duty_modules
from eia.audit import head
from eia.services import duty_modules as duty_services
from eia.services.sections import mark_section

ANSWERS = {
    "rural_needs": {
        "activity_type": "service",
        "rural_impact": "yes",
        "rural_policy_area": "transport",
        "needs_identified": "Residents of the rural wards have no evening bus to the towns "
        "where the remaining services are.",
        "evidence": "NISRA urban-rural classification of the users' postcodes; the community "
        "transport partnership's survey.",
        "how_considered": "A community transport service is funded to the remaining centres.",
    },
}
GENERAL = "Considered with the evidence and engagement recorded in this assessment."


def _answer(question, module):
    if question.kind == "per_aim":
        return {aim.id: f"{GENERAL} ({aim.label.lower()})" for aim in module.aims}
    if question.kind == "yes_no":
        return "yes"
    if question.kind == "single_choice":
        return question.options[0][0]
    return GENERAL


def answer_all(assessment, *, by) -> None:
    """Answer and complete each module that applies and has no answers yet."""
    for module in duty_modules.applicable(assessment):
        if duty_modules.answers_of(assessment, module.id) is not None:
            continue
        answers = ANSWERS.get(module.id) or {q.id: _answer(q, module) for q in module.questions}
        duty_services.save_module_answers(
            assessment_id=assessment.pk,
            seen=head(assessment),
            by=by,
            module_id=module.id,
            answers=answers,
        )
        mark_section(
            assessment_id=assessment.pk,
            seen=head(assessment),
            by=by,
            section=duty_modules.section_key(module.id),
            completed=True,
        )
