"""The demo's bodies in Wales, Scotland and Northern Ireland, beside the English county and
district in workflows/demo/organisations.py, so each nation's duty can be tried end to end:
a Welsh county (the Welsh specific duties, the Welsh language), a Scottish council with islands
(the Scottish specific duties, island communities) and a Northern Ireland district council
(Section 75, reporting by financial year, a public consultation on its EQIA).

Each has assessments at several stages (published screened in, published screened out,
awaiting sign-off, in screening review, not started), made through the real services.
"""

import datetime

from eia.audit import head
from eia.authorization import Role
from eia.models import Nation, Organisation
from eia.services import sections

from .. import services
from . import stories as demo
from .people import team

R = Role

NATIONS = [
    {
        "slug": "glanmor",
        "name": "Glanmor County Council",
        "short_name": "Glanmor",
        "kind": Organisation.Kind.COUNTY_COUNCIL,
        "nation": Nation.WALES,
        "local_characteristics": [
            ("welsh_language", datetime.date(2016, 4, 1)),
            ("socio_economic", datetime.date(2021, 3, 31)),
            ("rurality", datetime.date(2016, 4, 1)),
        ],
        "directorates": ["Education and Leisure", "Social Services", "Place"],
        "people": team(
            "glanmor",
            {
                R.PROJECT_MANAGER: ("Siân", "Pritchard", "Leisure Services Manager"),
                R.EQUALITY_OFFICER: ("Owain", "Jenkins", "Equalities and Welsh Language Officer"),
                R.DECISION_MAKER: ("Ceri", "Bowen", "Cabinet Member for Education"),
                R.EQUALITY_LEAD: ("Llinos", "Evans", "Head of Policy and Partnerships"),
                R.VIEWER: ("Dafydd", "Rees", "Scrutiny Officer"),
                R.AUDITOR: ("Megan", "Thomas", "Audit Manager"),
            },
        ),
        "pipeline": [
            (
                "GCC-2027-01",
                "School transport: moving to a three-mile walking distance",
                "policy",
                0,
                "Cabinet",
                50,
                "Raise the walking distance for free secondary school transport from two miles "
                "to three, including to Welsh-medium schools.",
            ),
            (
                "GCC-2027-02",
                "Leisure centre opening hours",
                "service_redesign",
                0,
                "Cabinet",
                40,
                "Close two leisure centres on Sunday afternoons.",
            ),
            (
                "GCC-2027-03",
                "Day services for older people: a new model",
                "service_redesign",
                1,
                "Cabinet",
                30,
                "Replace three day centres with community hubs in the market towns.",
            ),
            (
                "GCC-2027-04",
                "Council tax premium on second homes",
                "budget_proposal",
                2,
                "Full Council",
                80,
                "Raise the council tax premium on second homes from 100% to 150%.",
            ),
        ],
    },
    {
        "slug": "ardmore",
        "name": "Ardmore and the Isles Council",
        "short_name": "Ardmore",
        "kind": Organisation.Kind.UNITARY_COUNCIL,
        "nation": Nation.SCOTLAND,
        "local_characteristics": [
            ("island_communities", datetime.date(2019, 7, 1)),
            ("socio_economic", datetime.date(2018, 4, 1)),
            ("rurality", datetime.date(2016, 4, 1)),
        ],
        "directorates": ["Communities", "Education", "Infrastructure"],
        "people": team(
            "ardmore",
            {
                R.PROJECT_MANAGER: ("Morag", "MacLeod", "Ferry Services Manager"),
                R.EQUALITY_OFFICER: ("Calum", "Morrison", "Equality and Diversity Officer"),
                R.DECISION_MAKER: ("Fiona", "Campbell", "Convener of the Policy Committee"),
                R.EQUALITY_LEAD: ("Iain", "MacDonald", "Head of Strategy"),
                R.VIEWER: ("Eilidh", "Stewart", "Committee Officer"),
                R.AUDITOR: ("Ruaridh", "Ross", "Chief Internal Auditor"),
            },
        ),
        "pipeline": [
            (
                "AIC-2027-01",
                "Inter-island ferry timetable and fares",
                "service_redesign",
                2,
                "Policy and Resources Committee",
                55,
                "Reduce winter sailings to the outer isles from two a day to one and raise "
                "fares for vehicles.",
            ),
            (
                "AIC-2027-02",
                "Library card renewal online",
                "channel_shift",
                0,
                "Policy and Resources Committee",
                35,
                "Let people renew library cards online as well as in person.",
            ),
            (
                "AIC-2027-03",
                "Primary school catchment review on Eilean Mòr",
                "policy",
                1,
                "Education Committee",
                28,
                "Merge the catchments of two small island primary schools.",
            ),
            (
                "AIC-2027-04",
                "Gaelic language plan 2027-2032",
                "strategy",
                0,
                "Policy and Resources Committee",
                90,
                "The council's five-year Gaelic language plan.",
            ),
        ],
    },
    {
        "slug": "carrowmore",
        "name": "Carrowmore District Council",
        "short_name": "Carrowmore",
        "kind": Organisation.Kind.DISTRICT_COUNCIL,
        "nation": Nation.NORTHERN_IRELAND,
        # Northern Ireland councils report screening decisions by financial year.
        "reporting_year": "financial",
        "local_characteristics": [],
        "directorates": ["Community and Wellbeing", "Environment", "Corporate Services"],
        "people": team(
            "carrowmore",
            {
                R.PROJECT_MANAGER: ("Ciara", "O'Neill", "Leisure and Wellbeing Manager"),
                R.EQUALITY_OFFICER: ("Mark", "Patterson", "Equality and Good Relations Officer"),
                R.DECISION_MAKER: ("Siobhan", "Kelly", "Chair of the Community Committee"),
                R.EQUALITY_LEAD: ("David", "Wilson", "Head of Policy and Equality"),
                R.VIEWER: ("Aoife", "Doherty", "Democratic Services Officer"),
                R.AUDITOR: ("Alan", "Graham", "Audit Manager"),
            },
        ),
        "pipeline": [
            (
                "CDC-2027-01",
                "Community centre closures",
                "service_closure",
                0,
                "Community Committee",
                60,
                "Close two of five community centres and move their groups to the others.",
            ),
            (
                "CDC-2027-02",
                "Bin collection calendar",
                "service_redesign",
                1,
                "Environment Committee",
                30,
                "Move the collection day in two wards from Monday to Tuesday.",
            ),
            (
                "CDC-2027-03",
                "Leisure centre pricing policy",
                "budget_proposal",
                0,
                "Community Committee",
                25,
                "Raise adult prices by 8% and introduce a concession for carers.",
            ),
            (
                "CDC-2027-04",
                "Bonfire management programme",
                "policy",
                0,
                "Community Committee",
                100,
                "Grants and agreements for the management of bonfire sites.",
            ),
        ],
    },
]

