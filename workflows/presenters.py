"""What the assessment page shows, as plain data a unit test can check without HTTP: its task
list, what the user can do now, the trail in words, and where each submission problem is fixed.
"""

from dataclasses import dataclass

from django.urls import reverse

from eia import duty_modules, screening
from eia.authorization import can_edit, can_manage_co_authors
from eia.events import label
from eia.models import Section, State
from eia.quality import Problem, full_of
from eia.services.sections import editable_sections

from . import returns, rules
from .stages import STAGE_BY_STATE, TASK_STAGES, Holder, task_stage

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not yet started", "In progress", "Completed"
CANNOT_START, WITHDRAWN = "Cannot start yet", "Withdrawn"
# A review starts from the content of the version it reviews: each copied section stays
# "Check and confirm" until the author confirms it (completed_sections starts empty).
CHECK = "Check and confirm"


@dataclass(frozen=True)
class Row:
    """One row of the GOV.UK task list."""

    id: str
    title: str
    status: str
    href: str = ""


def _started_sections(assessment) -> set[str]:
    started = set()
    full = full_of(assessment)
    if any(getattr(full, name) for name in ("aims", "who_affected", "what_changes", "budget")):
        started.add(Section.PROPOSAL)
    if full.conclusion or full.changes_made:
        started.add(Section.CONCLUSION)
    for section, related in [
        (Section.EVIDENCE, assessment.evidence),
        (Section.ENGAGEMENT, assessment.engagement),
        (Section.IMPACTS, assessment.impacts),
        (Section.ACTIONS, assessment.actions),
        (Section.RURALITY, assessment.rural_impacts),
    ]:
        if related.exists():
            started.add(section)
    started |= {duty_modules.section_key(row.module) for row in assessment.duty_answers.all()}
    return started


def task_list(assessment) -> list[Row]:
    """Screening, the sections that apply, then the later stages, each with its status."""
    order = [stage.state for stage in TASK_STAGES]
    now_index = order.index(assessment.state) if assessment.state in order else len(order)

    def stage_status(state) -> str:
        if assessment.state == State.WITHDRAWN:
            return WITHDRAWN
        index = order.index(state)
        if index < now_index:
            return COMPLETED
        return IN_PROGRESS if index == now_index else CANNOT_START

    screening_status = stage_status(State.SCREENING)
    if screening_status == IN_PROGRESS and not assessment.screening.answers:
        screening_status = NOT_STARTED
    rows = [
        Row(
            "screening",
            STAGE_BY_STATE[State.SCREENING].step,
            screening_status,
            reverse("workflows:screening", args=[assessment.pk]),
        )
    ]
    present = editable_sections(assessment)
    if present:
        completed = set(full_of(assessment).completed_sections)
        started = _started_sections(assessment)
        for section in present:
            status = (
                COMPLETED
                if section in completed
                else (CHECK if assessment.previous_id else IN_PROGRESS)
                if section in started
                else NOT_STARTED
            )
            rows.append(
                Row(section, section_title(section), status, section_url(assessment, section))
            )
    for stage in TASK_STAGES:
        if not stage.step or stage.state == State.SCREENING:
            continue  # screening leads the list; the author's sections stand for their stages
        if (
            stage.state == State.OFFICER_REVIEW
            and assessment.screening_outcome
            and not (assessment.screened_in)
        ):
            continue
        rows.append(Row(stage.state, stage.step, stage_status(stage.state)))
    return rows


@dataclass(frozen=True)
class Choice:
    """Something the user can do now: a link, or a one-click form (`post`)."""

    kind: str  # "link", "submit" or "post"
    text: str
    url: str
    secondary: bool = False
    warning: bool = False


def available_actions(user, assessment, task) -> list[Choice]:
    pk = assessment.pk
    actions = []
    if task is not None:
        stage = task_stage(task)
        if rules.can_do_task(user, assessment, task):
            kind = "submit" if stage.holder is Holder.AUTHOR else "link"
            actions.append(Choice(kind, stage.action, reverse(stage.page, args=[pk])))
        if rules.can_claim(user, assessment, task):
            actions.append(
                Choice("post", "Claim this task", reverse("workflows:claim", args=[task.pk]))
            )
        if rules.can_release(user, assessment, task):
            url = reverse("workflows:release", args=[task.pk])
            actions.append(Choice("post", "Release to the team queue", url, secondary=True))
        if rules.can_reassign(user, assessment):
            url = reverse("workflows:reassign", args=[pk, task.pk])
            actions.append(Choice("link", "Reassign this task", url, secondary=True))
    if rules.can_start_review(user, assessment) and assessment.review_under_way is None:
        url = reverse("workflows:start_review", args=[pk])
        actions.append(Choice("link", "Start a review (new version)", url))
    if can_manage_co_authors(user, assessment):
        url = reverse("workflows:co_authors", args=[pk])
        actions.append(Choice("link", "Manage co-authors", url, secondary=True))
    if rules.can_withdraw(user, assessment):
        url = reverse("workflows:withdraw", args=[pk])
        actions.append(Choice("link", "Withdraw the assessment", url, warning=True))
    return actions


