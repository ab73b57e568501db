"""Who may do what to one assessment. Pure questions: no writes, no queries beyond the facts.

Role grants come from eia.authorization; this module adds the object-level facts: who authored
the assessment (author and co-authors, the latter held as guardian object permissions), who is
its named decision-maker, who holds its active task. Segregation of duties lives here: an author
or co-author never confirms, approves, signs off or publishes their own assessment, whatever
roles they hold.
"""

from enum import StrEnum

from django.db.models import Q
from guardian.shortcuts import get_perms

from eia.authorization import Permission, has_permission, same_organisation
from eia.events import EventType
from eia.models import AUTHOR_STATES, WITHDRAWABLE_STATES, Assessment, AuditEvent, State

from .stages import STAGE_BY_NODE, Holder

CONTRIBUTE = "contribute_to_assessment"


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    CLAIM = "claim"
    RELEASE = "release"
    REASSIGN = "reassign"
    REVIEW_SCREENING = "review_screening"
    REVIEW_ASSESSMENT = "review_assessment"
    SIGN_OFF = "sign_off"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    START_REVIEW = "start_review"
    COMMENT = "comment"


def can_view(user, assessment: Assessment) -> bool:
    return has_permission(user, Permission.VIEW_RECORDS, organisation_id=assessment.organisation_id)


def is_author(user, assessment: Assessment) -> bool:
    """The author or a co-author (a guardian object permission on this assessment)."""
    if not same_organisation(user, assessment.organisation_id):
        return False
    if user.pk == assessment.author_id:
        return True
    return CONTRIBUTE in get_perms(user, assessment)


# What makes someone an author for segregation of duties, read from the audit trail so that it
# survives being removed as a co-author or a new version being started.
AUTHORING_EVENTS = (
    EventType.SECTION_EDITED,
    EventType.SCREENING_SUBMITTED,
    EventType.FULL_ASSESSMENT_SUBMITTED,
    EventType.RURALITY_PROOFING_SUBMITTED,
)


def authored_q(user_id) -> Q:
    """Audit events showing `user_id` wrote part of an assessment or was made a co-author."""
    return Q(actor_id=user_id, event_type__in=AUTHORING_EVENTS) | Q(
        event_type=EventType.CO_AUTHOR_ADDED, details__user_id=user_id
    )


def has_authored(user, assessment: Assessment) -> bool:
    """An author or co-author now, or at any time, of any version of this proposal's assessment.
    Such a person never reviews, signs off or publishes it."""
    if is_author(user, assessment):
        return True
    return AuditEvent.objects.filter(
        authored_q(user.pk), assessment__pipeline_item_id=assessment.pipeline_item_id
    ).exists()


def can_edit(user, assessment: Assessment) -> bool:
    return (
        assessment.state in AUTHOR_STATES
        and has_permission(
            user, Permission.AUTHOR_ASSESSMENT, organisation_id=assessment.organisation_id
        )
        and is_author(user, assessment)
    )


def _officer_may_act(user, assessment: Assessment, permission: Permission) -> bool:
    return has_permission(
        user, permission, organisation_id=assessment.organisation_id
    ) and not has_authored(user, assessment)


def can_claim(user, assessment: Assessment, task) -> bool:
    stage = STAGE_BY_NODE.get(task.flow_task.name)
    return (
        stage is not None
        and stage.holder is Holder.OFFICERS
        and task.owner_id is None
        and _officer_may_act(user, assessment, Permission.REVIEW_ASSESSMENT)
    )


def can_release(user, assessment: Assessment, task) -> bool:
    stage = STAGE_BY_NODE.get(task.flow_task.name)
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
    holder = STAGE_BY_NODE[node_name].holder
    if holder is Holder.AUTHOR:
        return is_author(user, assessment) and has_permission(
            user, Permission.AUTHOR_ASSESSMENT, organisation_id=assessment.organisation_id
        )
    if holder is Holder.OFFICERS:
        permission = (
            Permission.PUBLISH_ASSESSMENT
            if node_name == "publication"
            else Permission.REVIEW_ASSESSMENT
        )
        return _officer_may_act(user, assessment, permission)
    # Only the decision-maker named on the pipeline item now: if the lead names someone else,
    # the person named before can no longer sign.
    return user.pk == assessment.pipeline_item.decision_maker_id and _officer_may_act(
        user, assessment, Permission.SIGN_OFF_ASSESSMENT
    )


def can_do_task(user, assessment: Assessment, task) -> bool:
    """May this user complete this (active) task now?"""
    stage = STAGE_BY_NODE.get(task.flow_task.name)
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
    if has_permission(user, Permission.REASSIGN_TASK, organisation_id=assessment.organisation_id):
        return True  # the equality lead
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
        user, Permission.REASSIGN_TASK, organisation_id=org
    )


def can_comment(user, assessment: Assessment) -> bool:
    return can_view(user, assessment) and (
        is_author(user, assessment)
        or has_permission(
            user, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
        )
    )


def can_report_progress(user, assessment: Assessment, action) -> bool:
    """Action progress goes on after sign-off: owner, authors and the equality team report it."""
    if not can_view(user, assessment):
        return False
    return (
        action.owner_id == user.pk
        or is_author(user, assessment)
        or has_permission(
            user, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
        )
    )


def can_manage_co_authors(user, assessment: Assessment) -> bool:
    return assessment.state in AUTHOR_STATES and (
        user.pk == assessment.author_id or can_reassign(user, assessment)
    )


def why_not(user, assessment: Assessment, task) -> str:
    stage = STAGE_BY_NODE[task.flow_task.name]
    if stage.holder is not Holder.AUTHOR and has_authored(user, assessment):
        return (
            "You are an author of this assessment, so you cannot review, sign off or publish "
            "it. Another equality officer or the named decision-maker must do this."
        )
    if stage.holder is Holder.AUTHOR:
        return "Only the author or a co-author of this assessment can do this."
    if stage.holder is Holder.DECISION_MAKER:
        return "Only the named decision-maker for this proposal can sign it off."
    if task.owner_id not in (None, user.pk):
        return f"{task.owner.display_name} has claimed this task. Ask them or the equality lead."
    return "Only an equality officer can do this."
