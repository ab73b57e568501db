"""Who holds the assessment at each stage, and by when they should act.

One row per state that has a human task. workflows.flows builds its viewflow nodes from this
table and tests/integration/test_lifecycle.py checks that the active task always matches it.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from eia.calendar import add_working_days
from eia.models import State


class Holder(StrEnum):
    AUTHOR = "author"  # the author (co-authors may act too)
    OFFICERS = "officers"  # the organisation's equality-officer queue: claim, release
    DECISION_MAKER = "decision_maker"  # the pipeline item's named decision-maker


class DueFrom(StrEnum):
    DECISION = "decision"  # working days before the decision date
    CREATED = "created"  # working days after the task was created


@dataclass(frozen=True)
class Stage:
    state: State
    node: str
    holder: Holder
    task_title: str
    due_from: DueFrom
    working_days: int

    def due_date(
        self, *, created: datetime.date, decision_date: datetime.date, nation: str
    ) -> datetime.date:
        if self.due_from is DueFrom.DECISION:
            return add_working_days(decision_date, -self.working_days, nation)
        return add_working_days(created, self.working_days, nation)


STAGES = (
    Stage(State.SCREENING, "screening", Holder.AUTHOR, "Complete the screening",
          DueFrom.DECISION, 30),
    Stage(State.SCREENING_REVIEW, "screening_review", Holder.OFFICERS, "Review the screening",
          DueFrom.CREATED, 5),
    Stage(State.FULL_ASSESSMENT, "full_assessment", Holder.AUTHOR,
          "Complete the full assessment", DueFrom.DECISION, 15),
    Stage(State.RURALITY_PROOFING, "rurality_proofing", Holder.AUTHOR,
          "Complete the rurality proofing", DueFrom.DECISION, 12),
    Stage(State.OFFICER_REVIEW, "officer_review", Holder.OFFICERS,
          "Review the full assessment", DueFrom.CREATED, 5),
    Stage(State.AWAITING_SIGN_OFF, "sign_off", Holder.DECISION_MAKER,
          "Read the impacts and sign off", DueFrom.DECISION, 1),
    Stage(State.SIGNED_OFF, "publication", Holder.OFFICERS, "Publish the assessment",
          DueFrom.CREATED, 5),
)  # fmt: skip

STAGE_BY_STATE = {stage.state: stage for stage in STAGES}
STAGE_BY_NODE = {stage.node: stage for stage in STAGES}
OFFICER_NODES = tuple(stage.node for stage in STAGES if stage.holder is Holder.OFFICERS)
AUTHOR_NODES = tuple(stage.node for stage in STAGES if stage.holder is Holder.AUTHOR)
