"""Who may do what to one assessment. Pure questions: no writes, no queries beyond the facts.

Role grants and the object permissions (author and co-authors, the named decision-maker, both
django-guardian permissions) come from eia.authorization; this module adds who holds the active
task and segregation of duties (workflows.duties): anyone who has ever written part of a
proposal's assessment (eia.models.Authorship) never confirms, approves, signs off or publishes
any version of it, whatever roles they hold, and whoever approved, signed off or published one
version holds no other of those duties on it, unless the organisation's written policy allows
that pair (a confirmed eia.models.DutyException).
"""

from eia.authorization import (
    Permission,
    can_edit,
    has_authored,
    has_permission,
    is_author,
    is_named_decision_maker,
)
from eia.models import WITHDRAWABLE_STATES, Assessment, State

from . import duties
from .stages import TASK_STAGE_BY_NODE, Holder, Stage, task_stage


def _officer_may_act(user, assessment: Assessment, stage: Stage) -> bool:
    return has_permission(
        user, stage.permission, organisation_id=assessment.organisation_id
    ) and duties.may_take(user, assessment, duties.DUTY_OF_STATE[stage.state])


def can_claim(user, assessment: Assessment, task) -> bool:
    stage = task_stage(task)
    return (
        stage is not None
        and stage.holder is Holder.OFFICERS
        and task.owner_id is None
        and _officer_may_act(user, assessment, stage)
    )


def can_release(user, assessment: Assessment, task) -> bool:
    stage = task_stage(task)
    return (
        stage is not None
        and stage.holder is Holder.OFFICERS
        and task.owner_id is not None
        and (task.owner_id == user.pk or can_reassign(user, assessment))
    )


def can_reassign(user, assessment: Assessment) -> bool:
    """The equality lead, unless they wrote it: choosing your own reviewer is not independent."""
    return has_permission(
        user, Permission.REASSIGN_TASK, organisation_id=assessment.organisation_id
    ) and not has_authored(user, assessment)


def may_hold(user, assessment: Assessment, node_name: str) -> bool:
    """Could this user be given the task of this stage (for claim or reassignment)?"""
    stage = TASK_STAGE_BY_NODE[node_name]
    holder = stage.holder
    if holder is Holder.AUTHOR:
        return is_author(user, assessment) and has_permission(
            user, Permission.AUTHOR_ASSESSMENT, organisation_id=assessment.organisation_id
        )
    if holder is Holder.OFFICERS:
        return _officer_may_act(user, assessment, stage)
    # Only the decision-maker named on the pipeline item now: if the lead names someone else,
    # the person named before can no longer sign.
    return is_named_decision_maker(user, assessment) and _officer_may_act(user, assessment, stage)


def can_do_task(user, assessment: Assessment, task) -> bool:
    """May this user complete this (active) task now?"""
    stage = task_stage(task)
    if stage is None or stage.state != assessment.state:
        return False
    if stage.holder is Holder.AUTHOR:
        return can_edit(user, assessment)
    if stage.holder is Holder.OFFICERS:
        # An unclaimed queue task is claimed by whoever acts on it; a claimed one is the claimant's.
        return may_hold(user, assessment, stage.node) and task.owner_id in (None, user.pk)
    return task.owner_id == user.pk and may_hold(user, assessment, stage.node)


def can_withdraw(user, assessment: Assessment) -> bool:
    if assessment.state not in WITHDRAWABLE_STATES:
        return False
    if has_permission(
        user, Permission.LEAD_ASSESSMENTS, organisation_id=assessment.organisation_id
    ):
        return True
    return is_author(user, assessment) and has_permission(
        user, Permission.WITHDRAW_ASSESSMENT, organisation_id=assessment.organisation_id
    )


def can_start_review(user, assessment: Assessment) -> bool:
    if assessment.state != State.PUBLISHED:
        return False
    org = assessment.organisation_id
    return has_permission(user, Permission.REVIEW_ASSESSMENT, organisation_id=org) or (
        has_permission(user, Permission.START_ASSESSMENT, organisation_id=org)
        and (is_author(user, assessment) or user.pk == assessment.pipeline_item.owner_id)
    )


def can_start(user, pipeline_item) -> bool:
    org = pipeline_item.organisation_id
    if not has_permission(user, Permission.START_ASSESSMENT, organisation_id=org):
        return False
    return user.pk == pipeline_item.owner_id or has_permission(
        user, Permission.LEAD_ASSESSMENTS, organisation_id=org
    )


def why_not(user, assessment: Assessment, task) -> str:
    stage = task_stage(task)
    if stage.holder is Holder.AUTHOR:
        return "Only the author or a co-author of this assessment can do this."
    conflict = duties.refused(user, assessment, duties.DUTY_OF_STATE[stage.state])
    if conflict is not None and conflict.held is duties.Duty.AUTHOR:
        return (
            "You are an author of this assessment, so you cannot review, sign off or publish "
            "it. Another equality officer or the named decision-maker must do this."
        )
    if conflict is not None:
        return conflict.refusal()
    if stage.holder is Holder.DECISION_MAKER:
        return "Only the named decision-maker for this proposal can sign it off."
    if task.owner_id not in (None, user.pk):
        return f"{task.owner.display_name} has claimed this task. Ask them or the equality lead."
    return "Only an equality officer can do this."
