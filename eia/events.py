"""The one registry of audit event types: every event the trail can hold, its label and group.

`eia.audit.record()` accepts only an `EventType`; a test fails on a type without a label, a
type in no group, or a literal event string anywhere outside this module. Values are stored in
the database and in exported trails, so a value is never renamed: add a new type instead.
"""

from django.db import models


class EventType(models.TextChoices):
    # Starting and reviewing
    ASSESSMENT_STARTED = "eia.assessment.started", "Assessment started"
    REVIEW_STARTED = "eia.review.started", "Review started: a new version was created"
    # Authoring
    SECTION_EDITED = "eia.section.edited", "Section edited"
    SCREENING_SUBMITTED = "eia.screening.submitted", "Screening submitted for review"
    FULL_ASSESSMENT_SUBMITTED = "eia.full_assessment.submitted", "Full assessment submitted"
    RURALITY_PROOFING_SUBMITTED = (
        "eia.rurality_proofing.submitted",
        "Rurality proofing submitted",
    )
    CO_AUTHOR_ADDED = "eia.co_author.added", "Co-author added"
    CO_AUTHOR_REMOVED = "eia.co_author.removed", "Co-author removed"
    # Review decisions
    SCREENING_RETURNED = "eia.screening.returned", "Screening returned for changes"
    SCREENING_CONFIRMED_FULL = (
        "eia.screening.confirmed_full_assessment",
        "Screening confirmed: full assessment needed",
    )
    SCREENING_CONFIRMED_OUT = (
        "eia.screening.confirmed_screened_out",
        "Screening confirmed: screened out",
    )
    SCREENING_OVERRIDDEN = "eia.screening.overridden", "Screening outcome overridden"
    ASSESSMENT_RETURNED = "eia.assessment.returned", "Returned for changes"
    ASSESSMENT_APPROVED = "eia.assessment.approved", "Approved for sign-off"
    # The decision-maker and publication
    REFERRED_BACK = "eia.assessment.referred_back", "Referred back by the decision-maker"
    SIGNED_OFF = "eia.assessment.signed_off", "Signed off"
    SIGNED_OFF_LATE = (
        "eia.assessment.signed_off_late",
        "Signed off after the decision date, with a reason",
    )
    PUBLISHED = "eia.assessment.published", "Published"
    SUPERSEDED = "eia.assessment.superseded", "Superseded by a newer version"
    WITHDRAWN = "eia.assessment.withdrawn", "Withdrawn"
    # The decision itself, recorded by an officer once taken
    DECISION_RECORDED = "eia.decision.recorded", "Decision recorded"
    DECISION_CORRECTED = "eia.decision.corrected", "Decision record corrected"
    # Tasks
    TASK_CLAIMED = "eia.task.claimed", "Task claimed"
    TASK_RELEASED = "eia.task.released", "Task released to the team queue"
    TASK_REASSIGNED = "eia.task.reassigned", "Task reassigned"
    AGENDA_DEADLINE_CHANGED = (
        "eia.organisation.agenda_deadline_changed",
        "Agenda deadline changed: the sign-off falls due on a new date",
    )
    PUBLIC_CONTACT_CHANGED = (
        "eia.organisation.public_contact_changed",
        "Public contact details and other formats changed",
    )
    SCREENING_RULESET_CHANGED = (
        "eia.organisation.screening_ruleset_changed",
        "Screening rule set changed for screenings started from now on",
    )
    # The proposal's facts (title, dates, decision-maker...), changed on the pipeline
    PIPELINE_CHANGED = "eia.pipeline.changed", "Proposal details changed"
    FACTS_CHANGE_EXPLAINED = (
        "eia.facts.change_explained",
        "Reason recorded for a change since sign-off",
    )
    # Discussion and follow-up
    COMMENT_ADDED = "eia.comment.added", "Comment"
    ACTION_PROGRESS = "eia.action.progress", "Action progress reported"
    # Separation of duties: one person held two duties under the organisation's written policy
    DUTY_EXCEPTION_USED = "eia.duty_exception.used", "Policy exception to separation of duties"
    # The organisation's equality duty (no assessment: on the organisation's own trail)
    OBJECTIVE_ADDED = "equality.objective.added", "Equality objective added"
    OBJECTIVE_CHANGED = "equality.objective.changed", "Equality objective changed"
    PLAN_SECTION_ADDED = "equality.plan_section.added", "Action plan section added"
    PLAN_ROW_ADDED = "equality.plan_row.added", "Action plan deliverable added"
    PLAN_ROW_UPDATED = "equality.plan_row.updated", "Action plan deliverable updated"
    ACTION_LINKED = "equality.action.linked", "Assessment action linked to an objective"
    PROGRAMME_ADDED = "equality.programme.added", "Programme or budget round added"
    PROGRAMME_ITEMS_SET = "equality.programme.items_set", "Proposals in a programme changed"
    PROGRESS_REPORT_TAKEN = "equality.progress_report.taken", "Action plan progress report taken"
    FRAMEWORK_AREA_SAVED = (
        "equality.framework_area.saved",
        "Equality Framework self-assessment saved",
    )
    PROGRESS_REPORT_PUBLISHED = (
        "equality.progress_report.published",
        "Action plan progress report published",
    )
    ANNUAL_REPORT_TAKEN = "equality.annual_report.taken", "Annual equality report taken"
    ANNUAL_REPORT_PUBLISHED = (
        "equality.annual_report.published",
        "Annual equality report published",
    )
    FRAMEWORK_EVIDENCE_LINKED = (
        "equality.framework_evidence.linked",
        "Record linked as Equality Framework evidence",
    )
    PEER_FEEDBACK_RECORDED = "equality.peer_feedback.recorded", "Peer challenge feedback recorded"
    PEER_FEEDBACK_ACTIONED = (
        "equality.peer_feedback.actioned",
        "Action plan deliverable created from peer challenge feedback",
    )
    DUTY_SETTINGS_CHANGED = (
        "equality.duty_settings.changed",
        "Reporting year or timeliness targets changed",
    )


