"""Roles and the one question every view asks: may this user do this, here?

Roles are Django groups (created by a data migration). Access is denied by default: a permission
not listed here, a user without an organisation, or an object of another organisation all answer
no. Object-level facts (who may edit an assessment, who is its named decision-maker) are
django-guardian object permissions, read here with `user.has_perm(perm, obj)`; they are written
only by eia.services.authorship. Segregation of duties builds on these in workflows.rules.
"""

from enum import StrEnum

from .models.assessment import AUTHOR_STATES
from .models.authorship import Authorship


class Role(StrEnum):
    PROJECT_MANAGER = "project_manager"
    EQUALITY_OFFICER = "equality_officer"
    DECISION_MAKER = "decision_maker"
    EQUALITY_LEAD = "equality_lead"
    VIEWER = "viewer"
    # Reads the organisation's security log and the records; changes nothing.
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PROJECT_MANAGER: "Project manager",
    Role.EQUALITY_OFFICER: "Equality officer",
    Role.DECISION_MAKER: "Decision-maker",
    Role.EQUALITY_LEAD: "Equality lead",
    Role.VIEWER: "Viewer",
    Role.AUDITOR: "Auditor",
}


class Permission(StrEnum):
    VIEW_RECORDS = "view_records"
    START_ASSESSMENT = "start_assessment"
    AUTHOR_ASSESSMENT = "author_assessment"
    REVIEW_ASSESSMENT = "review_assessment"
    PUBLISH_ASSESSMENT = "publish_assessment"
    SIGN_OFF_ASSESSMENT = "sign_off_assessment"
    WITHDRAW_ASSESSMENT = "withdraw_assessment"
    REASSIGN_TASK = "reassign_task"
    # The equality lead's oversight: start, withdraw or manage the co-authors of any assessment.
    LEAD_ASSESSMENTS = "lead_assessments"
    MANAGE_REFERENCE_DATA = "manage_reference_data"
    READ_SECURITY_LOG = "read_security_log"
    # Record, confirm or end an exception to separation of duties (a second person confirms).
    MANAGE_DUTY_POLICY = "manage_duty_policy"
    # Recording the decision once it has been taken (date, outcome, body, minute).
    RECORD_DECISION = "record_decision"
    # The organisation's equality duty (the equality app): objectives and programmes are the
    # lead's; the action plan is kept by the equality team; the dashboard is for oversight.
    MANAGE_OBJECTIVES = "manage_objectives"
    KEEP_ACTION_PLAN = "keep_action_plan"
    VIEW_DASHBOARD = "view_dashboard"


_OFFICERS = {Role.EQUALITY_OFFICER, Role.EQUALITY_LEAD}

# The single table of which roles grant which permission.
ROLE_PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_RECORDS: frozenset(Role),
    Permission.START_ASSESSMENT: frozenset({Role.PROJECT_MANAGER, Role.EQUALITY_LEAD}),
    Permission.AUTHOR_ASSESSMENT: frozenset({Role.PROJECT_MANAGER, Role.EQUALITY_LEAD}),
    Permission.REVIEW_ASSESSMENT: frozenset(_OFFICERS),
    Permission.PUBLISH_ASSESSMENT: frozenset(_OFFICERS),
    Permission.SIGN_OFF_ASSESSMENT: frozenset({Role.DECISION_MAKER}),
    Permission.WITHDRAW_ASSESSMENT: frozenset({Role.PROJECT_MANAGER, Role.EQUALITY_LEAD}),
    Permission.REASSIGN_TASK: frozenset({Role.EQUALITY_LEAD}),
    Permission.LEAD_ASSESSMENTS: frozenset({Role.EQUALITY_LEAD}),
    Permission.MANAGE_REFERENCE_DATA: frozenset({Role.EQUALITY_LEAD}),
    Permission.READ_SECURITY_LOG: frozenset({Role.EQUALITY_LEAD, Role.AUDITOR}),
    Permission.MANAGE_DUTY_POLICY: frozenset({Role.EQUALITY_LEAD}),
    Permission.RECORD_DECISION: frozenset(_OFFICERS),
    Permission.MANAGE_OBJECTIVES: frozenset({Role.EQUALITY_LEAD}),
    Permission.KEEP_ACTION_PLAN: frozenset(_OFFICERS),
    Permission.VIEW_DASHBOARD: frozenset({*_OFFICERS, Role.VIEWER}),
}


