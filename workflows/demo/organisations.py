"""The demo's organisations: an English county council and a neighbouring district council
sharing one service, and a body in each other nation (workflows/demo/nations.py), with their
people, directorates, local characteristics and policy pipelines.

Every date is relative to today so the demo always has upcoming decisions. Logins are printed
by `manage.py seed_demo --print-logins` and listed in README.md.
"""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from eia.authorization import Role
from eia.calendar import add_working_days, is_working_day
from eia.models import (
    DecisionBody,
    Directorate,
    LocalCharacteristic,
    Meeting,
    Nation,
    Organisation,
    PipelineItem,
    User,
)
from eia.services import pipeline, reference_data

from .assessments import build_assessments
from .nations import NATIONS, build_nation_assessments
from .people import DemoPerson

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented demo login, not a secret


ORGANISATIONS = [
    {
        "slug": "northshire",
        "name": "Northshire County Council",
        "short_name": "Northshire",
        "kind": Organisation.Kind.COUNTY_COUNCIL,
        # Cumbria considers rurality and the Armed Forces alongside the nine (seeds 002, 003).
        "local_characteristics": [
            ("rurality", datetime.date(2016, 4, 1)),
            ("armed_forces", datetime.date(2016, 4, 1)),
            ("carers", datetime.date(2019, 4, 1)),
            ("care_experience", datetime.date(2024, 4, 1)),
        ],
        "directorates": [
            "Adults, Health and Care",
            "Children and Families",
            "Economy and Infrastructure",
            "Corporate Services",
        ],
        "people": [
            DemoPerson(
                "pm.northshire", "Priya", "Sharma", "Library Service Manager", Role.PROJECT_MANAGER
            ),
            DemoPerson(
                "officer.northshire",
                "Tom",
                "Okafor",
                "Equality and Diversity Officer",
                Role.EQUALITY_OFFICER,
            ),
            DemoPerson(
                "dm.northshire",
                "Helen",
                "Ashworth",
                "Cabinet Member for Communities",
                Role.DECISION_MAKER,
            ),
            DemoPerson(
                "lead.northshire",
                "Gareth",
                "Lloyd",
                "Head of Policy and Equality",
                Role.EQUALITY_LEAD,
            ),
            DemoPerson("viewer.northshire", "Sam", "Whitfield", "Scrutiny Officer", Role.VIEWER),
            DemoPerson("auditor.northshire", "Ruth", "Adeyemi", "Internal Auditor", Role.AUDITOR),
        ],
        # (reference, title, kind, directorate index, decision body, days until decision, summary)
        "pipeline": [
            (
                "NCC-2027-001",
                "Library service redesign: community-managed libraries",
                "service_redesign",
                2,
                "Cabinet",
                45,
                "Transfer eight branch libraries to community groups and close two, with a "
                "mobile library covering the rural west of the county.",
            ),
            (
                "NCC-2027-002",
                "Closure of Hawford branch library",
                "service_closure",
                2,
                "Cabinet",
                30,
                "Close the Hawford branch (open 18 hours a week) and extend the mobile route.",
            ),
            (
                "NCC-2027-003",
                "Adult social care charging policy 2027/28",
                "budget_proposal",
                0,
                "Cabinet",
                60,
                "Raise the maximum weekly charge for non-residential care and change the "
                "disability-related expenditure allowance.",
            ),
            (
                "NCC-2027-004",
                "Digital-first customer contact: moving council tax and benefits enquiries online",
                "channel_shift",
                3,
                "Cabinet",
                75,
                "Close two of four walk-in customer service points and move routine enquiries "
                "to online forms and a call-back service.",
            ),
            (
                "NCC-2027-005",
                "Home to school transport policy: post-16 eligibility",
                "policy",
                1,
                "Cabinet",
                90,
                "Replace free post-16 transport with a contribution of £600 a year, with a "
                "low-income exemption.",
            ),
            (
                "NCC-2027-006",
                "Recruitment and selection policy refresh",
                "workforce",
                3,
                "Employment Committee",
                40,
                "Guaranteed interview schemes, anonymised shortlisting and name-blind "
                "applications across the council.",
            ),
            (
                "NCC-2027-007",
                "Highways maintenance contract procurement",
                "procurement",
                2,
                "Executive Director of Economy and Infrastructure",
                120,
                "Re-procure the seven-year highways maintenance contract, including winter "
                "gritting routes for rural roads.",
            ),
            (
                "NCC-2027-008",
                "Budget saving: reduce subsidised rural bus routes",
                "budget_proposal",
                2,
                "Full Council",
                100,
                "Withdraw subsidy from 11 rural bus routes carrying under 20 passengers a day.",
            ),
            (
                "NCC-2027-009",
                "Carers' strategy 2027-2031",
                "strategy",
                0,
                "Cabinet",
                150,
                "The county's four-year strategy for unpaid carers, including young carers.",
            ),
            (
                "NCC-2027-010",
                "Household waste recycling centres: booking system and reduced opening hours",
                "service_redesign",
                2,
                "Cabinet",
                20,
                "Require online booking for all visits and close three centres on two weekdays.",
            ),
            (
                "NCC-2027-011",
                "Care leavers' council tax exemption",
                "policy",
                1,
                "Cabinet",
                8,
                "Exempt care leavers aged 18 to 25 from council tax, treating care experience as "
                "a protected characteristic in council policy.",
            ),
            (
                "NCC-2027-012",
                "Community alarm service: new weekly charge",
                "budget_proposal",
                0,
                "Cabinet",
                -6,
                "Charge £4.50 a week for the community alarm service, free for people on "
                "pension credit. Decided before its assessment was signed (the demo's late "
                "sign-off, with the decision recorded).",
            ),
        ],
    },
    {
        "slug": "eastdale",
        "name": "Eastdale District Council",
        "short_name": "Eastdale",
        "kind": Organisation.Kind.DISTRICT_COUNCIL,
        "local_characteristics": [
            ("armed_forces", datetime.date(2018, 4, 1)),
            ("socio_economic", datetime.date(2021, 4, 1)),
        ],
        "directorates": ["Housing and Communities", "Place and Environment", "Resources"],
        "people": [
            DemoPerson(
                "pm.eastdale", "Aisha", "Bello", "Housing Strategy Manager", Role.PROJECT_MANAGER
            ),
            DemoPerson(
                "officer.eastdale",
                "Rhys",
                "Morgan",
                "Policy and Equality Officer",
                Role.EQUALITY_OFFICER,
            ),
            DemoPerson(
                "dm.eastdale", "Margaret", "Kerr", "Leader of the Council", Role.DECISION_MAKER
            ),
            DemoPerson(
                "lead.eastdale", "Daniel", "Price", "Corporate Policy Manager", Role.EQUALITY_LEAD
            ),
            DemoPerson(
                "viewer.eastdale", "Chloe", "Hughes", "Democratic Services Officer", Role.VIEWER
            ),
            DemoPerson("auditor.eastdale", "Imran", "Shah", "Audit Manager", Role.AUDITOR),
        ],
        "pipeline": [
            (
                "EDC-2027-01",
                "Housing allocations policy review",
                "policy",
                0,
                "Cabinet",
                55,
                "Change the priority bands for the housing register, including armed forces and "
                "local connection rules.",
            ),
            (
                "EDC-2027-02",
                "Closure of the Market Street customer service centre",
                "service_closure",
                2,
                "Cabinet",
                35,
                "Move face-to-face services to the library and the town hall two days a week.",
            ),
            (
                "EDC-2027-03",
                "Garden waste charge increase",
                "budget_proposal",
                1,
                "Full Council",
                70,
                "Increase the annual garden waste charge from £45 to £60.",
            ),
            (
                "EDC-2027-04",
                "Temporary accommodation procurement",
                "procurement",
                0,
                "Director of Housing and Communities",
                95,
                "Procure a framework of private-sector temporary accommodation providers.",
            ),
            (
                "EDC-2027-05",
                "Flexible working policy",
                "workforce",
                2,
                "Employment Panel",
                25,
                "Flexible working from day one and a right to request compressed hours.",
            ),
            (
                "EDC-2027-06",
                "Town centre public space protection order",
                "policy",
                1,
                "Cabinet",
                120,
                "Renew the town centre PSPO covering street drinking and begging.",
            ),
        ],
    },
    # A body in each other nation (workflows/demo/nations.py), so each duty's path can be tried.
    *NATIONS,
]


