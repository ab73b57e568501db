"""The URL policy: for every URL name, who may GET and POST it, in which state, and what they
get. tests/integration/test_permission_matrix.py asks every URL x actor x state x method and
compares the answer with this table; a URL without a row here fails that test.

Why this lives in the tests and not in the app: it is the oracle. The app decides access with
eia/authorization.py and workflows/rules.py; if the app read this table too, a wrong row would
make app and test agree. So the rows are written from what the service should do, in a small
vocabulary of facts (who the actor is to the record, the role table's permissions and the stage
table's holders), never by calling the app's own checks.

A row's rules are tried in order; the first whose condition holds gives the outcome. Every
assessment page starts with SIGNED_IN: anonymous visitors go to the sign-in page, and another
organisation's record does not exist for them (404).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from eia.authorization import ROLE_PERMISSIONS, Permission, Role
from eia.models import AUTHOR_STATES, WITHDRAWABLE_STATES, State
from workflows.stages import Holder, stage_of


class Actor(StrEnum):
    ANONYMOUS = "anonymous"
    AUTHOR = "author"  # a project manager who owns the proposal and started its assessment
    CO_AUTHOR = "co_author"  # a project manager the author added
    PROJECT_MANAGER = "project_manager"  # another project manager of the organisation
    OFFICER = "officer"
    LEAD = "lead"  # the equality lead, staff in the admin
    NAMED_DECISION_MAKER = "named_decision_maker"
    OTHER_DECISION_MAKER = "other_decision_maker"
    VIEWER = "viewer"
    OTHER_ORGANISATION_LEAD = "other_organisation_lead"


@dataclass(frozen=True)
class Facts:
    role: Role | None = None
    anonymous: bool = False
    other_organisation: bool = False
    staff: bool = False
    author: bool = False
    co_author: bool = False
    named_decision_maker: bool = False
    approver: bool = False  # approved the version for sign-off (workflows/duties.py)

    def has(self, permission: Permission) -> bool:
        return self.role in ROLE_PERMISSIONS[permission]

    @property
    def writer(self) -> bool:
        return self.author or self.co_author


ACTORS: dict[Actor, Facts] = {
    Actor.ANONYMOUS: Facts(anonymous=True),
    Actor.AUTHOR: Facts(Role.PROJECT_MANAGER, author=True),
    Actor.CO_AUTHOR: Facts(Role.PROJECT_MANAGER, co_author=True),
    Actor.PROJECT_MANAGER: Facts(Role.PROJECT_MANAGER),
    Actor.OFFICER: Facts(Role.EQUALITY_OFFICER, approver=True),
    Actor.LEAD: Facts(Role.EQUALITY_LEAD, staff=True),
    Actor.NAMED_DECISION_MAKER: Facts(Role.DECISION_MAKER, named_decision_maker=True),
    Actor.OTHER_DECISION_MAKER: Facts(Role.DECISION_MAKER),
    Actor.VIEWER: Facts(Role.VIEWER),
    Actor.OTHER_ORGANISATION_LEAD: Facts(Role.EQUALITY_LEAD, other_organisation=True, staff=True),
}


class Scenario(StrEnum):
    """The assessment states the matrix builds (a returned record is back in full_assessment)."""

    SCREENING = "screening"
    SCREENING_REVIEW = "screening_review"
    FULL_ASSESSMENT = "full_assessment"
    RURALITY_PROOFING = "rurality_proofing"
    OFFICER_REVIEW = "officer_review"
    RETURNED = "returned"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    SIGNED_OFF = "signed_off"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"

    @property
    def state(self) -> State:
        return State.FULL_ASSESSMENT if self is Scenario.RETURNED else State(self.value)

    @property
    def has_content(self) -> bool:
        """Evidence, engagement, impacts and actions exist (the full assessment was filled in)."""
        return self not in (Scenario.SCREENING, Scenario.SCREENING_REVIEW)

    @property
    def rural(self) -> bool:
        return self is Scenario.RURALITY_PROOFING

    @property
    def signed(self) -> bool:
        return self in (Scenario.SIGNED_OFF, Scenario.PUBLISHED, Scenario.SUPERSEDED)


@dataclass(frozen=True)
class Outcome:
    status: int
    writes: bool = False  # a write may happen (only ever on a POST the policy allows)
    login: bool = False  # a redirect to sign in
    read_only: bool = False  # a page that only reads: a POST is a 405 or the page, no write
    any_of: tuple[int, ...] = ()  # any of these statuses (the admin's own pages, for staff)

    def __str__(self) -> str:
        if self.read_only:
            return "405 or the page (no write)"
        if self.any_of:
            return f"one of {self.any_of} (no write)"
        return f"{self.status}{' to sign in' if self.login else ''}"


OK = Outcome(200)
SAVED = Outcome(302, writes=True)
BACK = Outcome(302)  # sent back to the assessment page with a message, nothing written
LOGIN = Outcome(302, login=True)
INVALID = Outcome(400)
CONFLICT = Outcome(409)  # the record is not where the request assumes: nothing written
DENIED = Outcome(403)
HIDDEN = Outcome(404)
NOT_ALLOWED_METHOD = Outcome(405)
READ_ONLY = Outcome(200, read_only=True)


@dataclass(frozen=True)
class When:
    """A named condition on (actor's facts, scenario)."""

    says: str
    test: Callable[[Facts, Scenario | None], bool]

    def __call__(self, facts: Facts, scenario: Scenario | None) -> bool:
        return self.test(facts, scenario)


ALWAYS = When("always", lambda f, s: True)
ANONYMOUS = When("anonymous", lambda f, s: f.anonymous)
FOREIGN = When("another organisation", lambda f, s: f.other_organisation)
WRITER = When("author or co-author", lambda f, s: f.writer)
STAFF = When("admin staff", lambda f, s: f.staff)


def holding(permission: Permission) -> When:
    return When(f"holds {permission}", lambda f, s: f.has(permission))


def in_states(*states: State) -> When:
    return When(f"state in {[str(x) for x in states]}", lambda f, s: s.state in states)


def both(*conditions: When) -> When:
    return When(
        " and ".join(c.says for c in conditions), lambda f, s: all(c(f, s) for c in conditions)
    )


def either(*conditions: When) -> When:
    return When(
        " or ".join(c.says for c in conditions), lambda f, s: any(c(f, s) for c in conditions)
    )


def _not(condition: When) -> When:
    return When(f"not ({condition.says})", lambda f, s: not condition(f, s))


def _does_the_task(facts: Facts, scenario: Scenario) -> bool:
    """Whoever the stage table says holds this state's task (segregation of duties included)."""
    stage = stage_of(scenario.state)
    if stage.holder is None or not facts.has(stage.permission):
        return False
    if stage.holder is Holder.AUTHOR:
        return facts.writer
    if stage.holder is Holder.OFFICERS:
        # Who approved a version does not also publish it (separation of duties).
        publishing = scenario.state == State.SIGNED_OFF
        return not facts.writer and not (publishing and facts.approver)
    return facts.named_decision_maker and not facts.writer


DOES_THE_TASK = When("holds this stage's task", _does_the_task)
NO_TASK = When("no task in this state", lambda f, s: not stage_of(s.state).has_task)
HOLDER_IS_AUTHOR = When(
    "the authors hold the task", lambda f, s: stage_of(s.state).holder is Holder.AUTHOR
)
OFFICERS_HOLD = When(
    "the officers hold the task", lambda f, s: stage_of(s.state).holder is Holder.OFFICERS
)
FINISHED = in_states(State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED)
OWNS = When("owns the proposal", lambda f, s: f.author)
STARTS = both(
    holding(Permission.START_ASSESSMENT), either(OWNS, holding(Permission.LEAD_ASSESSMENTS))
)
RURAL = When("rurality proofing is required", lambda f, s: s.rural)
EDITS = both(WRITER, holding(Permission.AUTHOR_ASSESSMENT), in_states(*AUTHOR_STATES))
EDITS_SECTIONS = both(EDITS, _not(in_states(State.SCREENING)))
SIGNED_IN = ((ANONYMOUS, LOGIN), (FOREIGN, HIDDEN))
Rules = tuple[tuple[When, Outcome], ...]


def rules(*pairs: tuple[When, Outcome], otherwise: Outcome) -> Rules:
    return (*SIGNED_IN, *pairs, (ALWAYS, otherwise))


def public(outcome: Outcome = OK) -> Rules:
    return ((ALWAYS, outcome),)


READ = rules(otherwise=OK)
# The organisation's own lists: everyone signed in sees their own organisation's.
LIST = ((ANONYMOUS, LOGIN), (ALWAYS, OK))
ONLY_POST = ((ANONYMOUS, LOGIN), (ALWAYS, NOT_ALLOWED_METHOD))
NOT_A_FORM = ((ANONYMOUS, LOGIN), (ALWAYS, READ_ONLY))


class Needs(StrEnum):
    """What a URL's arguments need from the scenario (else the cell does not exist)."""

    NOTHING = ""
    CONTENT = "content"  # an evidence item, engagement row, impact or action
    RURAL = "rural"


@dataclass(frozen=True)
class Row:
    name: str
    get: Rules
    post: Rules
    per_assessment: bool = True  # asked in every scenario (else once, outside any)
    needs: Needs = Needs.NOTHING
    data: tuple[tuple[str, str], ...] = ()  # posted besides the page's token `seen`


def _decision_page(state: State, *, form_complete: bool = False) -> tuple[Rules, Rules]:
    """A decision task's page (stage table `page`): its holder acts; otherwise 403, or back to
    the assessment when it is not at that stage. A POST is refused (403) unless the poster may
    do the record's current task. The matrix posts no decision, so the form is a 400, except
    publication's, which needs none: it publishes, or is a 409 when the record is elsewhere."""
    valid = (
        ((in_states(state), SAVED), (ALWAYS, CONFLICT)) if form_complete else ((ALWAYS, INVALID),)
    )
    return (
        rules(
            (NO_TASK, BACK),
            (_not(in_states(state)), BACK),
            (DOES_THE_TASK, OK),
            otherwise=DENIED,
        ),
        (
            *SIGNED_IN,
            *(((both(NO_TASK, c), o) for c, o in valid)),
            *(((both(DOES_THE_TASK, c), o) for c, o in valid)),
            (ALWAYS, DENIED),
        ),
    )


def _section(name: str, *, needs: Needs = Needs.NOTHING, post_ok: Outcome = INVALID) -> Row:
    """A section page: read-only for the organisation; only its authors post, in their stages."""
    return Row(
        name,
        get=READ,
        post=rules((EDITS_SECTIONS, post_ok), otherwise=DENIED),
        needs=needs,
    )


POLICY: tuple[Row, ...] = (
    # ---- signing in and the public pages
    Row("login", get=((ANONYMOUS, OK), (ALWAYS, BACK)), post=((ANONYMOUS, OK), (ALWAYS, BACK)),
        per_assessment=False),
    Row("logout", get=((ANONYMOUS, LOGIN), (ALWAYS, NOT_ALLOWED_METHOD)), post=public(LOGIN),
        per_assessment=False),
    Row("register:organisation", get=public(BACK), post=public(READ_ONLY), per_assessment=False),
    Row("accessibility", get=public(), post=public(READ_ONLY), per_assessment=False),
    *(
        Row(f"register:{name}", get=public(), post=public(READ_ONLY), per_assessment=False)
        for name in ("index", "feed", "csv", "json", "xlsx",
                     "screening_reports", "screening_report", "screening_report_csv")
    ),
    *(
        Row(f"register:{name}",
            get=((in_states(State.PUBLISHED, State.SUPERSEDED), OK), (ALWAYS, HIDDEN)),
            post=public(READ_ONLY))
        for name in ("assessment", "summary_pdf", "full_pdf")
    ),
    # ---- the organisation's pages
    Row("home", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("pipeline_list", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("decision_calendar", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("workflows:my_tasks", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("workflows:my_actions", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("workflows:team_queue", get=LIST, post=NOT_A_FORM, per_assessment=False),
    Row("pipeline_add",
        get=((ANONYMOUS, LOGIN), (holding(Permission.START_ASSESSMENT), OK), (ALWAYS, DENIED)),
        post=((ANONYMOUS, LOGIN), (holding(Permission.START_ASSESSMENT), INVALID),
              (ALWAYS, DENIED)),
        per_assessment=False),
    *(
        Row(name,
            get=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), OK),
                 (ALWAYS, DENIED)),
            post=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), INVALID),
                  (ALWAYS, DENIED)),
            per_assessment=False)
        for name in ("organisation_lists", "decision_body_add")
    ),
    *(
        Row(name,
            get=((ANONYMOUS, LOGIN), (_not(holding(Permission.MANAGE_REFERENCE_DATA)), DENIED),
                 (FOREIGN, HIDDEN), (ALWAYS, OK)),
            post=((ANONYMOUS, LOGIN), (_not(holding(Permission.MANAGE_REFERENCE_DATA)), DENIED),
                  (FOREIGN, HIDDEN), (ALWAYS, INVALID)),
            per_assessment=False)
        for name in ("directorate_edit", "decision_body_edit")
    ),
    Row("public_contact_edit",
        get=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), OK),
             (ALWAYS, DENIED)),
        post=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), SAVED),
              (ALWAYS, DENIED)),
        per_assessment=False,
        data=(("contact", "equality@example.org"),)),
    Row("screening_ruleset_edit",
        get=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), OK),
             (ALWAYS, DENIED)),
        post=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), INVALID),
              (ALWAYS, DENIED)),
        per_assessment=False),
    Row("agenda_deadline_edit",
        get=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), OK),
             (ALWAYS, DENIED)),
        post=((ANONYMOUS, LOGIN), (holding(Permission.MANAGE_REFERENCE_DATA), INVALID),
              (ALWAYS, DENIED)),
        per_assessment=False),
    Row("organisation_trail_export",
        get=((ANONYMOUS, LOGIN), (holding(Permission.LEAD_ASSESSMENTS), OK), (ALWAYS, DENIED)),
        post=NOT_A_FORM, per_assessment=False),
    *(
        Row(name,
            get=((ANONYMOUS, LOGIN), (holding(Permission.READ_SECURITY_LOG), OK),
                 (ALWAYS, DENIED)),
            post=NOT_A_FORM, per_assessment=False)
        for name in ("security_log", "security_log_csv")
    ),
    Row("register:audit_digests", get=public(), post=public(READ_ONLY), per_assessment=False),
    # ---- accounts: reset by email link, invitations, one's own password
    Row("password_reset", get=public(), post=public(), per_assessment=False),
    *(
        Row(name, get=public(), post=public(READ_ONLY), per_assessment=False)
        for name in ("password_reset_done", "password_reset_complete", "invitation_done")
    ),
    # The page a timed-out session lands on: it signs out whoever is still signed in and sends
    # them to sign in again with a message.
    Row("signin:timed_out", get=public(Outcome(302, login=True, writes=True)),
        post=public(READ_ONLY), per_assessment=False),
    # A link whose token is not valid: a page saying so, for anyone.
    *(
        Row(name, get=public(), post=public(READ_ONLY), per_assessment=False)
        for name in ("password_reset_confirm", "invitation_accept")
    ),
    Row("password_change", get=LIST, post=((ANONYMOUS, LOGIN), (ALWAYS, OK)),
        per_assessment=False),
    Row("password_change_done", get=LIST, post=NOT_A_FORM, per_assessment=False),
    # ---- the security code (MFA is off in the matrix, as in every test not about it) and
    # council sign-in (not configured here: no provider to send anyone to)
    # Setting up an authenticator app makes the person's own unconfirmed device.
    Row("signin:set_up", get=((ANONYMOUS, LOGIN), (ALWAYS, Outcome(200, writes=True))),
        post=((ANONYMOUS, LOGIN), (ALWAYS, Outcome(400, writes=True))), per_assessment=False),
    # Someone with no app yet is sent to set one up (a page of the sign-in, so LOGIN here).
    Row("signin:verify", get=public(LOGIN), post=public(LOGIN), per_assessment=False),
    # Recovery codes are shown once, just after setting up; otherwise back to the service.
    Row("signin:recovery_codes", get=((ANONYMOUS, LOGIN), (ALWAYS, BACK)), post=NOT_A_FORM,
        per_assessment=False),
    Row("signin:keep_alive", get=ONLY_POST, post=((ANONYMOUS, LOGIN), (ALWAYS, BACK)),
        per_assessment=False),
    # Council sign-in is not configured here: starting it is a 404, the callback goes back
    # to the sign-in page.
    Row("signin:oidc_authenticate", get=public(HIDDEN), post=public(READ_ONLY),
        per_assessment=False),
    Row("signin:oidc_callback", get=public(LOGIN), post=public(READ_ONLY), per_assessment=False),
    # ---- one proposal
    Row("pipeline_detail", get=READ, post=NOT_A_FORM),
    Row("pipeline_edit",
        get=rules((either(When("owns it", lambda f, s: f.author),
                          holding(Permission.LEAD_ASSESSMENTS)), OK), otherwise=DENIED),
        post=rules((either(When("owns it", lambda f, s: f.author),
                           holding(Permission.LEAD_ASSESSMENTS)), INVALID), otherwise=DENIED)),
    Row("workflows:start", get=ONLY_POST,
        # A published proposal is assessed again by a review of its published version, never
        # by a fresh start (which would drop its content); after a withdrawal it starts again.
        post=rules((_not(STARTS), DENIED), (_not(in_states(State.WITHDRAWN)), CONFLICT),
                   otherwise=SAVED)),
    Row("workflows:jr_pack",
        get=rules((either(holding(Permission.REVIEW_ASSESSMENT),
                          When("named to decide", lambda f, s: f.named_decision_maker)), OK),
                  otherwise=DENIED),
        post=NOT_A_FORM),
    # ---- one assessment, for everyone in the organisation
    Row("workflows:assessment", get=READ, post=NOT_A_FORM),
    Row("workflows:whole", get=READ, post=NOT_A_FORM),
    Row("workflows:summary_pdf", get=READ, post=NOT_A_FORM),
    Row("workflows:full_pdf", get=READ, post=NOT_A_FORM),
    Row("workflows:sign_off_record",
        get=rules((When("signed", lambda f, s: s.signed), OK), otherwise=HIDDEN),
        post=NOT_A_FORM),
    Row("workflows:since_sign_off",
        get=rules((When("signed", lambda f, s: s.signed), OK), otherwise=HIDDEN),
        post=NOT_A_FORM),
    Row("workflows:compare_versions", get=rules(otherwise=HIDDEN), post=NOT_A_FORM),
    Row("workflows:comment", get=ONLY_POST,
        post=rules((either(WRITER, holding(Permission.REVIEW_ASSESSMENT)), SAVED),
                   otherwise=DENIED),
        data=(("text", "A comment from the permission matrix."),)),
    # ---- the authors' pages
    Row("workflows:screening", get=READ,
        post=rules((both(EDITS, in_states(State.SCREENING)), SAVED), otherwise=DENIED)),
    Row("workflows:submit",
        get=rules((_not(HOLDER_IS_AUTHOR), BACK), (EDITS, OK), otherwise=DENIED),
        post=rules((_not(WRITER), DENIED), (_not(HOLDER_IS_AUTHOR), INVALID),
                   (in_states(State.RURALITY_PROOFING), INVALID), otherwise=SAVED)),
    Row("workflows:withdraw",
        get=rules((_not(in_states(*WITHDRAWABLE_STATES)), DENIED),
                  (holding(Permission.LEAD_ASSESSMENTS), OK),
                  (both(WRITER, holding(Permission.WITHDRAW_ASSESSMENT)), OK), otherwise=DENIED),
        post=rules((_not(in_states(*WITHDRAWABLE_STATES)), DENIED),
                   (holding(Permission.LEAD_ASSESSMENTS), SAVED),
                   (both(WRITER, holding(Permission.WITHDRAW_ASSESSMENT)), SAVED),
                   otherwise=DENIED),
        data=(("reason", "Withdrawn by the permission matrix."),)),
    Row("workflows:start_review",
        get=rules((_not(in_states(State.PUBLISHED)), DENIED),
                  (holding(Permission.REVIEW_ASSESSMENT), OK),
                  (both(holding(Permission.START_ASSESSMENT), WRITER), OK),
                  otherwise=DENIED),
        post=rules((_not(in_states(State.PUBLISHED)), DENIED),
                   (holding(Permission.REVIEW_ASSESSMENT), SAVED),
                   (both(holding(Permission.START_ASSESSMENT), WRITER), SAVED),
                   otherwise=DENIED)),
    *(
        Row("workflows:co_authors", get=rules((manage, OK), otherwise=DENIED),
            post=rules((manage, INVALID), otherwise=DENIED))
        for manage in [both(in_states(*AUTHOR_STATES), either(
            When("the author", lambda f, s: f.author),
            both(holding(Permission.LEAD_ASSESSMENTS), _not(WRITER))))]
    ),
    # ---- the decision pages (the stage table's `page`)
    Row("workflows:review_screening", *_decision_page(State.SCREENING_REVIEW)),
    Row("workflows:review_assessment", *_decision_page(State.OFFICER_REVIEW)),
    Row("workflows:sign_off", *_decision_page(State.AWAITING_SIGN_OFF)),
    Row("workflows:publish", *_decision_page(State.SIGNED_OFF, form_complete=True)),
    # ---- who holds a task
    # A task the authors or the decision-maker hold is already someone's: claiming it is a 409.
    Row("workflows:claim", get=ONLY_POST,
        post=rules((NO_TASK, CONFLICT), (_not(OFFICERS_HOLD), CONFLICT), (DOES_THE_TASK, SAVED),
                   otherwise=DENIED)),
    Row("workflows:release", get=ONLY_POST, post=rules((NO_TASK, CONFLICT), otherwise=DENIED)),
    Row("workflows:reassign",
        get=rules((NO_TASK, BACK), (both(holding(Permission.REASSIGN_TASK), _not(WRITER)), OK),
                  otherwise=DENIED),
        post=rules((NO_TASK, BACK), (both(holding(Permission.REASSIGN_TASK), _not(WRITER)), OK),
                   otherwise=DENIED)),
    # ---- the sections
    _section("workflows:section_proposal", post_ok=SAVED),
    _section("workflows:section_evidence", post_ok=SAVED),
    _section("workflows:section_engagement", post_ok=SAVED),
    _section("workflows:section_impacts", post_ok=SAVED),
    _section("workflows:section_actions", post_ok=SAVED),
    _section("workflows:section_conclusion", post_ok=SAVED),
    Row("workflows:section_rurality", get=READ,
        post=rules((both(EDITS_SECTIONS, RURAL), SAVED), otherwise=DENIED)),
    # Duty modules: the matrix world is in England, where none applies, so every module's page
    # is a 404 (tests/integration/test_duty_modules.py covers who may edit and authorise).
    Row("workflows:section_duty", get=rules(otherwise=HIDDEN), post=rules(otherwise=HIDDEN)),
    Row("workflows:duty_authorise", get=ONLY_POST, post=rules(otherwise=HIDDEN)),
    _section("workflows:evidence_add"),
    _section("workflows:gap_add"),
    _section("workflows:engagement_add"),
    # Every field of the public consultation is optional: an empty form saves (clears) it.
    _section("workflows:consultation_edit", post_ok=SAVED),
    _section("workflows:action_add"),
    _section("workflows:evidence_edit", needs=Needs.CONTENT),
    _section("workflows:engagement_edit", needs=Needs.CONTENT),
    _section("workflows:impact_edit", needs=Needs.CONTENT),
    _section("workflows:no_different_impact"),
    _section("workflows:action_edit", needs=Needs.CONTENT),
    # Drafts (workflows/views/drafts.py): keeping one is allowed exactly where saving the page
    # is (here the proposal page's); discarding one only ever deletes the person's own.
    Row("workflows:draft_save", get=ONLY_POST,
        post=rules((EDITS_SECTIONS, Outcome(200, writes=True)), otherwise=DENIED),
        data=(("page", "full/proposal/"), ("aims", "A draft from the permission matrix."))),
    Row("workflows:draft_discard", get=ONLY_POST, post=rules(otherwise=SAVED),
        data=(("page", "full/proposal/"),)),
    Row("workflows:remove", get=ONLY_POST, post=rules((EDITS_SECTIONS, SAVED), otherwise=DENIED),
        needs=Needs.CONTENT),
    Row("workflows:action_progress",
        get=rules((either(WRITER, holding(Permission.REVIEW_ASSESSMENT)), OK), otherwise=DENIED),
        post=rules((either(WRITER, holding(Permission.REVIEW_ASSESSMENT)), INVALID),
                   otherwise=DENIED),
        needs=Needs.CONTENT),
    Row("workflows:since_return", get=rules(otherwise=HIDDEN), post=NOT_A_FORM),
    Row("workflows:sign_off_pdf", get=READ, post=NOT_A_FORM),
    # Previews read what anyone in the organisation may already read as a PDF; once
    # published, the public preview sends people to the real public page.
    Row("workflows:decision_maker_preview", get=READ, post=NOT_A_FORM),
    Row("workflows:public_preview",
        get=rules((in_states(State.PUBLISHED, State.SUPERSEDED), BACK), otherwise=OK),
        post=NOT_A_FORM),
    Row("workflows:trail_export",
        get=rules((either(holding(Permission.REVIEW_ASSESSMENT),
                          When("named to decide", lambda f, s: f.named_decision_maker)), OK),
                  otherwise=DENIED),
        post=NOT_A_FORM),
    Row("workflows:decision_record", get=READ,
        post=rules((both(holding(Permission.RECORD_DECISION),
                         in_states(State.SIGNED_OFF, State.PUBLISHED)), INVALID),
                   otherwise=DENIED)),
    # Only when a fact changed since sign-off is there anything to explain; the form itself
    # is for the equality team only.
    Row("workflows:explain_change",
        get=rules((holding(Permission.REVIEW_ASSESSMENT), OK), otherwise=DENIED),
        post=rules((holding(Permission.REVIEW_ASSESSMENT), INVALID), otherwise=DENIED)),
    # Evidence files: tests/integration/test_uploads.py stores real files; the matrix's
    # evidence has none, so this is a 404 for everyone (a file that does not exist).
    Row("workflows:evidence_file", get=public(HIDDEN), post=public(READ_ONLY), needs=Needs.CONTENT),
)  # fmt: skip

