"""The permission matrix's world: one organisation's people (every actor of
tests/support/access_policy.py), another organisation's lead, and one assessment in each state
of the process, every one built through the real services (tests/support/builders.py and
workflows/demo/stories.py), so each has the trail, tasks and object permissions a real one has.
"""

from dataclasses import dataclass, field

from eia.audit import head
from eia.models import Assessment, PipelineItem, User
from eia.services.co_authors import add_co_author
from eia.services.reference_data import save_decision_body
from tests.factories import (
    DirectorateFactory,
    OrganisationFactory,
    PipelineItemFactory,
    UserFactory,
)
from tests.support import builders, legacy
from tests.support.access_policy import ACTORS, Actor, Scenario
from tests.support.sections import complete_full
from workflows import services
from workflows.demo import stories

# In every title of the organisation's proposals: another organisation must never see it.
MARKER = "Northshire-matrix-proposal"


@dataclass
class World:
    organisation: object
    other_organisation: object
    users: dict[Actor, User]
    assessments: dict[Scenario, Assessment] = field(default_factory=dict)
    directorate_id: int = 0
    decision_body_id: int = 0


def _people(organisation, other_organisation) -> dict[Actor, User]:
    users = {}
    for actor, facts in ACTORS.items():
        if facts.anonymous:
            continue
        users[actor] = UserFactory(
            organisation=other_organisation if facts.other_organisation else organisation,
            roles=[facts.role],
            is_staff=facts.staff,
            username=f"matrix-{actor.value}",
        )
    return users


def _team(users) -> dict[str, User]:
    """The keys tests/support/builders.py acts with."""
    return {
        "pm": users[Actor.AUTHOR],
        "officer": users[Actor.OFFICER],
        "dm": users[Actor.NAMED_DECISION_MAKER],
        "lead": users[Actor.LEAD],
        # Separation of duties: the officer approves, so someone else publishes.
        "officer2": users[Actor.LEAD],
    }


def _started(world, team, scenario) -> Assessment:
    item = PipelineItemFactory(
        organisation=world.organisation,
        title=f"{MARKER} {scenario.value}",
        owner=team["pm"],
        decision_maker=team["dm"],
        directorate_id=world.directorate_id,
    )
    assessment = services.start_assessment(pipeline_item_id=item.pk, by=team["pm"])
    add_co_author(
        assessment_id=assessment.pk, by=team["pm"], user_id=world.users[Actor.CO_AUTHOR].pk
    )
    return assessment


def _screened(world, team, scenario, *, rural=False) -> Assessment:
    assessment = _started(world, team, scenario)
    assessment = stories.answer_and_submit_screening(
        assessment, by=team["pm"], outcome="full_assessment", rural=rural
    )
    return stories.confirm(
        assessment, by=team["officer"], outcome="full_assessment", reasons="Major impact."
    )


def _refresh(assessment) -> Assessment:
    return Assessment.objects.get(pk=assessment.pk)


def _build(world, scenario: Scenario, team) -> Assessment:
    """One assessment in `scenario`, moved there by the people who would move it."""
    pm, officer = team["pm"], team["officer"]
    if scenario is Scenario.SCREENING:
        assessment = _started(world, team, scenario)
        stories.save_screening_answers(
            assessment_id=assessment.pk,
            by=pm,
            seen=head(assessment),
            answers=stories.screening_answers("full_assessment"),
        )
        return _refresh(assessment)
    if scenario is Scenario.SCREENING_REVIEW:
        assessment = _started(world, team, scenario)
        return stories.answer_and_submit_screening(assessment, by=pm, outcome="full_assessment")
    if scenario is Scenario.FULL_ASSESSMENT:
        assessment = _refresh(_screened(world, team, scenario))
        complete_full(assessment, by=pm)
        return _refresh(assessment)
    if scenario is Scenario.RURALITY_PROOFING:
        # Screened in, with content: a record the two-step path left at this stage (new ones
        # submit rurality proofing with the full assessment; the short path has no content).
        assessment = _refresh(_screened(world, team, scenario, rural=True))
        return legacy.at_legacy_rurality_proofing(team, assessment)
    assessment = builders.submit_full(team, _refresh(_screened(world, team, scenario)))
    if scenario is Scenario.OFFICER_REVIEW:
        return assessment
    if scenario is Scenario.RETURNED:
        services.review_assessment(
            assessment_id=assessment.pk,
            seen=head(assessment),
            by=officer,
            approve=False,
            comment="Say more about the bus route.",
        )
        return _refresh(assessment)
    stories.officer_approves(_refresh(assessment), by=officer)
    if scenario is Scenario.WITHDRAWN:
        assessment = _refresh(assessment)
        return services.withdraw(
            assessment_id=assessment.pk, seen=head(assessment), by=pm, reason="Not going ahead."
        )
    if scenario is Scenario.AWAITING_SIGN_OFF:
        return _refresh(assessment)
    builders.sign(team, _refresh(assessment))
    if scenario is Scenario.SIGNED_OFF:
        return _refresh(assessment)
    assessment = stories.officer_publishes(_refresh(assessment), by=team["lead"])
    if scenario is Scenario.PUBLISHED:
        return _refresh(assessment)
    # Superseded: a review (version 2) is started, completed and published over it.
    review = services.start_review(assessment_id=assessment.pk, seen=head(assessment), by=pm)
    add_co_author(assessment_id=review.pk, by=pm, user_id=world.users[Actor.CO_AUTHOR].pk)
    review = stories.answer_and_submit_screening(review, by=pm, outcome="full_assessment")
    review = stories.confirm(review, by=officer, outcome="full_assessment", reasons="Again.")
    builders.finish_and_publish(team, _refresh(review))
    return _refresh(assessment)


def build_world(scenarios=tuple(Scenario)) -> World:
    organisation = OrganisationFactory(name="Northshire County Council", short_name="Northshire")
    other = OrganisationFactory(name="Eastdale District Council", short_name="Eastdale")
    world = World(organisation, other, _people(organisation, other))
    team = _team(world.users)
    lead = world.users[Actor.LEAD]
    world.directorate_id = DirectorateFactory(organisation=organisation).pk
    world.decision_body_id = save_decision_body(by=lead, name="Cabinet").pk
    for scenario in scenarios:
        world.assessments[scenario] = _build(world, scenario, team)
    # Other organisation's own proposal, so its lead has records of their own.
    PipelineItemFactory(organisation=other, owner=world.users[Actor.OTHER_ORGANISATION_LEAD])
    assert PipelineItem.objects.filter(organisation=organisation).count() == len(scenarios)
    return world
