"""An organisation set at scale for the benchmarks: `manage.py seed_scale`.

How it relates to the real services: records, content and workflow rows are written in bulk
(eia.services.seeding for the record's content, bulk_create here for organisations, people,
the pipeline and viewflow's processes and tasks), but only in states the services produce:
each record is put in a state reachable by the transition table, with the content that state
needs (a screened-in record past screening has its full assessment; a signed-off one its frozen
summary), the one active viewflow task of its stage (the author's, the queue's unclaimed or
claimed, or the named decision-maker's), and an audit trail of the moves that lead there
written by eia.audit.record_trails(), which seals each event as eia.audit.record() does, so the
trail is chained however that module chains it.
Padding events (section edits and comments, which never change state) bring the trail to the
requested total; one record in a hundred gets a long trail. A test checks a sample with
workflows.services.moves.check_consistent and eia.audit.verify_chain.
"""

import datetime
import functools
import json
import random
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from eia import audit
from eia.authorization import Role
from eia.events import EventType
from eia.models import Directorate, Organisation, PipelineItem, ScreeningOutcome, State, User
from eia.services import seeding

from ..flows import AssessmentFlow
from ..models import AssessmentProcess
from ..stages import Holder, stage_of
from .stories import screening_answers

# The share of proposals whose latest version is in each state, as a mature council's history.
MIX = [
    (State.PUBLISHED, 52),
    (State.WITHDRAWN, 5),
    (State.SCREENING, 10),
    (State.SCREENING_REVIEW, 5),
    (State.FULL_ASSESSMENT, 9),
    (State.RURALITY_PROOFING, 3),
    (State.OFFICER_REVIEW, 6),
    (State.AWAITING_SIGN_OFF, 5),
    (State.SIGNED_OFF, 5),
]
REVIEWED_SHARE = 0.1  # published proposals reviewed since: version 1 superseded by version 2
BATCH = 500
PEOPLE = {
    Role.PROJECT_MANAGER: 12,
    Role.EQUALITY_OFFICER: 4,
    Role.DECISION_MAKER: 4,
    Role.EQUALITY_LEAD: 1,
}
DIRECTORATES = ["Adults and Health", "Children", "Economy", "Environment", "Corporate", "Housing"]


def _path(state: str, screened_in: bool, rural: bool) -> list[tuple[EventType, str, str, str]]:
    """The moves from the start to `state`: (event, from, to, who)."""
    S = State
    moves = [
        (EventType.ASSESSMENT_STARTED, "", S.SCREENING, "author"),
        (EventType.SECTION_EDITED, "", "", "author"),
    ]
    if state in (S.SCREENING, S.WITHDRAWN):
        if state == S.WITHDRAWN:
            moves.append((EventType.WITHDRAWN, S.SCREENING, S.WITHDRAWN, "author"))
        return moves
    moves.append((EventType.SCREENING_SUBMITTED, S.SCREENING, S.SCREENING_REVIEW, "author"))
    if state == S.SCREENING_REVIEW:
        return moves
    moves.append((EventType.TASK_CLAIMED, S.SCREENING_REVIEW, S.SCREENING_REVIEW, "officer"))
    if screened_in:
        moves.append(
            (EventType.SCREENING_CONFIRMED_FULL, S.SCREENING_REVIEW, S.FULL_ASSESSMENT, "officer")
        )
        # The sections, rurality proofing among them when it is required: one submission.
        moves += [(EventType.SECTION_EDITED, "", "", "author")] * (7 if rural else 6)
        if state == S.FULL_ASSESSMENT:
            return moves
        moves.append(
            (EventType.FULL_ASSESSMENT_SUBMITTED, S.FULL_ASSESSMENT, S.OFFICER_REVIEW, "author")
        )
        if state == S.OFFICER_REVIEW:
            return moves
        moves.append((EventType.TASK_CLAIMED, S.OFFICER_REVIEW, S.OFFICER_REVIEW, "officer"))
        moves.append(
            (EventType.ASSESSMENT_APPROVED, S.OFFICER_REVIEW, S.AWAITING_SIGN_OFF, "officer")
        )
    elif rural:  # the short path: screened out, rurality proofing, then sign-off
        moves.append(
            (EventType.SCREENING_CONFIRMED_OUT, S.SCREENING_REVIEW, S.RURALITY_PROOFING, "officer")
        )
        moves.append((EventType.SECTION_EDITED, "", "", "author"))
        if state == S.RURALITY_PROOFING:
            return moves
        moves.append(
            (EventType.RURALITY_PROOFING_SUBMITTED, S.RURALITY_PROOFING, S.AWAITING_SIGN_OFF,
             "author")
        )  # fmt: skip
    else:
        moves.append(
            (EventType.SCREENING_CONFIRMED_OUT, S.SCREENING_REVIEW, S.AWAITING_SIGN_OFF, "officer")
        )
    if state == S.AWAITING_SIGN_OFF:
        return moves
    moves.append((EventType.SIGNED_OFF, S.AWAITING_SIGN_OFF, S.SIGNED_OFF, "decision_maker"))
    if state == S.SIGNED_OFF:
        return moves
    moves.append((EventType.TASK_CLAIMED, S.SIGNED_OFF, S.SIGNED_OFF, "officer"))
    moves.append((EventType.PUBLISHED, S.SIGNED_OFF, S.PUBLISHED, "officer"))
    if state == S.SUPERSEDED:
        moves.append((EventType.REVIEW_STARTED, S.PUBLISHED, S.PUBLISHED, "author"))
        moves.append((EventType.SUPERSEDED, S.PUBLISHED, S.SUPERSEDED, "officer"))
    return moves