class EventGroup(models.TextChoices):
    LIFECYCLE = "lifecycle", "Stage changes"
    AUTHORING = "authoring", "Authoring"
    RETURNS = "returns", "Returns and referrals"
    DECISIONS = "decisions", "Decisions"
    TASKS = "tasks", "Tasks"
    DISCUSSION = "discussion", "Comments and progress"
    FACTS = "facts", "Proposal details"
    DUTIES = "duties", "Separation of duties"
    DUTY = "duty", "The organisation's equality duty"


E = EventType
GROUPS: dict[EventGroup, frozenset[EventType]] = {
    EventGroup.LIFECYCLE: frozenset(
        {E.ASSESSMENT_STARTED, E.REVIEW_STARTED, E.PUBLISHED, E.SUPERSEDED, E.WITHDRAWN}
    ),
    EventGroup.AUTHORING: frozenset(
        {
            E.SECTION_EDITED,
            E.SCREENING_SUBMITTED,
            E.FULL_ASSESSMENT_SUBMITTED,
            E.RURALITY_PROOFING_SUBMITTED,
            E.CO_AUTHOR_ADDED,
            E.CO_AUTHOR_REMOVED,
        }
    ),
    EventGroup.RETURNS: frozenset({E.SCREENING_RETURNED, E.ASSESSMENT_RETURNED, E.REFERRED_BACK}),
    EventGroup.DECISIONS: frozenset(
        {
            E.SCREENING_CONFIRMED_FULL,
            E.SCREENING_CONFIRMED_OUT,
            E.SCREENING_OVERRIDDEN,
            E.ASSESSMENT_APPROVED,
            E.SIGNED_OFF,
            E.SIGNED_OFF_LATE,
            E.DECISION_RECORDED,
            E.DECISION_CORRECTED,
        }
    ),
    EventGroup.TASKS: frozenset(
        {E.TASK_CLAIMED, E.TASK_RELEASED, E.TASK_REASSIGNED, E.AGENDA_DEADLINE_CHANGED}
    ),
    EventGroup.DISCUSSION: frozenset({E.COMMENT_ADDED, E.ACTION_PROGRESS}),
    EventGroup.FACTS: frozenset({E.PIPELINE_CHANGED, E.FACTS_CHANGE_EXPLAINED}),
    EventGroup.DUTIES: frozenset({E.DUTY_EXCEPTION_USED}),
    EventGroup.DUTY: frozenset(
        {
            E.OBJECTIVE_ADDED,
            E.OBJECTIVE_CHANGED,
            E.PLAN_SECTION_ADDED,
            E.PLAN_ROW_ADDED,
            E.PLAN_ROW_UPDATED,
            E.ACTION_LINKED,
            E.PROGRAMME_ADDED,
            E.PROGRAMME_ITEMS_SET,
            E.PROGRESS_REPORT_TAKEN,
            E.PROGRESS_REPORT_PUBLISHED,
            E.FRAMEWORK_AREA_SAVED,
            E.ANNUAL_REPORT_TAKEN,
            E.ANNUAL_REPORT_PUBLISHED,
            E.DUTY_SETTINGS_CHANGED,
            E.FRAMEWORK_EVIDENCE_LINKED,
            E.PEER_FEEDBACK_RECORDED,
            E.PEER_FEEDBACK_ACTIONED,
            E.PUBLIC_CONTACT_CHANGED,
            E.SCREENING_RULESET_CHANGED,
        }
    ),
}
del E

