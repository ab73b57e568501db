"""Reads for the task pages. Query counts do not grow with the number of tasks: each list is one
query with its joins, and permissions are decided from facts fetched in that query (roles once
per request, co-authorship and authorship as subqueries), never per row. Whether a decision
close to its date has a signed-off assessment is fetched the same way (an EXISTS in that query)
and judged by the decision calendar's rule (workflows.selectors.calendar).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Cast
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from eia.authorization import CONTRIBUTE, Permission, has_permission
from eia.models import Assessment, Authorship
from eia.models.organisations import DEFAULT_AGENDA_DEADLINE

from .. import duties, returns
from ..flows import ACTIVE_TASK_STATUSES, AssessmentFlow
from ..models import AssessmentProcess
from ..stages import AUTHOR_NODES, OFFICER_NODES, TASK_STAGES, DueFrom, Stage, task_stage
from .calendar import SIGNED_OFF_STATES, flag_text, working_days_left


def _nodes(names):
    return [AssessmentFlow.instance.node(name) for name in names]


@dataclass(frozen=True)
class TaskRow:
    task: Task
    assessment: Assessment
    stage: Stage
    due: datetime.date
    overdue: bool
    # Working days left before the decision when it is 10 or fewer (zero or negative once the
    # date has come or gone) and no version of the assessment is signed off; else None.
    decision_soon: int | None = None
    decision_flag: str = ""
    returned: bool = False  # back with its authors because an officer returned it

    @property
    def decision_date(self) -> datetime.date:
        return self.assessment.pipeline_item.decision_date


def _decision_signed_off(task: Task, assessment: Assessment) -> bool:
    annotated = getattr(task, "decision_signed_off", None)
    if annotated is not None:
        return annotated
    # Not from a task list: a review's previous version is always a published one.
    return assessment.state in SIGNED_OFF_STATES or assessment.previous_id is not None


def row_for(task: Task, assessment: Assessment, *, today: datetime.date | None = None) -> TaskRow:
    today = today or timezone.localdate()
    stage = task_stage(task)
    item = assessment.pipeline_item
    nation = assessment.organisation.nation
    due = stage.due_date(
        created=timezone.localtime(task.created).date(),
        decision_date=item.decision_date,
        nation=nation,
        agenda_days=assessment.organisation.agenda_deadline_days,
    )
    soon, flag = None, ""
    if not _decision_signed_off(task, assessment):
        soon = working_days_left(item.decision_date, today=today, nation=nation)
    if soon is not None:
        flag = flag_text(days=soon, decision_date=item.decision_date, today=today)
    returned = returns.was_returned(getattr(task, "last_move", None))
    return TaskRow(task, assessment, stage, due, due < today, soon, flag, returned)


def rows_of(tasks, *, today: datetime.date | None = None) -> list[TaskRow]:
    """Rows for tasks in the order given (the lists below are ordered by due date)."""
    today = today or timezone.localdate()
    return [row_for(task, task.process.assessmentprocess.assessment, today=today) for task in tasks]


def _due_order():
    """Roughly the due date, in SQL, so a list is ordered and paged in the database: a stage's
    working days count as calendar days at 7 for every 5. The date each row shows is exact
    (bank holidays and all), so two tasks due within a day or two of each other around a bank
    holiday may be listed either way round."""
    decision = "process__assessmentprocess__assessment__pipeline_item__decision_date"
    cases = []
    for stage in TASK_STAGES:
        working_days = stage.due.working_days
        if stage.due.start is DueFrom.AGENDA:  # the default deadline: orders, never shown
            working_days += DEFAULT_AGENDA_DEADLINE + 1
        days = datetime.timedelta(days=round(working_days * 7 / 5))
        if stage.due.start in (DueFrom.DECISION, DueFrom.AGENDA):
            when = Cast(F(decision) - days, DateField())
        else:
            when = Cast(F("created") + days, DateField())
        cases.append(When(flow_task=AssessmentFlow.instance.node(stage.node), then=when))
    return Case(*cases, default=Cast(F("created"), DateField()), output_field=DateField())


def _ordered(tasks):
    return tasks.alias(due_order=_due_order()).order_by("due_order", "pk")


def _rows(tasks, *, today: datetime.date | None = None) -> list[TaskRow]:
    return rows_of(_ordered(tasks), today=today)


TASK_NODES = tuple(stage.node for stage in TASK_STAGES)


def _base(user, statuses=ACTIVE_TASK_STATUSES, nodes=TASK_NODES, processes=None):
    """The organisation's active human tasks at `nodes`. Found through its assessments in
    those states, said twice on purpose: as a join on the assessment's organisation and state
    and as the list of their processes (_processes_in), so a list costs the work in hand, never
    the organisation's history or another organisation's tasks. One status predicate:
    `status IN (...) AND status = 'NEW'` made PostgreSQL multiply the two selectivities and
    expect a hundred times fewer queue rows than it found. `processes`, when given, is a
    narrower list of candidates than the work in hand. The task's owner is fetched for the
    page, not joined: PostgreSQL, expecting one row, read every user for each task in the
    queue (174,300 rows read for 415 tasks at 100,000 assessments)."""
    signed_off = Assessment.objects.filter(
        pipeline_item_id=OuterRef("process__assessmentprocess__assessment__pipeline_item_id"),
        state__in=SIGNED_OFF_STATES,
    )
    return (
        Task.objects.filter(
            status__in=statuses,
            flow_task_type="HUMAN",
            flow_task__in=_nodes(nodes),
            process__assessmentprocess__assessment__organisation_id=user.organisation_id,
            process__assessmentprocess__assessment__state__in=nodes,
            process_id__in=(
                _processes_in(user.organisation_id, nodes) if processes is None else processes
            ),
        )
        .select_related(
            "process__assessmentprocess__assessment__pipeline_item",
            "process__assessmentprocess__assessment__organisation",
        )
        .prefetch_related("owner")
        .annotate(
            decision_signed_off=Exists(signed_off),
            last_move=returns.last_move_type(OuterRef("process__assessmentprocess__assessment_id")),
        )
    )


def _co_authored(user):
    """Assessments the user may edit (author or co-author): guardian's object permission.
    It is only ever granted to people (eia.services.authorship), never to groups; reading
    groups' permissions too cast every assessment id to text, a scan of the table per queue."""
    return get_objects_for_user(
        user, CONTRIBUTE, klass=Assessment, use_groups=False, accept_global_perms=False
    ).values("pk")