def _user(person: DemoPerson, organisation: Organisation) -> User:
    user, created = User.objects.get_or_create(
        username=person.username,
        defaults={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": f"{person.username}@example.org",
            "job_title": person.job_title,
            "organisation": organisation,
            "is_staff": person.role is Role.EQUALITY_LEAD,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=person.role.value)[0])
    return user


def _meeting_day(day: datetime.date) -> datetime.date:
    """Decisions are taken on working days (the pipeline refuses any other)."""
    return day if is_working_day(day) else add_working_days(day, 1)


@transaction.atomic
def seed(*, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "short_name": spec["short_name"],
                "kind": spec["kind"],
                "nation": spec.get("nation", Nation.ENGLAND),
                "screening_ruleset": spec.get("nation", Nation.ENGLAND),
                "reporting_year": spec.get("reporting_year", "calendar"),
            },
        )
        for characteristic, starts_on in spec["local_characteristics"]:
            LocalCharacteristic.objects.get_or_create(
                organisation=organisation, characteristic=characteristic, starts_on=starts_on
            )
        directorates = [
            Directorate.objects.get_or_create(organisation=organisation, name=name)[0]
            for name in spec["directorates"]
        ]
        people = {person.role: _user(person, organisation) for person in spec["people"]}
        # Each decision body meets on the dates its proposals are decided (and monthly besides).
        for body_name in sorted({row[4] for row in spec["pipeline"]}):
            body, _ = DecisionBody.objects.get_or_create(organisation=organisation, name=body_name)
            dates = {_meeting_day(today + datetime.timedelta(days=row[5]))
                     for row in spec["pipeline"] if row[4] == body_name}  # fmt: skip
            dates |= {_meeting_day(today + datetime.timedelta(days=28 * n)) for n in range(1, 7)}
            for day in dates:
                Meeting.objects.get_or_create(body=body, date=day)
        items = {}
        for reference, title, kind, directorate, body, days, summary in spec["pipeline"]:
            existing = PipelineItem.objects.filter(organisation=organisation, reference=reference)
            # Added by the equality lead through the pipeline's own service, like a person would.
            items[reference] = existing.first() or pipeline.add_item(
                by=people[Role.EQUALITY_LEAD],
                organisation_id=organisation.pk,
                reference=reference,
                facts={
                    "title": title,
                    "kind": kind,
                    "directorate": directorates[directorate],
                    "decision_body": body,
                    "decision_date": _meeting_day(today + datetime.timedelta(days=days)),
                    "summary": summary,
                    "owner": people[Role.PROJECT_MANAGER],
                    "decision_maker": people[Role.DECISION_MAKER],
                },
            )

        if not organisation.public_contact:
            reference_data.set_public_contact(
                by=people[Role.EQUALITY_LEAD],
                contact=f"Equality team, {spec['name']}\nequality@{spec['slug']}.example.org",
                other_formats="Ask the equality team for this page in easy read, large print, "
                "audio or another language. We reply within 10 working days.",
            )
        if not any(item.assessments.exists() for item in items.values()):
            if spec.get("nation", Nation.ENGLAND) == Nation.ENGLAND:
                build_assessments(spec["slug"], items, people)
            else:
                build_nation_assessments(spec["slug"], items, people)


def logins() -> list[tuple[str, str, str]]:
    """(organisation, role, username) for every demo login."""
    return [
        (spec["short_name"], person.role.label, person.username)
        for spec in ORGANISATIONS
        for person in spec["people"]
    ]