GROUP_OF: dict[EventType, EventGroup] = {
    event_type: group for group, members in GROUPS.items() for event_type in members
}

# Events that say "the author sent it back to the authors": shown on the author's pages.
RETURNS = tuple(sorted(GROUPS[EventGroup.RETURNS]))
# Events that do not change the record or who holds it: they never make a page stale (the
# decision record has its own check, eia.services.decisions).
NOT_A_CHANGE = frozenset(GROUPS[EventGroup.DISCUSSION]) | {
    EventType.AGENDA_DEADLINE_CHANGED,
    EventType.DECISION_RECORDED,
    EventType.DECISION_CORRECTED,
}
# Either kind of sign-off.
SIGN_OFF_EVENTS = (EventType.SIGNED_OFF, EventType.SIGNED_OFF_LATE)


def label(value: str) -> str:
    """The label of a stored event type (an unknown one reads as itself, never as a 500)."""
    try:
        return EventType(value).label
    except ValueError:
        return value


class SecurityEventType(models.TextChoices):
    """The organisation's security log (eia.security_log): events about people's access, which
    belong to no assessment. Stored values are never renamed either."""

    USER_CREATED = "eia.security.user_created", "User created"
    USER_DEACTIVATED = "eia.security.user_deactivated", "User deactivated"
    USER_REACTIVATED = "eia.security.user_reactivated", "User reactivated"
    ROLES_CHANGED = "eia.security.roles_changed", "Roles changed"
    INVITATION_SENT = "eia.security.invitation_sent", "Invitation sent"
    INVITATION_ACCEPTED = "eia.security.invitation_accepted", "Invitation accepted"
    PASSWORD_RESET_REQUESTED = "eia.security.reset_requested", "Password reset requested"
    PASSWORD_RESET = "eia.security.password_reset", "Password reset by email link"
    PASSWORD_CHANGED = "eia.security.password_changed", "Password changed"
    PASSWORD_SET_BY_ADMIN = "eia.security.password_set", "Password set by a superuser"
    SIGN_IN_FAILED = "eia.security.sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "eia.security.locked_out", "Locked out after repeated failures"
    DUTY_EXCEPTION_RECORDED = (
        "eia.security.duty_exception_recorded",
        "Separation of duties: exception recorded",
    )
    DUTY_EXCEPTION_CONFIRMED = (
        "eia.security.duty_exception_confirmed",
        "Separation of duties: exception confirmed",
    )
    DUTY_EXCEPTION_ENDED = (
        "eia.security.duty_exception_ended",
        "Separation of duties: exception ended",
    )


def security_label(value: str) -> str:
    try:
        return SecurityEventType(value).label
    except ValueError:
        return value
