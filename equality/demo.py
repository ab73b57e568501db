# ruff: noqa: E501 - the demo plan rows are data, one row a line
"""The equality duty's demo data, made through the services: each demo council's objectives
(from the Cumbria plan in the seeds), its action plan with comments and RAG ratings, its
assessments' actions linked to objectives, a budget round whose proposals hit the same
groups, an area of the Equality Framework with its evidence and the peer challenge's points
(one turned into a deliverable), and the year's annual equality report, published. Idempotent: a council that already has objectives is left alone.
(`manage.py seed_demo` calls `manage.py seed_demo_duty`, which runs `seed()`.)"""

import datetime

from django.db import transaction
from django.utils import timezone

from eia.authorization import Role
from eia.models import Action, Assessment, Organisation, PipelineItem, State, User
from workflows import services as workflow_services
from workflows.demo import stories

from .framework import Area
from .models import Objective, PlanRow, PlanSection
from .selectors.timeliness import targets_for, year_of
from .services import annual, framework, objectives, plan, programmes

_OBJECTIVES = [
    (
        "Customers",
        "Provide equality of opportunity through access to services for all and delivering "
        "services which meet the needs of our customers",
    ),
    (
        "Communities",
        "Foster good relations by understanding the communities we serve and delivering "
        "meaningful engagement",
    ),
    (
        "Workforce",
        "Eliminate discrimination through the systematic review of our operational and "
        "workplace policies and procedures",
    ),
    ("Organisational support", "Provide organisational support to deliver the equality plan"),
]


def _rows(year: int) -> dict[str, list[tuple]]:
    """(overview, key deliverables, owner, target, comment, RAG) by section, as in seed 003."""
    return {
        "Customers": [
            (
                "Redesign of services",
                "Each service redesign shows how it addressed equality: accessibility, the needs of customers who share a protected characteristic, and staff trained to make reasonable adjustments.",
                "Transformation team",
                f"From April {year - 1}",
                "Equality embedded in project management; service redesigns are screened for EIAs.",
                "green",
            ),
            (
                "Digital inclusion",
                "Establish a network of digital champions from different protected characteristics to promote digital access and shape the council's digital offer.",
                "Customer Services",
                f"From April {year - 1}",
                "User groups trial digital products. More work to reflect the diversity of the county.",
                "amber",
            ),
            (
                "Web accessibility",
                "Achieve the AAA standard for web accessibility.",
                "Digital team",
                f"October {year}",
                "Work is underway to achieve this standard.",
                "red",
            ),
            (
                "Targeted services",
                "New strategies and policies for target customer groups have an equality impact assessment.",
                "Policy and Scrutiny",
                f"From January {year}",
                "Relevant strategies and policies are on the policy pipeline.",
                "green",
            ),
        ],
        "Communities": [
            (
                "Local area diversity information",
                "Community diversity profiles with statistics, community groups and contacts.",
                "Policy and Scrutiny",
                f"November {year - 1}",
                "Completed and published on the website.",
                "complete",
            ),
            (
                "Community integration project",
                "Oversee delivery through partner organisations.",
                "Northshire Voluntary Action (partner)",
                f"From September {year}",
                "Project delivering against outcomes.",
                "green",
            ),
            (
                "Refugee resettlement",
                "Deliver the multi-agency programme to welcome and integrate refugee families.",
                "Communities team",
                "Ongoing",
                "Programme being delivered.",
                "green",
            ),
            (
                "Hate crime plan",
                "Work with the police and partners on the local hate crime plan.",
                "Community Safety Partnership",
                f"From January {year}",
                "",
                "",
            ),
        ],
        "Workforce": [
            (
                "Accreditation",
                "Achieve Stonewall accreditation.",
                "HR and Organisational Development",
                f"November {year - 1}",
                "Work is still underway to achieve this standard.",
                "amber",
            ),
            (
                "Equal pay",
                "Deliver the gender pay gap action plan and publish the gap.",
                "HR and Organisational Development",
                "Annually in April",
                "In place and action being taken.",
                "green",
            ),
            (
                "Staff engagement",
                "Staff networks for Black and minority ethnic, LGBT and disabled staff with public sector partners.",
                "Staff networks",
                f"From November {year - 1}",
                "Groups in place and beginning to inform council activities.",
                "green",
            ),
        ],
        "Organisational support": [
            (
                "Awareness and training",
                "Refresh equality awareness training; embed it in the member development programme.",
                "Learning and Development",
                f"March {year + 1}",
                "",
                "amber",
            ),
            (
                "Equality impact assessments",
                "New approach to EIAs with revised guidance, embedded in decision-making and programme management.",
                "Equality lead",
                f"From February {year}",
                "Due Regard in use for every proposal on the pipeline.",
                "green",
            ),
        ],
    }