# The organisation's equality duty (equality/): the matrix world holds no objectives, plan rows,
# programmes or reports yet, so these rows are coarse, like the admin's: anonymous visitors
# are sent to sign in (the public pages excepted), and everyone else gets a page, a redirect,
# a refusal or a 404 — never a 500, never a write from a form posted without its fields.
# tests/integration/equality/ checks who may do what there, role by role.
SIGNED_IN_PAGE = Outcome(200, any_of=(200, 302, 400, 403, 404, 405))
_EQUALITY_PUBLIC = (
    "public",
    "public_annual",
    "public_annual_pdf",
    "public_report",
    "public_report_pdf",
)
_EQUALITY = (
    "action_link",
    "action_plan",
    "annual_report",
    "annual_report_pdf",
    "annual_report_publish",
    "annual_reports",
    "carry_links",
    "cumulative",
    "dashboard",
    "duty_settings",
    "feedback_action",
    "framework",
    "framework_area",
    "framework_evidence",
    "framework_feedback",
    "monitoring_return",
    "monitoring_return_csv",
    "monitoring_return_pdf",
    "monitoring_returns",
    "objective_add",
    "objective_edit",
    "objectives",
    "plan_actions",
    "plan_csv",
    "plan_xlsx",
    "programme",
    "programme_add",
    "programme_edit",
    "programmes",
    "report",
    "report_pdf",
    "report_publish",
    "reports",
    "row_add",
    "row_edit",
    "row_history",
    "section_add",
)
POLICY += (
    *(
        Row(f"equality:{name}", get=((ANONYMOUS, LOGIN), (ALWAYS, SIGNED_IN_PAGE)),
            post=((ANONYMOUS, LOGIN), (ALWAYS, SIGNED_IN_PAGE)), per_assessment=False)
        for name in _EQUALITY
    ),
    *(
        Row(f"equality:{name}", get=public(Outcome(200, any_of=(200, 404))),
            post=public(Outcome(200, any_of=(200, 404, 405))), per_assessment=False)
        for name in _EQUALITY_PUBLIC
    ),
)  # fmt: skip

