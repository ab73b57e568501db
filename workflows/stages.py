"""The one stage table: everything the process knows about each state of the record.

`eia.models.State` and the transitions on `eia.models.Assessment` are the state machine. This
table says, per state, who holds the task (if anyone), what the task is called, when it falls
due, which page its holder acts on, what that page's button says, and the colour of the state's
tag. The viewflow flow (workflows.flows), task lists, notifications, the assessment page's task
list and the state tags are all derived from it. Node names equal state values.

Adding a stage: add the state and its transitions to eia/models/assessment.py, add a row here,
and write the page named in `page`. tests/unit/workflows/test_stages.py checks that every state
has exactly one row and that the flow, tags and pages are derived from the table.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from eia.authorization import Permission
from eia.calendar import add_working_days, agenda_deadline
from eia.models import State
from eia.models.organisations import DEFAULT_AGENDA_DEADLINE


class Holder(StrEnum):
    AUTHOR = "author"  # the author (co-authors may act too)
    OFFICERS = "officers"  # the organisation's equality-officer queue: claim, release
    DECISION_MAKER = "decision_maker"  # the pipeline item's named decision-maker


class DueFrom(StrEnum):
    DECISION = "decision"  # working days before the decision date
    # the organisation's agenda deadline (its clear working days before the meeting), less
    # `working_days` more
    AGENDA = "agenda"
    CREATED = "created"  # working days after the task was created


@dataclass(frozen=True)
class Due:
    start: DueFrom
    working_days: int

    def date(
        self,
        *,
        created: datetime.date,
        decision_date: datetime.date,
        nation: str,
        agenda_days: int = DEFAULT_AGENDA_DEADLINE,
    ) -> datetime.date:
        if self.start is DueFrom.AGENDA:
            deadline = agenda_deadline(decision_date, agenda_days, nation)
            return add_working_days(deadline, -self.working_days, nation)
        if self.start is DueFrom.DECISION:
            return add_working_days(decision_date, -self.working_days, nation)
        return add_working_days(created, self.working_days, nation)


@dataclass(frozen=True)
class Stage:
    state: State
    colour: str  # GOV.UK tag colour of the state
    step: str = ""  # its row on the assessment's task list ("" when sections stand for it)
    holder: Holder | None = None  # None: nobody holds a task in this state
    permission: Permission | None = None  # the role permission the holder needs
    task_title: str = ""
    due: Due | None = None
    page: str = ""  # URL name of the page the holder acts on
    action: str = ""  # what that page's link or button says

    @property
    def node(self) -> str:
        """The viewflow node of this stage: its name is the state's value."""
        return self.state.value

    @property
    def label(self) -> str:
        return self.state.label

    @property
    def has_task(self) -> bool:
        return self.holder is not None

    def due_date(
        self,
        *,
        created: datetime.date,
        decision_date: datetime.date,
        nation: str,
        agenda_days: int = DEFAULT_AGENDA_DEADLINE,
    ) -> datetime.date:
        assert self.due is not None, f"{self.state} has no task"
        return self.due.date(
            created=created, decision_date=decision_date, nation=nation, agenda_days=agenda_days
        )


STAGES = (
    Stage(State.SCREENING, "blue", step="Screening", holder=Holder.AUTHOR,
          permission=Permission.AUTHOR_ASSESSMENT, task_title="Complete the screening",
          due=Due(DueFrom.DECISION, 30), page="workflows:submit",
          action="Submit the screening for review"),
    Stage(State.SCREENING_REVIEW, "purple", holder=Holder.OFFICERS,
          permission=Permission.REVIEW_ASSESSMENT, task_title="Review the screening",
          due=Due(DueFrom.CREATED, 5), page="workflows:review_screening",
          action="Review the screening"),
    Stage(State.FULL_ASSESSMENT, "blue", holder=Holder.AUTHOR,
          permission=Permission.AUTHOR_ASSESSMENT, task_title="Complete the full assessment",
          due=Due(DueFrom.DECISION, 15), page="workflows:submit",
          action="Submit the full assessment"),
    Stage(State.RURALITY_PROOFING, "blue", holder=Holder.AUTHOR,
          permission=Permission.AUTHOR_ASSESSMENT, task_title="Complete the rurality proofing",
          due=Due(DueFrom.DECISION, 12), page="workflows:submit",
          action="Submit the rurality proofing"),
    Stage(State.OFFICER_REVIEW, "purple", step="Equality officer review",
          holder=Holder.OFFICERS, permission=Permission.REVIEW_ASSESSMENT,
          task_title="Review the full assessment", due=Due(DueFrom.CREATED, 5),
          page="workflows:review_assessment", action="Review the assessment"),
    Stage(State.AWAITING_SIGN_OFF, "orange", step="Decision-maker sign-off",
          holder=Holder.DECISION_MAKER, permission=Permission.SIGN_OFF_ASSESSMENT,
          task_title="Read the impacts and sign off", due=Due(DueFrom.AGENDA, 0),
          page="workflows:sign_off", action="Read the impacts and sign off"),
    Stage(State.SIGNED_OFF, "turquoise", step="Publication", holder=Holder.OFFICERS,
          permission=Permission.PUBLISH_ASSESSMENT, task_title="Publish the assessment",
          due=Due(DueFrom.CREATED, 5), page="workflows:publish",
          action="Publish the assessment"),
    Stage(State.PUBLISHED, "green"),
    Stage(State.WITHDRAWN, "grey"),
    Stage(State.SUPERSEDED, "grey"),
)  # fmt: skip

STAGE_BY_STATE: dict[str, Stage] = {stage.state: stage for stage in STAGES}
TASK_STAGES = tuple(stage for stage in STAGES if stage.has_task)
TASK_STAGE_BY_NODE: dict[str, Stage] = {stage.node: stage for stage in TASK_STAGES}
OFFICER_NODES = tuple(stage.node for stage in TASK_STAGES if stage.holder is Holder.OFFICERS)
AUTHOR_NODES = tuple(stage.node for stage in TASK_STAGES if stage.holder is Holder.AUTHOR)


def stage_of(state: str) -> Stage:
    return STAGE_BY_STATE[state]


def task_stage(task) -> Stage | None:
    """The stage a viewflow task belongs to (None for a node that is not a human task)."""
    return TASK_STAGE_BY_NODE.get(task.flow_task.name)
