"""Four nations end to end: each body's assessment, through HTTP, asks and cites its own duty.

One journey per nation walks screening, full assessment, sign-off and publication as the
people who should act, and checks the questions the impact page asks, the words the
decision-maker signs, and the sections and citation of the public page (eia/aims.py).
"""

import datetime

import pytest

from eia.models import Nation
from tests.factories import OrganisationFactory, PipelineItemFactory
from tests.integration.conftest import Journey
from tests.integration.register.support import body, url_of
from tests.support import builders
from tests.support.duty_modules import RURAL_NEEDS
from tests.support.pdfs import pdf_text
from tests.support.screening_answers import as_post_data
from tests.support.sections import complete_full
from workflows.demo.stories import Story, screening_answers

pytestmark = pytest.mark.django_db

PSED_QUESTIONS = (
    "How have you considered: eliminating discrimination, harassment and victimisation?",
    "How have you considered: advancing equality of opportunity?",
    "How have you considered: fostering good relations?",
)
SECTION_75_WORDS = (
    "Section 75",
    "section 75",
    "Northern Ireland Act",
    "political opinion",
    "positive attitudes towards disabled people",
    "participation by disabled people in public life",
    "promoting equality of opportunity",
)
PSED_WORDS = (
    "section 149",
    "eliminating discrimination",
    "Eliminate discrimination",
    "advancing equality of opportunity",
    "Advance equality of opportunity",
    "fostering good relations",
    "Foster good relations",
    "The three aims of the equality duty",
)
LOCAL = {
    Nation.ENGLAND: [],
    Nation.WALES: ["welsh_language"],
    Nation.SCOTLAND: ["island_communities"],
    Nation.NORTHERN_IRELAND: [],
}
PUBLICATION = {
    Nation.ENGLAND: "Published to show how the organisation had due regard to the Public Sector "
    "Equality Duty (Equality Act 2010, section 149) before deciding.",
    Nation.WALES: "Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011, regulation 8",
    Nation.SCOTLAND: "Equality Act 2010 (Specific Duties) (Scotland) Regulations 2012, "
    "regulation 5",
    Nation.NORTHERN_IRELAND: "Published under the organisation&#x27;s Equality Scheme "
    "(Northern Ireland Act 1998, section 75 and Schedule 9)",
}


def _journey(nation):
    organisation = OrganisationFactory(
        nation=nation, screening_ruleset=nation, local_characteristics=LOCAL[nation]
    )
    people = builders.team(organisation)
    item = PipelineItemFactory(
        organisation=organisation,
        owner=people["pm"],
        decision_maker=people["dm"],
        decision_date=datetime.date.today() + datetime.timedelta(days=60),
    )
    return Journey(item, people).start()


def _screen_in(j, nation):
    answers = screening_answers("full_assessment", ruleset=nation)
    j.as_("pm").post(
        j.url("screening/"), as_post_data(answers) | j.stale_guard() | {"action": "save"}
    )
    j.submit()
    j.review_screening("full_assessment", reasons="A major impact on disabled people.")
    assert j.refresh().state == "full_assessment"
    # Every section but the impact on disabled people is filled through the services; that
    # page is read and posted as a person would.
    complete_full(j.assessment, by=j.people["pm"], story=Story(monitoring="Quarterly counts."))


def _impact_page(j, characteristic="disability"):
    return j.as_("pm").client.get(j.url(f"full/impacts/{characteristic}/")).content.decode()


def _post_impact(j, aims: dict):
    data = {
        "direction": "negative",
        "size": "major",
        "who_affected": "Disabled people who cannot travel to the next centre.",
        "evidence": [j.assessment.evidence.first().pk],
        "residual": "Longer journeys.",
        "justification": "",
    } | aims
    j.as_("pm").post(j.url("full/impacts/disability/"), data | j.stale_guard())


def _sign_off_page(j):
    return j.as_("dm").client.get(j.url("sign-off/")).content.decode()


def _attestation(page: str) -> str:
    return page.split('id="attestation">')[1].split("</p>")[0]


def _finish(j):
    j.submit()
    assert j.refresh().state == "officer_review"
    j.review("approve")
    page = _sign_off_page(j)
    j.sign_off().publish()
    assert j.refresh().state == "published"
    public = j.as_("pm").client.get(url_of(j.assessment)).content.decode()
    return page, public


