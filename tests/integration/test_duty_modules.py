"""Duty modules (screening_rules/duties/): a flag raised at screening adds the module's section,
its lawful minimum blocks submission, the "not required" declaration needs authorising, the
answers reach the summary, PDFs and public page (internal ones do not), and the rural needs
monitoring return is compiled from the year's RNIAs."""

import pytest
from django.test import Client
from django.utils import timezone

from eia import duty_modules
from eia.audit import head
from eia.compare import edit_sentences
from eia.errors import InvalidInput, NotAllowed, SubmissionBlocked
from eia.history import content_at, content_now
from eia.quality import quality_flags
from eia.services import duty_modules as duty_services
from eia.services.screening import save_screening_answers
from eia.summary import decision_summary
from tests.factories import OrganisationFactory
from tests.support import builders
from tests.support.duty_modules import (
    FAIRER,
    RURAL_NEEDS,
    answer_module,
    ni_screened_out,
    ni_signed_off,
    northern_ireland,
    page,
    scotland,
    screened_in_strategic,
)
from tests.support.pdfs import pdf_text
from tests.support.sections import complete_full
from workflows import presenters, services
from workflows.demo.stories import screening_answers

pytestmark = pytest.mark.django_db

MARKER = "INTERNAL-ONLY-7f3a"


@pytest.fixture
def scottish():
    return scotland()


@pytest.fixture
def team(scottish):
    return builders.team(scottish)


def test_a_flag_at_screening_adds_the_modules_section_to_the_task_list(team, scottish):
    assessment = screened_in_strategic(team, scottish)

    rows = {row.id: row for row in presenters.task_list(assessment)}

    assert "duty:fairer_scotland" in rows
    assert rows["duty:fairer_scotland"].title == "Fairer Scotland Duty assessment"
    assert rows["duty:fairer_scotland"].href.endswith("/duties/fairer_scotland/")
    # Island communities is a switch this organisation has not turned on.
    assert "duty:island_communities" not in rows