def _assess(item: PipelineItem, people: dict, story: stories.Story) -> None:
    """Take a budget proposal to the equality officer's review, as its author would."""
    pm, officer = people[Role.PROJECT_MANAGER], people[Role.EQUALITY_OFFICER]
    assessment = workflow_services.start_assessment(pipeline_item_id=item.pk, by=pm)
    stories.answer_and_submit_screening(
        assessment, by=pm, outcome="full_assessment", adverse=story.adverse
    )
    stories.confirm(
        assessment,
        by=officer,
        outcome="full_assessment",
        reasons="A budget saving with a major impact on a protected group.",
    )
    assessment.refresh_from_db()
    stories.complete_full(assessment, by=pm, story=story)
    stories.submit_stage(assessment, by=pm)


def _budget_round(organisation: Organisation, people: dict, year: int) -> None:
    items = {
        item.reference: item for item in PipelineItem.objects.filter(organisation=organisation)
    }
    wanted = [ref for ref in ("NCC-2027-002", "NCC-2027-003", "NCC-2027-008") if ref in items]
    if len(wanted) < 3:
        return
    if not items["NCC-2027-003"].assessments.exists():
        _assess(
            items["NCC-2027-003"],
            people,
            stories.Story(
                aims="Raise the contribution disabled and older adults make to their care.",
                who="Adults receiving non-residential care.",
                changes="The minimum income guarantee falls to the national floor.",
                adverse="disability",
                adverse_who="Disabled adults on low incomes who pay towards their care.",
                mitigation="Hardship fund and benefit checks for everyone affected",
                extra_negative={"age": "Older people on pension credit who pay for home care."},
                cumulative="The library closures and bus cuts affect the same residents.",
            ),
        )
    if not items["NCC-2027-008"].assessments.exists():
        _assess(
            items["NCC-2027-008"],
            people,
            stories.Story(
                aims="Save £600,000 a year on subsidised bus routes.",
                who="Rural residents without a car.",
                changes="Four rural routes end; two run on market days only.",
                adverse="age",
                adverse_who="Older people in the rural west who do not drive.",
                mitigation="Grant to community transport schemes in the rural west",
                extra_negative={
                    "disability": "Disabled people who rely on the bus to reach services."
                },
                cumulative="The Hawford library closure affects the same villages.",
            ),
        )
    programmes.save_programme(
        by=people[Role.EQUALITY_LEAD],
        name=f"Budget {year + 1} to {year + 2}",
        description="The savings proposals going to Cabinet in February, read together.",
        item_ids=[items[ref].pk for ref in wanted],
    )