def roles_of(user) -> frozenset[Role]:
    """The user's roles, read once per request object and cached on it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_due_regard_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._due_regard_roles = cached
    return cached


def same_organisation(user, organisation_id: int | None) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.organisation_id is not None
        and user.organisation_id == organisation_id
    )


def has_permission(user, permission: Permission, *, organisation_id: int | None) -> bool:
    """True when the user holds a role granting `permission` in that organisation."""
    if not same_organisation(user, organisation_id):
        return False
    return bool(roles_of(user) & ROLE_PERMISSIONS[permission])


# guardian object permissions on an assessment (see Assessment.Meta.permissions).
CONTRIBUTE = "eia.contribute_to_assessment"
DECIDE = "eia.decide_assessment"


def is_author(user, assessment) -> bool:
    """The author or a co-author of this version, in its organisation."""
    return same_organisation(user, assessment.organisation_id) and user.has_perm(
        CONTRIBUTE, assessment
    )


def is_named_decision_maker(user, assessment) -> bool:
    """The person the pipeline item names to sign this version off."""
    return same_organisation(user, assessment.organisation_id) and user.has_perm(DECIDE, assessment)


def can_edit(user, assessment) -> bool:
    """An author or co-author, holding an authoring role, while the record is with the authors."""
    return (
        assessment.state in AUTHOR_STATES
        and has_permission(
            user, Permission.AUTHOR_ASSESSMENT, organisation_id=assessment.organisation_id
        )
        and is_author(user, assessment)
    )


def has_authored(user, assessment) -> bool:
    """An author or co-author now, or at any time, of any version of this proposal's assessment
    (eia.models.Authorship). Segregation of duties (workflows.rules) keeps such a person from
    reviewing, signing off or publishing it."""
    if is_author(user, assessment):
        return True
    return Authorship.objects.filter(
        pipeline_item_id=assessment.pipeline_item_id, user_id=user.pk
    ).exists()


def can_manage_co_authors(user, assessment) -> bool:
    """The author, or the equality lead unless they wrote it, while the authors hold it."""
    if assessment.state not in AUTHOR_STATES:
        return False
    if user.pk == assessment.author_id and same_organisation(user, assessment.organisation_id):
        return True
    return has_permission(
        user, Permission.LEAD_ASSESSMENTS, organisation_id=assessment.organisation_id
    ) and not has_authored(user, assessment)


def can_comment(user, assessment) -> bool:
    return is_author(user, assessment) or has_permission(
        user, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
    )


def can_report_progress(user, assessment, action) -> bool:
    """Action progress goes on after sign-off: owner, authors and the equality team report it."""
    if not has_permission(
        user, Permission.VIEW_RECORDS, organisation_id=assessment.organisation_id
    ):
        return False
    return (
        action.owner_id == user.pk
        or is_author(user, assessment)
        or has_permission(
            user, Permission.REVIEW_ASSESSMENT, organisation_id=assessment.organisation_id
        )
    )


def can_download_pack(user, item) -> bool:
    """The judicial-review pack: the equality team, the lead, and whoever is or was named to
    decide (they may need to show what they saw)."""
    org = item.organisation_id
    if has_permission(user, Permission.REVIEW_ASSESSMENT, organisation_id=org):
        return True
    return same_organisation(user, org) and (
        item.decision_maker_id == user.pk
        or item.assessments.filter(sign_off_record__decision_maker_id=user.pk).exists()
    )
