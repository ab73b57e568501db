"""The viewflow process that mirrors the assessment's state machine, built from the stage table.

Every stage with a task is a View node named after its state, whose holder comes from
workflows.stages. After any task completes, `route` activates the node for the assessment's new
state, so the active task is derived from the record's state rather than maintained beside it.
Withdrawal cancels the process. Node names are stored in the database: renaming one orphans
running tasks, so a rename needs a data migration (see workflows/migrations/0002_node_names.py).
"""

from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import STATUS

from eia.models import State

from .models import AssessmentProcess
from .stages import TASK_STAGES, Holder, Stage

# A task still waiting to be done (the one active task of a live process is one of these).
ACTIVE_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def _in_state(state):
    return lambda activation: activation.process.assessment.state == state


def _author(activation):
    return activation.process.assessment.author


def _decision_maker(activation):
    return activation.process.assessment.pipeline_item.decision_maker


def _human(stage: Stage):
    """A user task for one stage; our own views act on it, viewflow's frontend is not used."""
    node = flow.View(None).Annotation(title=stage.task_title).Next(this.route)
    if stage.holder is Holder.AUTHOR:
        node.Assign(_author)
    elif stage.holder is Holder.DECISION_MAKER:
        node.Assign(_decision_maker)
    return node


def _router():
    """After every task: go to the node of the stage the assessment is now in."""
    switch = flow.Switch()
    for stage in TASK_STAGES:
        switch.Case(getattr(this, stage.node), _in_state(stage.state))
    return switch.Case(this.end, _in_state(State.PUBLISHED))


class AssessmentFlow(flow.Flow):
    process_class = AssessmentProcess
    # viewflow's default is no lock: two simultaneous submits of one task both succeeded.
    # Its ready-made select_for_update_lock uses NOWAIT and catches the lock error inside its
    # own savepoint, which leaves PostgreSQL's transaction aborted when the lock is taken inside
    # ours (tests/integration/test_concurrency.py caught it). Blocking until the other writer
    # commits is correct here: the lock order is always process, then assessment.
    lock_impl = lock.SelectForUpdateLock(nowait=False)
    process_title = "Equality impact assessment"

    start = flow.StartHandle(this.start_process).Next(this.route)

    route = _router()

    # One node per stage with a task, named after its state (a class body's namespace is a
    # plain dict, so this is how viewflow's metaclass sees them as ordinary attributes).
    for _stage in TASK_STAGES:
        vars()[_stage.node] = _human(_stage)
    del _stage

    end = flow.End()

    def start_process(self, activation, *, assessment):
        activation.process.assessment = assessment
        return activation.process
