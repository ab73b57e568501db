"""Human rights (duties/human_rights, Human Rights Act 1998 s6): version 2 of each rule set asks
whether the proposal could affect anyone's human rights; yes raises the flag, the module's
section joins the full assessment and its lawful minimum blocks submission until answered; its
answers reach the summary with its attestation and, except the legal advice, the public page.
A screening pinned to version 1 is unaffected."""

import pytest
from django.test import Client

from eia import duty_modules
from eia.errors import SubmissionBlocked
from eia.models import Nation
from eia.services.screening import save_screening_answers
from eia.summary import decision_summary
from tests.factories import OrganisationFactory
from tests.support import builders
from tests.support.duty_modules import answer_module, page
from tests.support.sections import complete_full
from workflows import presenters, services
from workflows.demo.stories import screening_answers

pytestmark = pytest.mark.django_db

MARKER = "ZQLEGALADVICEMARK"
QUESTION = "for example their private and family life, home, liberty or property?"
ANSWERS = {
    "rights_engaged": "Article 8: tenants' homes are inspected without notice under the scheme.",
    "interference": "yes",
    "lawful": "Housing Act 2004, section 239 (powers of entry).",
    "legitimate_aim": "Protecting the health and safety of tenants.",
    "proportionate": "Entry only after 24 hours' notice, except in an emergency.",
    "actions": "A written notice explains how to ask for another time.",
    "legal_advice": f"{MARKER} counsel's view on section 239",
}


def _screened(team, organisation, *, human_rights: str | None, outcome="full_assessment"):
    assessment = builders.started(team, organisation, title="Rented homes inspections")
    answers = screening_answers(outcome)
    answers.pop("human_rights_effect", None)
    if human_rights is not None:
        answers["human_rights_effect"] = human_rights
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    assessment.refresh_from_db()
    return assessment


def _to_full(team, assessment):
    services.submit_screening(**page(assessment, team["pm"]))
    services.review_screening(
        **page(assessment, team["officer"]),
        decision=services.ScreeningDecision("full_assessment", "Major impact.", ""),
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def england():
    return OrganisationFactory(nation=Nation.ENGLAND, local_characteristics=[])


@pytest.fixture
def team(england):
    return builders.team(england)


def test_the_v2_screening_asks_about_human_rights_and_yes_raises_the_flag(team, england):
    assessment = builders.started(team, england)
    assert assessment.screening.ruleset_version == 2
    client = Client()
    client.force_login(team["pm"])
    assert QUESTION in client.get(f"/assessments/{assessment.pk}/screening/").content.decode()

    flagged = _screened(team, england, human_rights="yes")
    assert "human_rights_considered" in flagged.screening.result["flags"]
    quiet = _screened(team, england, human_rights="no")
    assert "human_rights_considered" not in quiet.screening.result["flags"]


def test_the_section_joins_the_full_assessment_and_blocks_submission_until_answered(team, england):
    assessment = _to_full(team, _screened(team, england, human_rights="yes"))
    rows = {row.id: row for row in presenters.task_list(assessment)}
    assert rows["duty:human_rights"].title == "Human rights"
    complete_full(assessment, by=team["pm"])

    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_full_assessment(**page(assessment, team["pm"]))
    messages = [p.message for p in blocked.value.problems]
    assert "Human rights: answer 'Which Convention rights does the proposal engage, and how?'" in (
        messages
    )
    assert all(p.section == "duty:human_rights" for p in blocked.value.problems)

    # Saying there is an interference asks for its lawful basis, aim and proportionality.
    answer_module(
        assessment,
        team["pm"],
        "human_rights",
        {"rights_engaged": ANSWERS["rights_engaged"], "interference": "yes", "actions": "x"},
    )
    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_full_assessment(**page(assessment, team["pm"]))
    assert any("What law allows the interference?" in p.message for p in blocked.value.problems)

    answer_module(assessment, team["pm"], "human_rights", ANSWERS)
    services.submit_full_assessment(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"


def test_answers_reach_the_summary_and_the_public_page_but_not_the_legal_advice(team, england):
    assessment = _to_full(team, _screened(team, england, human_rights="yes"))
    answer_module(assessment, team["pm"], "human_rights", ANSWERS)
    builders.submit_full(team, assessment)
    assessment.refresh_from_db()

    (entry,) = decision_summary(assessment)["duty_modules"]
    assert entry["module"] == "human_rights"
    assert ["Legal advice taken", ANSWERS["legal_advice"]] in entry["answers"]
    assert entry["attestation"].startswith("I have considered whether the proposal is compatible")

    builders.approve_sign_and_publish(team, assessment)
    assessment.refresh_from_db()
    assert entry["attestation"] in assessment.sign_off_record.attestation
    item = assessment.pipeline_item
    html = (
        Client()
        .get(f"/public/{item.organisation.slug}/{item.reference}/v{assessment.version}/")
        .content.decode()
    )
    assert "Human rights" in html
    assert "Housing Act 2004, section 239 (powers of entry)." in html
    assert "Human Rights Act 1998, section 6" in html
    assert MARKER not in html


def test_a_screened_out_proposal_answers_human_rights_on_the_short_path(team, england):
    assessment = _screened(team, england, human_rights="yes", outcome="screened_out")
    assert assessment.screening.result["outcome"] == "screened_out"
    assert "duty:human_rights" in {row.id for row in presenters.task_list(assessment)}
    with pytest.raises(SubmissionBlocked):
        services.submit_screening(**page(assessment, team["pm"]))
    answer_module(
        assessment,
        team["pm"],
        "human_rights",
        {
            "rights_engaged": "None in substance: a change of opening hours.",
            "interference": "no",
            "actions": "Monitor complaints.",
        },  # fmt: skip
    )
    services.submit_screening(**page(assessment, team["pm"]))


def test_a_screening_pinned_to_version_1_is_unaffected(team, england):
    england.screening_ruleset_version = 1
    england.save(update_fields=["screening_ruleset_version"])
    assessment = _screened(team, england, human_rights=None)

    assert assessment.screening.ruleset_version == 1
    assert "human_rights_considered" not in assessment.screening.result["flags"]
    client = Client()
    client.force_login(team["pm"])
    assert QUESTION not in client.get(f"/assessments/{assessment.pk}/screening/").content.decode()
    assessment = _to_full(team, assessment)
    assert "duty:human_rights" not in {row.id for row in presenters.task_list(assessment)}
    assert duty_modules.applicable(assessment) == []