STORIES = {
    "glanmor": demo.Story(
        aims="Keep school transport affordable and safe within a reduced budget.",
        who="Secondary pupils and their families, especially in rural wards.",
        changes="Pupils living between two and three miles from school pay for transport.",
        evidence_title="Home to school transport data 2025-26",
        evidence_shows="Most pupils affected live in rural wards; a third attend Welsh-medium "
        "schools.",
        engaged="Glanmor Parent Carer Forum",
        said="Disabled pupils need to keep a door-to-door service.",
        changed="Pupils with additional learning needs keep free transport at any distance.",
        adverse_who="Disabled pupils whose families cannot drive them.",
        adverse_aim="Pupils with additional learning needs keep free transport at any distance.",
        mitigation="Keep free transport for pupils with additional learning needs",
        cumulative="Bus subsidy cuts affect the same rural wards.",
        monitoring="Attendance and lateness by ward, reviewed each term with schools.",
    ),
    "ardmore": demo.Story(
        aims="Keep a lifeline ferry service to every inhabited island within budget.",
        who="Island residents, particularly older and disabled people travelling to hospital.",
        changes="One winter sailing a day to the outer isles; vehicle fares rise by 10%.",
        evidence_title="Ferry passenger survey 2026",
        evidence_shows="Hospital appointments are a quarter of winter journeys by older people.",
        engaged="Outer Isles Community Council",
        said="Hospital appointments must be reachable and back the same day.",
        changed="The single sailing is timed to meet the hospital's morning clinics.",
        adverse_who="Disabled islanders who travel to hospital on the mainland.",
        adverse_aim="The remaining sailing is timed for hospital clinics, with assisted boarding.",
        mitigation="Time the winter sailing to meet morning clinics, with assisted boarding",
        cumulative="The merged school catchment (AIC-2027-03) affects the same island.",
        monitoring="Missed hospital appointments by island, reported to committee quarterly.",
    ),
    "carrowmore": demo.Story(
        aims="Keep community facilities within reach of every ward while saving running costs.",
        who="Community groups and residents of the two wards whose centres close.",
        changes="Two centres close; their groups move to the remaining three centres.",
        evidence_title="Community centre bookings 2025-26",
        evidence_shows="Disability groups and older people's clubs make half the weekday bookings.",
        engaged="Carrowmore Disability Network",
        said="The remaining centres must be step-free with accessible toilets.",
        changed="Step-free access and a Changing Places toilet added at the Main Street centre.",
        adverse_who="Disabled people who use the closing centres' accessible rooms.",
        adverse_aim="Groups keep rooms at a step-free centre with an accessible toilet.",
        more_aims={
            "aim_positive_attitudes": "Disability groups are offered the main hall free for "
            "an open day each year.",
            "aim_participation": "The network sits on the centres' user forum.",
        },
        mitigation="Add step-free access and a Changing Places toilet at Main Street",
        cumulative="The leisure pricing change (CDC-2027-03) affects the same groups.",
        monitoring="Bookings by Section 75 group at each centre, reported each year in the "
        "annual progress report to the Equality Commission.",
    ),
}