@pytest.mark.parametrize("nation", [Nation.ENGLAND, Nation.WALES, Nation.SCOTLAND])
def test_a_great_britain_journey_asks_signs_and_cites_the_equality_act_aims(nation):
    j = _journey(nation)
    _screen_in(j, nation)
    page = _impact_page(j)
    for question in PSED_QUESTIONS:
        assert question in page, question
    # Each aim's guidance and example, in the Act's words, under its question.
    assert "removing or minimising disadvantages the group suffers" in page
    assert "tackling prejudice and promoting understanding" in page
    assert "the Public Sector Equality Duty (Equality Act 2010, section 149)" in page
    for words in SECTION_75_WORDS:
        assert words not in page, words
    _post_impact(
        j,
        {
            "aim_eliminate": "No one is refused a place <b>because</b> of disability.",
            "aim_advance": "Door-to-door transport to the remaining centres.",
            "aim_foster": "A joint user forum.",
            # Not asked in Great Britain: whatever is posted is not kept.
            "aim_positive_attitudes": "Posted from a crafted form.",
        },
    )
    impact = j.refresh().impacts.get(characteristic="disability")
    assert impact.aim_advance == "Door-to-door transport to the remaining centres."
    assert impact.aim_positive_attitudes == ""

    sign_off, public = _finish(j)
    attestation = _attestation(sign_off)
    assert attestation.endswith(
        "have had due regard to the need to eliminate discrimination, harassment and "
        "victimisation, to advance equality of opportunity and to foster good relations "
        "(Equality Act 2010, section 149). I accept the remaining adverse impacts on disabled "
        "people (major)."
    )
    assert "The three aims of the equality duty" in sign_off
    for words in SECTION_75_WORDS:
        assert words not in sign_off, words
    signed = j.refresh().sign_off_record
    assert "(Equality Act 2010, section 149)" in signed.attestation
    assert signed.snapshot["duty"]["key"] == nation

    assert PUBLICATION[nation] in public
    assert '<dt class="govuk-summary-list__key">Duty</dt>' in public
    assert "Eliminate discrimination, harassment and victimisation</dt>" in public
    assert "No one is refused a place &lt;b&gt;because&lt;/b&gt; of disability." in public
    for words in SECTION_75_WORDS:
        assert words not in public, words


