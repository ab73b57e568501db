"""Duty modules (screening_rules/duties/): a flag raised at screening adds the module's section,
its lawful minimum blocks submission, and the "not required" declaration needs authorising."""

import pytest
from django.test import Client

from eia import duty_modules
from eia.audit import head
from eia.errors import NotAllowed, SubmissionBlocked
from eia.models import Nation
from eia.services import duty_modules as duty_services
from eia.services.screening import save_screening_answers
from tests.factories import OrganisationFactory
from tests.support import builders
from tests.support.sections import complete_full
from workflows import presenters, services
from workflows.demo.stories import screening_answers

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def scotland():
    return OrganisationFactory(
        nation=Nation.SCOTLAND, screening_ruleset="scotland", local_characteristics=[]
    )


@pytest.fixture
def team(scotland):
    return builders.team(scotland)


def page(assessment, by):
    return {"assessment_id": assessment.pk, "by": by, "seen": head(assessment)}


def screened_in_strategic(team, organisation):
    assessment = builders.started(team, organisation)
    answers = screening_answers("full_assessment") | {"strategic_decision": "yes"}
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    services.submit_screening(**page(assessment, team["pm"]))
    services.review_screening(
        **page(assessment, team["officer"]),
        decision=services.ScreeningDecision("full_assessment", "Strategic decision.", ""),
    )
    assessment.refresh_from_db()
    return assessment


def test_a_flag_at_screening_adds_the_modules_section_to_the_task_list(team, scotland):
    assessment = screened_in_strategic(team, scotland)

    rows = {row.id: row for row in presenters.task_list(assessment)}

    assert "duty:fairer_scotland" in rows
    assert rows["duty:fairer_scotland"].title == "Fairer Scotland Duty assessment"
    assert rows["duty:fairer_scotland"].href.endswith("/duties/fairer_scotland/")
    # Island communities is a switch this organisation has not turned on.
    assert "duty:island_communities" not in rows