def tasks_for(*, user, today: datetime.date | None = None) -> list[TaskRow]:
    """Tasks assigned to the user, plus author tasks of assessments they co-author."""
    return rows_of(your_tasks(user=user), today=today)


def your_tasks(*, user):
    """The tasks of tasks_for, soonest due first, as a queryset to page through."""
    if not user.is_authenticated or user.organisation_id is None:
        return Task.objects.none()
    # The candidates are the person's own: the processes of the tasks they hold and of the
    # assessments they co-author, each found by its own index, never the organisation's work
    # in hand (2,026 processes at 100,000 assessments, 43 ms to list).
    held = Task.objects.filter(owner=user, status__in=ACTIVE_TASK_STATUSES).values_list(
        "process_id", flat=True
    )
    co_authored = AssessmentProcess.objects.filter(assessment_id__in=_co_authored(user))
    candidates = {*held, *co_authored.order_by().values_list("pk", flat=True)}
    tasks = _base(user, processes=sorted(candidates)).filter(
        Q(owner=user)
        | Q(
            flow_task__in=_nodes(AUTHOR_NODES),
            process__assessmentprocess__assessment_id__in=_co_authored(user),
        )
    )
    return _ordered(tasks)


def _own_work(user):
    """Tasks on proposals the user has ever written or co-authored (any version)."""
    authored_items = Authorship.objects.filter(user=user).values("pipeline_item_id")
    return Q(process__assessmentprocess__assessment_id__in=_co_authored(user)) | Q(
        process__assessmentprocess__assessment__pipeline_item_id__in=authored_items
    )


def team_queue(*, user, today: datetime.date | None = None) -> list[TaskRow]:
    """Unclaimed equality-team tasks the user may claim (never on their own assessments)."""
    return rows_of(queue_tasks(user=user), today=today)


def queue_tasks(*, user):
    """The tasks of team_queue, soonest due first, as a queryset to page through."""
    if not has_permission(user, Permission.REVIEW_ASSESSMENT, organisation_id=user.organisation_id):
        return Task.objects.none()
    tasks = (
        _base(user, statuses=[STATUS.NEW], nodes=OFFICER_NODES)
        .filter(owner__isnull=True)
        .exclude(_own_work(user))
        .exclude(_duty_conflicts(user))
    )
    return _ordered(tasks)


# The work in hand is sent to the database as a list of process ids up to this many; past it,
# as a subquery.
PROCESS_LIST_AT_MOST = 5000


def _processes_in(organisation_id: int, states) -> list[int] | QuerySet:
    """The processes of the organisation's assessments in `states` (node names are state
    values): the size of its work in hand, found by the (organisation, state) index, so the
    task table is searched by process rather than through every organisation's tasks or all
    of this one's assessments ever. Fetched first as a list of ids: as a subquery, PostgreSQL
    started from every organisation's tasks of those stages instead (9,108 probed for 415
    found at 100,000 assessments: the queue's SQL 58 -> 14 ms), since it cannot tell that
    status, stage and owner go together. Unordered: viewflow's default order would join its
    process table."""
    processes = (
        AssessmentProcess.objects.filter(
            assessment__organisation_id=organisation_id, assessment__state__in=states
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    found = list(processes[: PROCESS_LIST_AT_MOST + 1])
    return found if len(found) <= PROCESS_LIST_AT_MOST else processes


def _duty_conflicts(user):
    """Tasks whose duty the user may not take on that version: the officer who approved it is
    not offered its publication (workflows.duties)."""
    conflicts = Q(pk__in=[])
    allowed = duties.allowed_pairs(user.organisation_id)
    for state, duty in duties.DUTY_OF_STATE.items():
        conflicts |= Q(
            flow_task=AssessmentFlow.instance.node(state.value),
            process__assessmentprocess__assessment_id__in=duties.conflicting_versions(
                user, duty, allowed
            ),
        )
    return conflicts


def claimed_by_colleagues(*, user, today: datetime.date | None = None) -> list[TaskRow]:
    """For the equality lead: queue tasks other officers hold, to release or reassign."""
    if not has_permission(user, Permission.REASSIGN_TASK, organisation_id=user.organisation_id):
        return []
    tasks = _base(user, nodes=OFFICER_NODES).filter(owner__isnull=False).exclude(owner=user)
    return _rows(tasks, today=today)