def test_a_northern_ireland_journey_asks_signs_and_cites_section_75_and_the_disability_duties():
    nation = Nation.NORTHERN_IRELAND
    j = _journey(nation)
    _screen_in(j, nation)
    page = _impact_page(j)
    assert "How have you considered: promoting equality of opportunity?" in page
    assert "How have you considered: promoting positive attitudes towards disabled people?" in page
    assert (
        "How have you considered: encouraging participation by disabled people in public life?"
        in page
    )
    assert "section 49A of the Disability Discrimination Act 1995" in page  # its guidance
    # Good relations is for religious belief, political opinion and racial group only.
    assert "promoting good relations" not in page
    for words in PSED_WORDS:
        assert words not in page, words
    relations = _impact_page(j, "religious_belief")
    assert "How have you considered: promoting good relations between people" in relations
    assert "positive attitudes" not in relations
    for words in PSED_WORDS:
        assert words not in relations, words

    _post_impact(
        j,
        {
            "aim_advance": "Groups keep rooms at a step-free centre.",
            "aim_positive_attitudes": "An open day each year <script>alert(1)</script>.",
            "aim_participation": "The network sits on the user forum.",
            "aim_eliminate": "Posted from a crafted form.",  # not Section 75's: not kept
        },
    )
    impact = j.refresh().impacts.get(characteristic="disability")
    assert impact.aim_participation == "The network sits on the user forum."
    assert impact.aim_eliminate == ""

    # The EQIA's public consultation: 8 weeks, below the Commission's recommended 12.
    consultation = {
        "consultation_starts_on_0": "1",
        "consultation_starts_on_1": "6",
        "consultation_starts_on_2": "2026",
        "consultation_ends_on_0": "26",
        "consultation_ends_on_1": "7",
        "consultation_ends_on_2": "2026",
        "consultation_responses": "41 responses, most in favour.",
    }
    j.as_("pm").post(j.url("full/engagement/consultation/"), consultation | j.stale_guard())
    engagement = j.as_("pm").client.get(j.url("full/engagement/")).content.decode()
    assert "this one lasted 8 weeks" in engagement
    assert "The Equality Commission for Northern Ireland recommends" in engagement
    # Every Northern Ireland assessment has its Rural Needs Impact Assessment (a duty module).
    j.as_("pm").post(
        j.url("duties/rural_needs/"), RURAL_NEEDS | {"completed": "yes"} | j.stale_guard()
    )

    sign_off, public = _finish(j)
    attestation = _attestation(sign_off)
    assert "Northern Ireland Act 1998, section 75" in attestation
    assert "Disability Discrimination Act 1995, section 49A" in attestation
    assert "section 149" not in attestation
    assert "The Section 75 duties and the disability duties" in sign_off
    assert "this one lasted 8 weeks" in sign_off
    assert "Quarterly counts." in sign_off  # the monitoring arrangements
    for words in PSED_WORDS:
        assert words not in sign_off, words

    assert PUBLICATION[nation] in public
    assert "Promote positive attitudes towards disabled people</dt>" in public
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in public and "<script>alert" not in public
    assert "Public consultation" in public and "1 June 2026 to 26 July 2026 (8 weeks)" in public
    assert "Monitoring arrangements" in public
    assert "Rural needs" in public and RURAL_NEEDS["needs_identified"] in public
    for words in PSED_WORDS:
        assert words not in public, words
    pdf = j.as_("pm").client.get(url_of(j.assessment, "full.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(body(pdf))
    assert "The Section 75 duties and the disability duties" in text
    assert "An open day each year <script>alert(1)</script>." in text  # printed, not parsed
    assert "Summary of the responses: 41 responses, most in favour." in text
    assert "Eliminate discrimination" not in text
    signed = pdf_text(body(j.as_("dm").client.get(j.url("sign-off/summary.pdf"))))
    assert "Northern Ireland Act 1998, section 75" in signed and "section 149" not in signed


def test_a_consultation_of_twelve_weeks_has_no_warning_and_england_never_warns():
    j = _journey(Nation.NORTHERN_IRELAND)
    _screen_in(j, Nation.NORTHERN_IRELAND)
    twelve = {
        "consultation_starts_on_0": "1",
        "consultation_starts_on_1": "6",
        "consultation_starts_on_2": "2026",
        "consultation_ends_on_0": "23",
        "consultation_ends_on_1": "8",
        "consultation_ends_on_2": "2026",
        "consultation_responses": "",
    }
    j.as_("pm").post(j.url("full/engagement/consultation/"), twelve | j.stale_guard())
    page = j.as_("pm").client.get(j.url("full/engagement/")).content.decode()
    assert "1 June 2026 to 23 August 2026 (12 weeks)" in page
    assert "this one lasted" not in page
    form = j.as_("pm").client.get(j.url("full/engagement/consultation/")).content.decode()
    assert "recommends that a public consultation" in form and "lasted 12 weeks" in form
    england = _journey(Nation.ENGLAND)
    _screen_in(england, Nation.ENGLAND)
    short = twelve | {"consultation_ends_on_1": "6", "consultation_ends_on_0": "8"}
    england.as_("pm").post(
        england.url("full/engagement/consultation/"), short | england.stale_guard()
    )
    page = england.as_("pm").client.get(england.url("full/engagement/")).content.decode()
    assert "1 week and 1 day" in page and "Equality Commission" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"consultation_starts_on_1": "", "consultation_starts_on_2": ""}, "Enter a real date"),
        ({"consultation_starts_on_0": "31", "consultation_starts_on_1": "2"}, "Enter a real date"),
        (
            {
                "consultation_ends_on_0": "",
                "consultation_ends_on_1": "",
                "consultation_ends_on_2": "",
            },
            "Enter when the consultation closed",
        ),
        (
            {"consultation_starts_on_2": "2027", "consultation_ends_on_2": "2026"},
            "The closing date must be",
        ),
        ({"consultation_responses": "x" * 5_001}, "characters or fewer"),
        ({"consultation_responses": "nul \x00 byte"}, ""),
        ({"consultation_starts_on_2": "1850"}, "Enter a date between"),
    ],
)
def test_bad_consultation_input_is_refused_with_a_message_never_a_500(data, message):
    j = _journey(Nation.NORTHERN_IRELAND)
    _screen_in(j, Nation.NORTHERN_IRELAND)
    good = {
        "consultation_starts_on_0": "1",
        "consultation_starts_on_1": "6",
        "consultation_starts_on_2": "2026",
        "consultation_ends_on_0": "26",
        "consultation_ends_on_1": "7",
        "consultation_ends_on_2": "2026",
        "consultation_responses": "Fine.",
    }
    response = j.as_("pm").client.post(
        j.url("full/engagement/consultation/"), good | data | j.stale_guard()
    )
    assert response.status_code in (302, 400), response.status_code
    if message:
        assert response.status_code == 400
        assert message in response.content.decode()
        assert j.refresh().full.consultation_responses == ""