def test_the_modules_lawful_minimum_blocks_submission_until_answered(team, scotland):
    assessment = screened_in_strategic(team, scotland)
    complete_full(assessment, by=team["pm"])

    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_full_assessment(**page(assessment, team["pm"]))
    messages = [p.message for p in blocked.value.problems]
    assert any("Low income" in m or "low income" in m for m in messages), messages
    assert all(p.section == "duty:fairer_scotland" for p in blocked.value.problems)

    duty_services.save_module_answers(
        **page(assessment, team["pm"]), module_id="fairer_scotland", answers=FAIRER
    )
    with pytest.raises(SubmissionBlocked):  # not yet marked as completed
        services.submit_full_assessment(**page(assessment, team["pm"]))
    client = Client()
    client.force_login(team["pm"])
    response = client.post(
        f"/assessments/{assessment.pk}/duties/fairer_scotland/",
        {f"dimensions__{k}": v for k, v in FAIRER["dimensions"].items()}
        | {k: v for k, v in FAIRER.items() if k != "dimensions"}
        | {"seen": head(assessment), "completed": "yes"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    services.submit_full_assessment(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"


def test_not_required_declaration_needs_reasons_and_someone_elses_authorisation(team, scotland):
    assessment = screened_in_strategic(team, scotland)
    complete_full(assessment, by=team["pm"])
    client = Client()
    client.force_login(team["pm"])
    url = f"/assessments/{assessment.pk}/duties/fairer_scotland/"

    no_reasons = client.post(url, {"seen": head(assessment), "not_required": "on"})
    assert no_reasons.status_code == 400
    assert "Give the reasons an assessment is not required" in no_reasons.content.decode()

    client.post(
        url,
        {
            "seen": head(assessment),
            "not_required": "on",
            "not_required_reasons": "A routine fee uplift by inflation, not a strategic decision.",
            "completed": "yes",
        },
    )
    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_full_assessment(**page(assessment, team["pm"]))
    assert "authorised" in blocked.value.problems[0].message

    with pytest.raises(NotAllowed):  # the author cannot authorise their own declaration
        duty_services.authorise_not_required(
            **page(assessment, team["pm"]), module_id="fairer_scotland"
        )
    officer = Client()
    officer.force_login(team["officer2"])
    shown = officer.get(url).content.decode()
    assert "Authorise that it is not required" in shown
    response = officer.post(f"{url}authorise/", {"seen": head(assessment)})
    assert response.status_code == 302

    row = duty_modules.answers_of(assessment, "fairer_scotland")
    assert row.authorised_by == team["officer2"]
    services.submit_full_assessment(**page(assessment, team["pm"]))

    # Changing the declaration afterwards needs a fresh authorisation.
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"


def test_a_screened_out_proposal_answers_its_modules_before_submitting_the_screening(people):
    ni = OrganisationFactory(
        nation=Nation.NORTHERN_IRELAND, screening_ruleset="northern_ireland",
        local_characteristics=[],
    )  # fmt: skip
    team = builders.team(ni)
    assessment = builders.started(team, ni)
    answers = {
        "affected_people": "Payroll staff.",
        "impact_equality": {c: {"level": "none"} for c in assessment.screening.characteristics},
        "promote_equality": "no",
        "impact_good_relations": {
            c: {"level": "none"} for c in ("religious_belief", "political_opinion", "racial_group")
        },
        "promote_good_relations": "no",
    }
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    assessment.refresh_from_db()
    assert assessment.screening.outcome == "screened_out", assessment.screening.result

    assert "duty:rural_needs" in {row.id for row in presenters.task_list(assessment)}
    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_screening(**page(assessment, team["pm"]))
    assert blocked.value.problems[0].section == "duty:rural_needs"

    duty_services.save_module_answers(
        **page(assessment, team["pm"]),
        module_id="rural_needs",
        answers={
            "activity_type": "service",
            "rural_impact": "no",
            "no_impact_reason": "An internal payroll change.",
        },
    )
    from eia.services.sections import mark_section

    mark_section(**page(assessment, team["pm"]), section="duty:rural_needs", completed=True)
    services.submit_screening(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "screening_review"


MARKER = "INTERNAL-ONLY-7f3a"


def test_answers_reach_summary_pdf_and_public_page_but_internal_notes_do_not(team, scotland):
    from eia.summary import decision_summary
    from tests.support.pdfs import pdf_text

    assessment = screened_in_strategic(team, scotland)
    answers = FAIRER | {
        "changes": "A <b>concessionary fare</b> & free transfers were added.",
        "officer_notes": MARKER,
    }
    duty_services.save_module_answers(
        **page(assessment, team["pm"]), module_id="fairer_scotland", answers=answers
    )
    from eia.services.sections import mark_section

    mark_section(**page(assessment, team["pm"]), section="duty:fairer_scotland", completed=True)
    builders.submit_full(team, assessment)
    assessment.refresh_from_db()

    summary = decision_summary(assessment)
    (entry,) = summary["duty_modules"]
    assert entry["attestation"].startswith("I have actively considered")
    assert [
        "Notes for the equality officer",
        MARKER,
    ] in entry["answers"]  # the decision-maker sees everything

    builders.approve_sign_and_publish(team, assessment)
    assessment.refresh_from_db()
    base = f"/public/{scotland.slug}/{assessment.pipeline_item.reference}/v{assessment.version}/"
    client = Client()
    html = client.get(base).content.decode()
    assert "Fairer Scotland Duty" in html
    assert "Fares rise for people on low incomes." in html
    assert "&lt;b&gt;concessionary fare&lt;/b&gt; &amp; free transfers" in html
    assert MARKER not in html
    for name in ("full.pdf", "summary.pdf"):
        response = client.get(base + name)
        assert response.status_code == 200, name
        text = pdf_text(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        assert "<b>concessionary fare</b>" in text.replace("\n", " ") or "concessionary" in text
        assert MARKER not in text


def test_the_rural_needs_monitoring_return_lists_the_years_rniAs_as_csv_and_pdf(people):
    import datetime

    from django.utils import timezone

    from tests.support.pdfs import pdf_text

    ni = OrganisationFactory(
        nation=Nation.NORTHERN_IRELAND, screening_ruleset="northern_ireland",
        local_characteristics=[],
    )  # fmt: skip
    team = builders.team(ni)
    assessment = builders.started(team, ni)
    answers = {
        "affected_people": "Library users.",
        "impact_equality": {c: {"level": "none"} for c in assessment.screening.characteristics},
        "promote_equality": "no",
        "impact_good_relations": {
            c: {"level": "none"} for c in ("religious_belief", "political_opinion", "racial_group")
        },
        "promote_good_relations": "no",
    }
    save_screening_answers(**page(assessment, team["pm"]), answers=answers)
    duty_services.save_module_answers(
        **page(assessment, team["pm"]),
        module_id="rural_needs",
        answers={
            "activity_type": "service",
            "rural_impact": "yes",
            "rural_policy_area": "transport",
            "needs_identified": '=HYPERLINK("http://evil") no bus after 6pm',
            "evidence": "NISRA rural statistics.",
            "how_considered": "A demand-responsive <b>bus</b> was added to the plan.",
        },
    )
    from eia.services.sections import mark_section

    mark_section(**page(assessment, team["pm"]), section="duty:rural_needs", completed=True)
    services.submit_screening(**page(assessment, team["pm"]))
    services.review_screening(
        **page(assessment, team["officer"]),
        decision=services.ScreeningDecision("screened_out", "No differential impact.", ""),
    )
    assessment.refresh_from_db()
    builders.sign(team, assessment)
    assessment.refresh_from_db()
    signed = timezone.localdate(assessment.signed_off_at)
    year = signed.year if (signed.month, signed.day) >= (4, 1) else signed.year - 1

    lead = Client()
    lead.force_login(team["lead"])
    assert "Rural Needs Act" in lead.get("/monitoring-returns/").content.decode()
    base = f"/monitoring-returns/rural_needs/{year}"
    html = lead.get(f"{base}/").content.decode()
    assert assessment.pipeline_item.reference in html
    assert "Transport services or infrastructure in rural areas" in html
    assert "&lt;b&gt;bus&lt;/b&gt;" in html

    csv_text = lead.get(f"{base}.csv").content.decode()
    assert "'=HYPERLINK" in csv_text  # neutralised: a spreadsheet shows it as text
    assert "Social and economic needs of people in rural areas identified" in csv_text

    text = pdf_text(lead.get(f"{base}.pdf").content)
    assert assessment.pipeline_item.reference in text
    assert "<b>bus</b>" in text.replace("\n", " ")

    # The year before has none; an officer is refused; a made-up module is not found.
    assert (
        assessment.pipeline_item.reference
        not in lead.get(f"/monitoring-returns/rural_needs/{year - 1}/").content.decode()
    )
    officer = Client()
    officer.force_login(team["officer"])
    assert officer.get(f"{base}/").status_code == 403
    assert lead.get(f"/monitoring-returns/no_such/{year}/").status_code == 404
    assert lead.get("/monitoring-returns/rural_needs/99999/").status_code == 404
    assert datetime.date(year, 4, 1) <= signed