def build_nation_assessments(slug: str, items: dict, people: dict) -> None:
    """Published screened in, published screened out, awaiting sign-off, in screening review."""
    pm, officer = people[Role.PROJECT_MANAGER], people[Role.EQUALITY_OFFICER]
    dm, publisher = people[Role.DECISION_MAKER], people[Role.EQUALITY_LEAD]
    references = [row[0] for row in next(s for s in NATIONS if s["slug"] == slug)["pipeline"]]
    story = STORIES[slug]

    def start(reference):
        return services.start_assessment(pipeline_item_id=items[reference].pk, by=pm)

    def screened_in(reference, *, consultation_weeks: int | None = None):
        assessment = start(reference)
        demo.answer_and_submit_screening(assessment, by=pm, outcome="full_assessment")
        demo.confirm(
            assessment,
            by=officer,
            outcome="full_assessment",
            reasons="The screening found a major impact on disabled people.",
        )
        assessment.refresh_from_db()
        demo.complete_full(assessment, by=pm, story=story)
        if consultation_weeks:
            opened = datetime.date(2026, 6, 1)
            sections.save_consultation(
                assessment_id=assessment.pk,
                seen=head(assessment),
                by=pm,
                data={
                    "consultation_starts_on": opened,
                    "consultation_ends_on": opened
                    + datetime.timedelta(weeks=consultation_weeks, days=-1),
                    "consultation_responses": "41 responses: most supported the change if the "
                    "remaining centres are made fully accessible.",
                },
            )
        if assessment.rurality_proofing_required:  # a section of the full assessment
            demo.complete_rurality(assessment, by=pm)
        assessment = demo.submit_stage(assessment, by=pm)
        demo.officer_approves(assessment, by=officer)
        return assessment

    def screened_out(reference, outcome):
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

    published = screened_in(references[0], consultation_weeks=12)
    demo.decision_maker_signs(published, by=dm)
    demo.officer_publishes(published, by=publisher)
    screened_out(references[1], "screened_out")
    # Awaiting sign-off; in Northern Ireland its consultation was shorter than recommended.
    screened_in(references[2], consultation_weeks=8)
    in_review = start(references[3])
    demo.answer_and_submit_screening(in_review, by=pm, outcome="screened_out_with_mitigation")
    # The last item is not started, so a new assessment can be tried from the pipeline.