def test_the_modules_lawful_minimum_blocks_submission_until_answered(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    complete_full(assessment, by=team["pm"])

    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_full_assessment(**page(assessment, team["pm"]))
    messages = [p.message for p in blocked.value.problems]
    assert any("low income" in m for m in messages), messages
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
    last = assessment.audit_events.order_by("-sequence").first()
    sentences = edit_sentences(assessment, last.details["rows"])
    assert "Fairer Scotland Duty assessment marked as completed" in " ".join(sentences)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200

    services.submit_full_assessment(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"


def test_the_submit_page_links_each_module_problem_to_its_section(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    complete_full(assessment, by=team["pm"])
    client = Client()
    client.force_login(team["pm"])

    response = client.post(f"/assessments/{assessment.pk}/submit/", {"seen": head(assessment)})

    assert f"/assessments/{assessment.pk}/duties/fairer_scotland/" in response.content.decode()


def test_not_required_declaration_needs_reasons_and_someone_elses_authorisation(team, scottish):
    assessment = screened_in_strategic(team, scottish)
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
    assert client.post(f"{url}authorise/", {"seen": head(assessment)}).status_code == 403
    officer = Client()
    officer.force_login(team["officer2"])
    assert "Authorise that it is not required" in officer.get(url).content.decode()
    assert officer.post(f"{url}authorise/", {"seen": head(assessment)}).status_code == 302
    row = duty_modules.answers_of(assessment, "fairer_scotland")
    assert row.authorised_by == team["officer2"]

    # Changing the declaration afterwards needs a fresh authorisation.
    client.post(
        url,
        {
            "seen": head(assessment),
            "not_required": "on",
            "not_required_reasons": "Changed reasons.",
            "completed": "yes",
        },
    )
    assert duty_modules.answers_of(assessment, "fairer_scotland").authorised_by is None
    officer.post(f"{url}authorise/", {"seen": head(assessment)})

    services.submit_full_assessment(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"
    # The officer may not authorise twice, and the page token still guards it.
    assert officer.post(f"{url}authorise/", {"seen": head(assessment)}).status_code == 400


def test_a_screened_out_proposal_answers_its_modules_before_submitting_the_screening():
    ni = northern_ireland()
    team = builders.team(ni)
    assessment = ni_screened_out(team, ni)
    assert assessment.screening.outcome == "screened_out", assessment.screening.result

    assert "duty:rural_needs" in {row.id for row in presenters.task_list(assessment)}
    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_screening(**page(assessment, team["pm"]))
    assert blocked.value.problems[0].section == "duty:rural_needs"

    answer_module(
        assessment,
        team["pm"],
        "rural_needs",
        {"activity_type": "service", "rural_impact": "no", "no_impact_reason": "Payroll only."},
    )
    services.submit_screening(**page(assessment, team["pm"]))
    assessment.refresh_from_db()
    assert assessment.state == "screening_review"


def test_a_modules_quality_check_warns_the_officer(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    answer_module(assessment, team["pm"], "fairer_scotland", FAIRER | {"changes": "None."})

    keys = [flag.key for flag in quality_flags(assessment)]

    assert "fairer_scotland.nothing_changed_briefly" in keys


def test_answers_reach_summary_pdf_and_public_page_but_internal_notes_do_not(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    answers = FAIRER | {
        "changes": "A <b>concessionary fare</b> & free transfers were added.",
        "officer_notes": MARKER,
    }
    answer_module(assessment, team["pm"], "fairer_scotland", answers)
    builders.submit_full(team, assessment)
    assessment.refresh_from_db()

    officer = Client()
    officer.force_login(team["officer"])
    review_page = officer.get(f"/assessments/{assessment.pk}/review/").content.decode()
    assert "Fares rise for people on low incomes." in review_page
    assert "&lt;b&gt;concessionary fare&lt;/b&gt;" in review_page

    (entry,) = decision_summary(assessment)["duty_modules"]
    assert entry["attestation"].startswith("I have actively considered")
    # The decision-maker sees everything, internal notes included.
    assert ["Notes for the equality officer", MARKER] in entry["answers"]

    builders.approve_sign_and_publish(team, assessment)
    assessment.refresh_from_db()
    # The decision-maker attested the module's own words, frozen with the sign-off.
    assert entry["attestation"] in assessment.sign_off_record.attestation
    item = assessment.pipeline_item
    base = f"/public/{item.organisation.slug}/{item.reference}/v{assessment.version}/"
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
        assert "<b>concessionary fare</b>" in " ".join(text.split())
        assert MARKER not in text


def test_the_rural_needs_monitoring_return_lists_the_years_rnias_as_csv_and_pdf():
    ni = northern_ireland()
    team = builders.team(ni)
    assessment = ni_signed_off(
        team,
        ni,
        RURAL_NEEDS
        | {
            "needs_identified": '=HYPERLINK("http://evil") no bus after 6pm',
            "how_considered": "A demand-responsive <b>bus</b> was added to the plan.",
        },
    )
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

    text = " ".join(pdf_text(lead.get(f"{base}.pdf").content).split())
    assert assessment.pipeline_item.reference in text
    assert "<b>bus</b>" in text

    # The year before has none; an officer is refused; a made-up module or year is not found.
    before = lead.get(f"/monitoring-returns/rural_needs/{year - 1}/").content.decode()
    assert assessment.pipeline_item.reference not in before
    officer = Client()
    officer.force_login(team["officer"])
    assert officer.get(f"{base}/").status_code == 403
    assert lead.get(f"/monitoring-returns/no_such/{year}/").status_code == 404
    assert lead.get("/monitoring-returns/rural_needs/99999/").status_code == 404

    # Screened out, the RNIA is published with the screening decision.
    services.publish(**page(assessment, team["officer2"]))
    item = assessment.pipeline_item
    public = Client().get(f"/public/{ni.slug}/{item.reference}/v1/").content.decode()
    assert "Rural needs" in public and "demand-responsive &lt;b&gt;bus&lt;/b&gt;" in public


def test_no_input_to_a_module_page_gives_a_server_error(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    client = Client()
    client.force_login(team["pm"])
    url = f"/assessments/{assessment.pk}/duties/fairer_scotland/"
    for data in (
        {},
        {"seen": "not a number"},
        {"seen": head(assessment), "communities": "x" * 10_000},
        {"seen": head(assessment), "communities": "nul\x00here"},
        {"seen": head(assessment), "dimensions__low_income": ["a", "b"]},
        {"seen": head(assessment), "completed": "maybe"},
        {"seen": "0", "communities": "stale page"},
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 400, 409), (data, response.status_code)
    assert client.get(f"/assessments/{assessment.pk}/duties/no_such/").status_code == 404
    assert client.get(f"/assessments/{assessment.pk}/duties/rural_needs/").status_code == 404


def test_a_review_starts_from_the_modules_answers_and_the_trail_rebuilds_them(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    answer_module(assessment, team["pm"], "fairer_scotland", FAIRER)
    assert content_at(assessment).content == content_now(assessment)
    builders.finish_and_publish(team, assessment)
    assessment.refresh_from_db()

    review = services.start_review(
        assessment_id=assessment.pk, seen=head(assessment), by=team["pm"]
    )

    copied = duty_modules.answers_of(review, "fairer_scotland")
    assert copied.answers == duty_modules.answers_of(assessment, "fairer_scotland").answers
    assert copied.authorised_by is None
    save_screening_answers(
        **page(review, team["pm"]),
        answers=screening_answers("full_assessment") | {"strategic_decision": "yes"},
    )
    services.submit_screening(**page(review, team["pm"]))
    services.review_screening(
        **page(review, team["officer"]),
        decision=services.ScreeningDecision("full_assessment", "Strategic decision.", ""),
    )
    review.refresh_from_db()
    answer_module(review, team["pm"], "fairer_scotland", FAIRER | {"changes": "Fares frozen."})
    client = Client()
    client.force_login(team["officer"])
    response = client.get(f"/assessments/{review.pk}/compare/")
    assert response.status_code == 200
    assert "Fairer Scotland Duty assessment" in response.content.decode()
    assert content_at(review).content == content_now(review)


def test_the_armed_forces_covenant_flag_adds_its_module_in_england():
    organisation = OrganisationFactory(local_characteristics=["armed_forces"])
    people = builders.team(organisation)
    assessment = builders.started(people, organisation)
    answers = screening_answers("screened_out") | {"covenant_functions": ["housing"]}
    save_screening_answers(**page(assessment, people["pm"]), answers=answers)
    assessment.refresh_from_db()

    assert [m.id for m in duty_modules.applicable(assessment)] == ["armed_forces_covenant"]
    with pytest.raises(SubmissionBlocked) as blocked:
        services.submit_screening(**page(assessment, people["pm"]))
    assert {p.section for p in blocked.value.problems} == {"duty:armed_forces_covenant"}


def test_an_officer_comments_on_a_modules_section_when_returning_it(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    answer_module(assessment, team["pm"], "fairer_scotland", FAIRER)
    builders.submit_full(team, assessment)
    officer = Client()
    officer.force_login(team["officer"])
    url = f"/assessments/{assessment.pk}/review/"
    assert (
        "Comments on &#x27;Fairer Scotland Duty assessment&#x27;"
        in officer.get(url).content.decode()
    )

    response = officer.post(
        url,
        {
            "seen": head(assessment),
            "decision": "return",
            "comment": "Please say more.",
            "section_duty:fairer_scotland": "Say who was asked.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    author = Client()
    author.force_login(team["pm"])
    shown = author.get(f"/assessments/{assessment.pk}/duties/fairer_scotland/").content.decode()
    assert "Say who was asked." in shown


def test_a_service_call_with_a_nul_character_is_refused_not_stored(team, scottish):
    assessment = screened_in_strategic(team, scottish)
    with pytest.raises(InvalidInput):
        duty_services.save_module_answers(
            **page(assessment, team["pm"]),
            module_id="fairer_scotland",
            answers={"communities": "a\x00b"},
        )
    with pytest.raises(InvalidInput):
        duty_services.save_module_answers(
            **page(assessment, team["pm"]),
            module_id="fairer_scotland",
            answers={"dimensions": "not per aim"},
        )
    assert duty_modules.answers_of(assessment, "fairer_scotland") is None