@dataclass(frozen=True)
class TrailRow:
    event: object
    label: str
    from_label: str
    to_label: str

    def __getattr__(self, name):
        # The template reads an event's own fields (when, who, comment) through its row.
        return getattr(self.event, name)


def trail(events) -> list[TrailRow]:
    """Audit events in words: the event's label and the stages it moved between."""
    states = dict(State.choices)
    return [
        TrailRow(
            event,
            label(event.event_type),
            states.get(event.from_state, ""),
            states.get(event.to_state, ""),
        )
        for event in events
    ]


@dataclass(frozen=True)
class ReturnNotice:
    event: object
    sections: list  # (section label, its page, the officer's comment on it)

    def __getattr__(self, name):
        return getattr(self.event, name)


def latest_return(assessment) -> ReturnNotice | None:
    """The return or referral that sent the record back to its authors, while it is with
    them: its comments, and the comment on each section linked to that section's page."""
    event = returns.last_return(assessment)
    if event is None or assessment.state not in (State.SCREENING, State.FULL_ASSESSMENT):
        return None
    comments = (event.details or {}).get("section_comments", {})
    sections = [
        (Section(key).label, section_url(assessment, key), text)
        for key, text in comments.items()
        if key in Section.values
    ]
    return ReturnNotice(event, sections)


def section_title(section: str) -> str:
    return duty_modules.section_label(section)


def section_url(assessment, section: str, characteristic: str = "") -> str:
    module_id = duty_modules.module_of_section(section)
    if module_id:
        return reverse("workflows:section_duty", args=[assessment.pk, module_id])
    if characteristic:
        return reverse("workflows:impact_edit", args=[assessment.pk, characteristic])
    return reverse(f"workflows:section_{section}", args=[assessment.pk])


@dataclass(frozen=True)
class ProblemLink:
    message: str
    href: str


def problem_links(assessment, problems: list[Problem]) -> list[ProblemLink]:
    """Each problem links to where it is fixed (a problem of no section: the assessment)."""
    return [
        ProblemLink(
            p.message,
            section_url(assessment, p.section, p.characteristic)
            if p.section
            else reverse("workflows:assessment", args=[assessment.pk]),
        )
        for p in problems
    ]


def may_edit(user, assessment) -> bool:
    return can_edit(user, assessment)


BEFORE_SIGN_OFF = (
    State.SCREENING,
    State.SCREENING_REVIEW,
    State.FULL_ASSESSMENT,
    State.RURALITY_PROOFING,
    State.OFFICER_REVIEW,
    State.AWAITING_SIGN_OFF,
)
BEFORE_PUBLICATION = BEFORE_SIGN_OFF[2:] + (State.SIGNED_OFF,)


def previews(assessment) -> tuple[str, ...]:
    """Which previews the assessment page offers: what the decision-maker will see (until they
    have signed) and the public page (once screening is decided, until it is published)."""
    shown = ()
    if assessment.state in BEFORE_SIGN_OFF:
        shown += ("decision_maker",)
    if assessment.state in BEFORE_PUBLICATION:
        shown += ("public",)
    return shown


def screening_levels(assessment) -> dict[str, str]:
    """The level (and direction) the screening recorded for each group, in words, to show
    beside the impact: {"disability": "Major, negative", "age": "No likely impact"}."""
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    levels = {}
    for question in ruleset.questions:
        if question.kind != "impact_grid":
            continue
        for characteristic_id, row in ((record.answers or {}).get(question.id) or {}).items():
            if isinstance(row, dict) and row.get("level") and characteristic_id not in levels:
                if row["level"] == "none":
                    words = "No likely impact"  # never a bare "None" on the page
                else:
                    words = str(row["level"]).capitalize()
                    if row.get("direction"):
                        words += f", {row['direction']}"
                levels[characteristic_id] = words
    return levels