@dataclass
class _Org:
    organisation: Organisation
    directorates: list
    people: dict  # Role -> [User]


def _organisations(count: int, rng: random.Random) -> list[_Org]:
    existing = Organisation.objects.filter(slug__startswith="scale-").count()
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Scale Council {existing + n + 1}",
                short_name=f"Scale {existing + n + 1}",
                slug=f"scale-{existing + n + 1}",
                kind=Organisation.Kind.DISTRICT_COUNCIL,
            )
            for n in range(count)
        ]
    )
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    made = []
    for org in orgs:
        directorates = Directorate.objects.bulk_create(
            [Directorate(organisation=org, name=name) for name in DIRECTORATES]
        )
        people = {}
        for role, number in PEOPLE.items():
            people[role] = User.objects.bulk_create(
                [
                    User(
                        username=f"{org.slug}.{role.value}.{n}",
                        first_name=f"{role.label.split()[0]}{n}",
                        last_name=org.short_name.replace(" ", ""),
                        job_title=role.label,
                        organisation=org,
                    )
                    for n in range(number)
                ]
            )
            User.groups.through.objects.bulk_create(
                [User.groups.through(user_id=u.pk, group_id=groups[role].pk) for u in people[role]]
            )
        made.append(_Org(org, directorates, people))
    return made


@functools.cache
def _answers_json(outcome: str, rural: bool) -> str:
    return json.dumps(screening_answers(outcome, rural=rural))


def _answers(outcome: str, rural: bool) -> dict:
    return json.loads(_answers_json(outcome, rural))