def _framework(organisation: Organisation, lead: User, officer: User, made: dict, today) -> None:
    """One area of the Equality Framework assessed, with evidence linked from an objective, a
    deliverable and a published assessment, and the peer challenge's points, one actioned."""
    framework.save_area(
        by=lead,
        area=Area.ENGAGEMENT,
        values={
            "current_level": "developing",
            "assessed_on": today.replace(day=1),
            "target_level": "achieving",
            "target_date": datetime.date(today.year + 2, 3, 31),
            "evidence": "Engagement in the Disability Forum and community groups.",
            "peer_feedback": "",
        },
    )
    row = PlanRow.objects.filter(organisation=organisation, section__title="Communities").first()
    evidence = [{"kind": "objective", "objective": made["Communities"].pk}]
    if row is not None:
        evidence.append({"kind": "plan_row", "plan_row": row.pk})
    published = Assessment.objects.filter(organisation=organisation, state=State.PUBLISHED)
    first = published.select_related("pipeline_item").order_by("pk").first()
    if first is not None:
        evidence.append(
            {
                "kind": "assessment",
                "reference": first.pipeline_item.reference,
                "note": "Users shaped the changes in the engagement recorded here.",
            }
        )
    for values in evidence:
        framework.link_evidence(by=lead, area=Area.ENGAGEMENT, values=values)
    received = today.replace(day=1) - datetime.timedelta(days=30)
    actioned = framework.record_feedback(
        by=lead,
        area=Area.ENGAGEMENT,
        text="Engagement reaches few Gypsy and Traveller residents: work with their liaison group.",
        received_on=received,
    )
    framework.record_feedback(
        by=lead,
        area=Area.ENGAGEMENT,
        text="Tell residents what changed because of what they said.",
        received_on=received,
    )
    section = PlanSection.objects.filter(organisation=organisation, title="Communities").first()
    if section is not None:
        framework.act_on_feedback(
            by=officer,
            feedback_id=actioned.pk,
            values={
                "section": section.pk,
                "overview": "Gypsy and Traveller engagement",
                "key_deliverables": "Meet the Traveller liaison group each quarter.",
                "owner_name": "Communities team",
                "target_text": f"From April {today.year + 1}",
                "comment": "From the peer challenge.",
                "rag": "",
            },
        )


@transaction.atomic
def seed_organisation(organisation: Organisation, today: datetime.date | None = None) -> None:
    if Objective.objects.filter(organisation=organisation).exists():
        return
    today = today or timezone.localdate()
    people = {
        role: User.objects.filter(organisation=organisation, groups__name=role.value).first()
        for role in Role
    }
    lead, officer = people[Role.EQUALITY_LEAD], people[Role.EQUALITY_OFFICER]
    if lead is None or officer is None or people[Role.PROJECT_MANAGER] is None:
        return
    year = today.year
    # Agreed four years ago: due for refresh within months, so the warning shows.
    starts = datetime.date(year - 3, 4, 1)
    made = {}
    for short, statement in _OBJECTIVES:
        made[short] = objectives.save_objective(
            by=lead,
            values={
                "title": f"{short}: {statement}",
                "statement": "",
                "starts_on": starts,
                "ends_on": datetime.date(year + 1, 3, 31),
                "agreed_by": "Cabinet",
                "agreed_on": datetime.date(year - 3, 3, 16),
                "evidence": "Equality needs analysis; the census; staff and customer surveys; "
                "engagement with the Disability Forum and community groups.",
            },
        )
    for short, rows in _rows(year).items():
        section = plan.add_section(by=officer, objective_id=made[short].pk, title=short)
        for overview, deliverables, owner, target, comment, rag in rows:
            plan.save_row(
                by=officer,
                values={
                    "section": section.pk,
                    "overview": overview,
                    "key_deliverables": deliverables,
                    "owner_name": owner,
                    "target_text": target,
                    "comment": comment,
                    "rag": rag,
                },
            )
    _budget_round(organisation, people, year)
    for action in Action.objects.filter(assessment__organisation=organisation).order_by("pk"):
        short = "Organisational support" if action.kind == Action.Kind.EVIDENCE_GAP else "Customers"
        plan.link_action(by=officer, action_id=action.pk, objective_id=made[short].pk)
    _framework(organisation, lead, officer, made, today)
    # The year so far as the annual equality report, prepared and published.
    year = year_of(targets_for(organisation.pk), today)
    report = annual.take_annual_report(by=officer, year=year)
    annual.publish_annual_report(by=lead, report_id=report.pk)


def seed() -> None:
    for organisation in Organisation.objects.exclude(slug__startswith="scale-").order_by("pk"):
        seed_organisation(organisation)