POLICY_BY_NAME: dict[str, Row] = {row.name: row for row in POLICY}

# The admin: Django's own pages, scoped to the lead's organisation by eia/admin.py and
# changing under issue 11's separation of duties, so its rows are generated: anyone not staff
# is sent to the admin's sign-in; staff get a page, a redirect, a 403, 404 or 405, never a 500
# and never a write from a form posted without its fields. tests/integration/test_admin.py
# covers what the lead may do there.
ADMIN_PREFIX = "admin:"
STAFF_PAGE = Outcome(200, any_of=(200, 302, 403, 404, 405))
_ADMIN_ANYONE = ("admin:login", "admin:logout")


def admin_row(name: str) -> Row:
    if name in _ADMIN_ANYONE:
        anyone = ((ALWAYS, Outcome(200, any_of=(200, 302, 405))),)
        return Row(name, get=anyone, post=anyone, per_assessment=False)
    staff_only = ((STAFF, STAFF_PAGE), (ALWAYS, LOGIN))
    return Row(name, get=staff_only, post=staff_only, per_assessment=False)


def expected(rules_: Rules, facts: Facts, scenario: Scenario | None) -> tuple[Outcome, str]:
    """The outcome and the condition that gave it."""
    for condition, outcome in rules_:
        if condition(facts, scenario):
            return outcome, condition.says
    raise AssertionError("every rule list ends with ALWAYS")