def seed(
    *, assessments: int, events: int, organisations: int = 0, seed_value: int = 2026, log=print
):
    """Write about `assessments` records and `events` audit events; returns the counts."""
    rng = random.Random(seed_value)
    organisations = organisations or max(1, min(20, assessments // 2000))
    with transaction.atomic():
        orgs = _organisations(organisations, rng)
    states = [state for state, share in MIX for _ in range(share)]
    now = timezone.now()
    today = timezone.localdate()
    items_wanted = max(1, round(assessments / (1 + REVIEWED_SHARE * 0.52)))
    total_assessments = total_events = 0
    made_items = PipelineItem.objects.filter(reference__startswith="SC-").count()
    event_budget = events
    for start in range(0, items_wanted, BATCH):
        count = min(BATCH, items_wanted - start)
        with transaction.atomic():
            trails = _batch(orgs, rng, states, count, made_items + start, now, today)
            moves = sum(len(trail) for _a, _o, trail in trails)
            per_record = max(0, (event_budget - moves) // max(1, items_wanted - start))
            written = _write(trails, rng, per_record, event_budget - moves) + moves
            event_budget -= written
            total_assessments += len(trails)
            total_events += written
        log(f"  {total_assessments} assessments, {total_events} events")
    # As after any bulk load: fresh planner statistics, or PostgreSQL plans every query for
    # the empty tables it last saw (nested loops over 1,000 rows it expects to be one).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"assessments": total_assessments, "events": total_events}


def _people(org: _Org, rng, role):
    return rng.choice(org.people[role])


def _batch(orgs, rng, states, count, offset, now, today):
    items, specs, plans = [], [], []
    for n in range(count):
        org = orgs[(offset + n) % len(orgs)]
        state = rng.choice(states)
        finished = state in (State.PUBLISHED, State.WITHDRAWN)
        days = -rng.randint(1, 6 * 365) if finished else rng.randint(-10, 365)
        if not finished and rng.random() < 0.1:
            days = rng.randint(0, 14)
        items.append(
            PipelineItem(
                organisation=org.organisation,
                directorate=rng.choice(org.directorates),
                reference=f"SC-{offset + n + 1:07d}",
                title=f"{rng.choice(TOPICS)} {offset + n + 1}",
                kind=rng.choice(PipelineItem.Kind.values),
                summary=f"{rng.choice(SUMMARIES)} (proposal {offset + n + 1}).",
                owner=_people(org, rng, Role.PROJECT_MANAGER),
                decision_body=rng.choice(["Cabinet", "Full Council", "Scrutiny Committee"]),
                decision_maker=_people(org, rng, Role.DECISION_MAKER),
                decision_date=today + datetime.timedelta(days=days),
            )
        )
        plans.append((org, state))
    items = seeding.create_items(items)
    records = []  # (spec, item, org, state, screened_in, rural, version)
    for item, (org, state) in zip(items, plans, strict=True):
        screened_in = rng.random() < 0.45
        rural = rng.random() < 0.25 if screened_in else rng.random() < 0.1
        if state == State.RURALITY_PROOFING:
            # Only a screened-out proposal's short path stops here (screened in, rurality
            # proofing is a section of the full assessment).
            screened_in, rural = False, True
        if state in (State.FULL_ASSESSMENT, State.OFFICER_REVIEW):
            screened_in = True
        reviewed = state == State.PUBLISHED and rng.random() < REVIEWED_SHARE
        versions = [State.SUPERSEDED, State.PUBLISHED] if reviewed else [state]
        for version, version_state in enumerate(versions, start=1):
            records.append((item, org, version_state, screened_in, rural, version))
    specs, meta = [], []
    for item, org, state, screened_in, rural, version in records:
        outcome = (
            ScreeningOutcome.FULL_ASSESSMENT
            if screened_in
            else rng.choice(
                [ScreeningOutcome.SCREENED_OUT] * 4
                + [ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION]
            )
        )
        decided = state not in (State.SCREENING, State.SCREENING_REVIEW, State.WITHDRAWN)
        signed = state in (State.SIGNED_OFF, State.PUBLISHED, State.SUPERSEDED)
        published = state in (State.PUBLISHED, State.SUPERSEDED)
        moment = now - datetime.timedelta(
            days=rng.randint(1, 6 * 365), minutes=rng.randint(0, 1440)
        )
        fields = {
            "organisation": org.organisation,
            "pipeline_item": item,
            "version": version,
            "author": item.owner,
            "state": state,
            "rurality_proofing_required": rural if state != State.SCREENING else None,
            "screening_outcome": outcome if decided else "",
            "screening_reasons": f"The officer agreed with the rules for {item.reference}."
            if decided
            else "",
            "mitigation_summary": "Paper forms stay available at every library."
            if decided and outcome == ScreeningOutcome.SCREENED_OUT_WITH_MITIGATION
            else "",
            "withdrawal_reason": "The proposal was dropped." if state == State.WITHDRAWN else "",
            "signed_off_by": item.decision_maker if signed else None,
            "signed_off_at": moment if signed else None,
            "published_at": moment if published else None,
            "review_date": (moment + datetime.timedelta(days=365)).date() if published else None,
        }
        specs.append(
            seeding.Spec(
                fields=fields,
                answers=_answers(outcome, rural),
                words=f"{item.reference} v{version}",
            )
        )
        meta.append((org, state, screened_in, rural))
    made = seeding.create_assessments(specs)
    # A review's version 2 points at the version 1 it reviews.
    for first, second in zip(made, made[1:], strict=False):
        if first.pipeline_item_id == second.pipeline_item_id:
            second.previous = first
    from_first = [a for a in made if a.previous_id]
    type(made[0]).objects.bulk_update(from_first, ["previous"]) if from_first else None
    signers = {u.pk: u for org in orgs for u in org.people[Role.DECISION_MAKER]}
    seeding.freeze_sign_offs([a for a in made if a.signed_off_by_id], signers)
    _processes(made, meta, rng)
    trails = [
        (assessment, org, _trail(assessment, org, state, screened_in, rural, rng))
        for assessment, (org, state, screened_in, rural) in zip(made, meta, strict=True)
    ]
    return trails


def _processes(made, meta, rng) -> None:
    flow = AssessmentFlow
    parents = Process.objects.bulk_create(
        [
            Process(
                flow_class=flow,
                status=PROCESS.DONE
                if state in (State.PUBLISHED, State.SUPERSEDED)
                else PROCESS.CANCELED
                if state == State.WITHDRAWN
                else PROCESS.NEW,
            )
            for state in (m[1] for m in meta)
        ]
    )
    table = AssessmentProcess._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (process_ptr_id, assessment_id) VALUES (%s, %s)",  # noqa: S608
            [(p.pk, a.pk) for p, a in zip(parents, made, strict=True)],
        )
    tasks = []
    for parent, assessment, (org, state, *_rest) in zip(parents, made, meta, strict=True):
        tasks.append(
            Task(process=parent, flow_task=flow.start, flow_task_type="START", status=STATUS.DONE)
        )
        stage = stage_of(state)
        if not stage.has_task:
            continue
        owner, status = None, STATUS.NEW
        if stage.holder is Holder.AUTHOR:
            owner, status = assessment.author, STATUS.ASSIGNED
        elif stage.holder is Holder.DECISION_MAKER:
            owner, status = assessment.pipeline_item.decision_maker, STATUS.ASSIGNED
        elif rng.random() < 0.4:
            owner, status = _people(org, rng, Role.EQUALITY_OFFICER), STATUS.ASSIGNED
        tasks.append(
            Task(
                process=parent,
                flow_task=flow.instance.node(stage.node),
                flow_task_type="HUMAN",
                status=status,
                owner=owner,
                assigned=timezone.now() if owner else None,
            )
        )
    Task.objects.bulk_create(tasks, batch_size=1000)


def _actor(kind, assessment, org, rng):
    if kind == "author":
        return assessment.author
    if kind == "decision_maker":
        return assessment.pipeline_item.decision_maker
    return _people(org, rng, Role.EQUALITY_OFFICER)


def _trail(assessment, org, state, screened_in, rural, rng) -> list[audit.Entry]:
    """The moves that lead to the record's state."""
    details = {"section": "impacts", "record": "impact:disability", "changed": ["who_affected"]}
    return [
        audit.Entry(
            event_type,
            _actor(who, assessment, org, rng),
            from_state,
            to_state,
            details=details if event_type == EventType.SECTION_EDITED else None,
        )
        for event_type, from_state, to_state, who in _path(state, screened_in, rural)
    ]


def _write(trails, rng, per_record, budget) -> int:
    """Each record's trail, padded with edits and comments up to the requested number of
    events (one record in a hundred gets a long, contested trail), sealed by
    eia.audit.record_trails; returns the padding written."""
    written, sealed = 0, []
    for index, (assessment, org, trail) in enumerate(trails):
        extra = per_record * 25 if index % 100 == 0 else per_record
        extra = max(0, min(extra, budget - written))
        sealed.append((assessment, trail + _padding(assessment, org, rng, extra)))
        written += extra
    audit.record_trails(sealed)
    return written


def _padding(assessment, org, rng, extra) -> list[audit.Entry]:
    """Edits and comments (never a change of state)."""
    edit = {"section": "evidence", "record": "evidence", "changed": ["shows"]}
    reference = assessment.pipeline_item.reference
    return [
        audit.Entry(EventType.COMMENT_ADDED, _people(org, rng, Role.EQUALITY_OFFICER),
                    comment=f"Comment {number} on {reference}")
        if number % 3 == 0
        else audit.Entry(EventType.SECTION_EDITED, assessment.author, details=edit)
        for number in range(extra)
    ]  # fmt: skip


TOPICS = [
    "Library opening hours review",
    "Household waste collection change",
    "Adult social care charging policy",
    "Parking permit prices",
    "Leisure centre closure",
    "School transport eligibility",
    "Council tax support scheme",
    "Youth service redesign",
    "Bus subsidy reduction",
    "Digital-first customer contact",
    "Street lighting dimming",
    "Care home commissioning",
    "Gwasanaeth llyfrgell symudol",
    "Cynllun trafnidiaeth gymunedol",
]
SUMMARIES = [
    "Changes how residents reach the service and who is eligible",
    "Reduces the budget and changes opening hours at several sites",
    "Moves the service online with an assisted route for those who need it",
    "Newid sut mae trigolion yn cyrraedd y gwasanaeth",
]
