"""Reads for the task pages and the assessment page. Query counts do not grow with the number of
tasks: each list is one query with its joins, and permissions are decided from facts fetched in
that query (roles once per request, co-authorship as a subquery), never per row.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from eia.authorization import Permission, has_permission
from eia.models import Assessment, AssessmentUserObjectPermission

from .flows import AssessmentFlow
from .rules import CONTRIBUTE
from .stages import AUTHOR_NODES, OFFICER_NODES, STAGE_BY_NODE, Stage

ACTIVE = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def _nodes(names):
    return [AssessmentFlow.instance.node(name) for name in names]


@dataclass(frozen=True)
class TaskRow:
    task: Task
    assessment: Assessment
    stage: Stage
    due: datetime.date
    overdue: bool

    @property
    def decision_date(self) -> datetime.date:
        return self.assessment.pipeline_item.decision_date


def row_for(task: Task, assessment: Assessment) -> TaskRow:
    stage = STAGE_BY_NODE[task.flow_task.name]
    due = stage.due_date(
        created=timezone.localtime(task.created).date(),
        decision_date=assessment.pipeline_item.decision_date,
        nation=assessment.organisation.nation,
    )
    return TaskRow(task, assessment, stage, due, due < timezone.localdate())


def _rows(tasks) -> list[TaskRow]:
    rows = [row_for(task, task.process.assessmentprocess.assessment) for task in tasks]
    rows.sort(key=lambda row: (row.due, row.task.pk))
    return rows


def _base(user):
    return Task.objects.filter(
        status__in=ACTIVE,
        flow_task_type="HUMAN",
        process__assessmentprocess__assessment__organisation_id=user.organisation_id,
    ).select_related(
        "owner",
        "process__assessmentprocess__assessment__pipeline_item",
        "process__assessmentprocess__assessment__organisation",
    )


def _co_authored(user):
    return AssessmentUserObjectPermission.objects.filter(
        user=user, permission__codename=CONTRIBUTE
    ).values("content_object_id")


def tasks_for(*, user) -> list[TaskRow]:
    """Tasks assigned to the user, plus author tasks of assessments they co-author."""
    if not user.is_authenticated or user.organisation_id is None:
        return []
    tasks = _base(user).filter(
        Q(owner=user)
        | Q(
            flow_task__in=_nodes(AUTHOR_NODES),
            process__assessmentprocess__assessment_id__in=_co_authored(user),
        )
    )
    return _rows(tasks)


def _own_work(user):
    return Q(process__assessmentprocess__assessment__author=user) | Q(
        process__assessmentprocess__assessment_id__in=_co_authored(user)
    )


def team_queue(*, user) -> list[TaskRow]:
    """Unclaimed equality-team tasks the user may claim (never on their own assessments)."""
    if not has_permission(user, Permission.REVIEW_ASSESSMENT, organisation_id=user.organisation_id):
        return []
    tasks = (
        _base(user)
        .filter(status=STATUS.NEW, owner__isnull=True, flow_task__in=_nodes(OFFICER_NODES))
        .exclude(_own_work(user))
    )
    return _rows(tasks)


def claimed_by_colleagues(*, user) -> list[TaskRow]:
    """For the equality lead: queue tasks other officers hold, to release or reassign."""
    if not has_permission(user, Permission.REASSIGN_TASK, organisation_id=user.organisation_id):
        return []
    tasks = (
        _base(user)
        .filter(owner__isnull=False, flow_task__in=_nodes(OFFICER_NODES))
        .exclude(owner=user)
    )
    return _rows(tasks)


def assessment_for(*, user, pk: int) -> Assessment | None:
    return (
        Assessment.objects.visible_to(user)
        .select_related(
            "pipeline_item__directorate",
            "pipeline_item__decision_maker",
            "author",
            "organisation",
            "process",
            "signed_off_by",
        )  # fmt: skip
        .filter(pk=pk)
        .first()
    )


def co_authors(assessment: Assessment):
    from eia.models import User

    return User.objects.filter(
        assessmentuserobjectpermission__content_object=assessment,
        assessmentuserobjectpermission__permission__codename=CONTRIBUTE,
    ).distinct()


def history(assessment: Assessment):
    """Every version of the same pipeline item, newest first."""
    return Assessment.objects.filter(pipeline_item_id=assessment.pipeline_item_id).order_by(
        "-version"
    )
