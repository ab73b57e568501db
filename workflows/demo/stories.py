"""Realistic assessments built through the real services, for the demo and for tests.

Nothing here writes to the database directly: every step is the same service call a person's
click makes, with the page's staleness token read just before it as a page would, so the demo's
records (and the tests' fixtures) have complete audit trails.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

import screening_rules
from eia import screening, summary
from eia.audit import head
from eia.models import FULL_SECTIONS, Direction, RuralTheme, Section
from eia.services import actions, engagement, evidence, impacts, rurality, sections
from eia.services.screening import save_screening_answers

from .. import services
from . import duty_modules


class _Page:
    """Keyword arguments of a service call made as from a page loaded just now."""

    def __init__(self, assessment, by):
        self.assessment, self.by = assessment, by

    def __call__(self) -> dict:
        return {"assessment_id": self.assessment.pk, "by": self.by, "seen": head(self.assessment)}


def screening_answers(
    outcome: str, *, rural: bool = False, adverse: str = "disability", ruleset: str = "england"
) -> dict:
    """Answers to a shipped rule set's questions that lead to `outcome` (England's, unless
    another is named: Wales and Scotland ask the same and more, Northern Ireland's Section 75
    screening asks its own)."""
    rules = screening_rules.load_ruleset(ruleset)
    if ruleset == "northern_ireland":
        return _section_75_answers(rules, outcome, adverse)
    relevant = "no" if outcome == "screened_out" else "yes"
    impact = {c.id: {"level": "none"} for c in rules.characteristics}
    answers = {
        "access": relevant,
        "staff": "no",
        "budget": relevant,
        "other_policy": "no",
        "public_concern": "no",
        "strategic_decision": "no",
        "welsh_language_effect": "no",
        "island_difference": "no",
        "rural_difference": "yes" if rural else "no",
        "covenant_functions": ["none"],
        "human_rights_effect": "no",
        "impact": impact,
    }
    if outcome == "full_assessment":
        impact[adverse] = {"level": "major", "direction": "negative"}
    elif outcome == "screened_out_with_mitigation":
        impact["age"] = {"level": "minor", "direction": "negative"}
        answers["mitigation_possible"] = "yes"
        answers["mitigation"] = "Paper forms stay available at every library."
    elif outcome != "screened_out":
        raise ValueError(outcome)
    asked = {question.id for question in rules.questions}
    return {key: value for key, value in answers.items() if key in asked}


def _section_75_answers(rules, outcome: str, adverse: str) -> dict:
    """The Equality Commission's screening: a level (none, minor, major) per category."""
    equality = {c.id: {"level": "none"} for c in rules.characteristics}
    relations = {c.id: {"level": "none"} for c in rules.characteristics if c.good_relations}
    answers = {
        "affected_people": "Residents who use the service, and staff who run it.",
        "impact_equality": equality,
        "promote_equality": "no",
        "impact_good_relations": relations,
        "promote_good_relations": "no",
        "multiple_identities": "Older disabled people living alone.",
        "human_rights_effect": "no",
    }
    if outcome == "full_assessment":
        equality[adverse] = {"level": "major"}
    elif outcome == "screened_out_with_mitigation":
        equality["age"] = {"level": "minor"}
        answers["mitigation_possible"] = "yes"
        answers["mitigation"] = "Paper forms stay available at every leisure centre."
    elif outcome != "screened_out":
        raise ValueError(outcome)
    asked = {question.id for question in rules.questions}
    return {key: value for key, value in answers.items() if key in asked}


@dataclass(frozen=True)
class Story:
    """The words of one assessment; the default is the library closure used in tests."""

    aims: str = "Keep a library service within reach of every resident for less money."
    who: str = "Library users, especially older and disabled people and rural residents."
    changes: str = "Two branches close; a mobile library serves the rural west weekly."
    budget: str = "£450,000 saving over two years."
    evidence_title: str = "Library user survey 2026"
    evidence_shows: str = "A third of Hawford users are disabled; most arrive by bus."
    engaged: str = "Northshire Disability Forum"
    said: str = "Step-free access to the van matters."
    changed: str = "The mobile library will have a wheelchair lift."
    adverse: str = "disability"
    adverse_who: str = "Disabled people who cannot travel to the next branch."
    adverse_aim: str = "The mobile library keeps access for people who cannot travel."
    residual: str = "Longer waits between visits."
    mitigation: str = "Run a mobile library with a wheelchair lift"
    conclusion: str = "adjust"
    changes_made: str = "Added the mobile library and the wheelchair lift."
    cumulative: str = "Bus cuts (NCC-2027-008) affect the same people."
    extra_negative: dict = field(default_factory=dict)  # characteristic: who
    # More of the duty's aims for the adverse impact (field: text), e.g. Northern Ireland's
    # disability duties; and the monitoring arrangements.
    more_aims: dict = field(default_factory=dict)
    monitoring: str = "Library visits and issues per stop, reported to Cabinet each quarter."


def complete_full(assessment, *, by, owner=None, story: Story | None = None, adverse=None):
    """A lawful record: every group in scope, a major negative impact with evidence, a
    mitigation with an owner and date, engagement, and a conclusion."""
    story = story or Story(**({"adverse": adverse} if adverse else {}))
    args = _Page(assessment, by)
    sections.save_proposal(
        **args(),
        data={
            "aims": story.aims,
            "who_affected": story.who,
            "what_changes": story.changes,
            "budget": story.budget,
            "timescale": "From April next year.",
        },
    )
    item = evidence.save_evidence(
        **args(),
        data={
            "title": story.evidence_title,
            "source": "Service monitoring",
            "link": "",
            "dated": datetime.date(2026, 3, 1),
            "is_public": True,
            "shows": story.evidence_shows,
        },
    )
    engagement.save_engagement(
        **args(),
        data={
            "who": story.engaged,
            "held_on": datetime.date(2026, 5, 12),
            "method": "meeting",
            "how_many": 24,
            "what_said": story.said,
            "what_changed": story.changed,
        },
    )
    negatives = {story.adverse: story.adverse_who} | story.extra_negative
    for characteristic in screening.characteristics_in_scope(assessment.screening):
        if characteristic.id in negatives:
            impacts.save_impact(
                **args(),
                characteristic=characteristic.id,
                data={
                    "direction": Direction.NEGATIVE,
                    "size": "major" if characteristic.id == story.adverse else "minor",
                    "who_affected": negatives[characteristic.id],
                    "aim_advance": story.adverse_aim,
                    "residual": story.residual,
                }
                | (story.more_aims if characteristic.id == story.adverse else {}),
                evidence_ids=[item.pk],
            )
        else:
            impacts.save_impact(
                **args(), characteristic=characteristic.id, data={"direction": Direction.NEUTRAL}
            )
    actions.save_action(
        **args(),
        data={
            "kind": "mitigation",
            "title": story.mitigation,
            "description": "",
            "target_date": timezone.localdate() + datetime.timedelta(90),
            "status": "not_started",
            "rag": "amber",
        },
        owner_id=(owner or by).pk,
        impact_ids=list(
            assessment.impacts.filter(direction=Direction.NEGATIVE).values_list("pk", flat=True)
        ),
    )
    sections.save_conclusion(
        **args(),
        data={
            "conclusion": story.conclusion,
            "justification": "",
            "changes_made": story.changes_made,
            "cumulative_impact": story.cumulative,
            "monitoring": story.monitoring,
            "review_date": None,
        },
    )
    for section in FULL_SECTIONS:
        sections.mark_section(**args(), section=section, completed=True)


def complete_rurality(assessment, *, by):
    args = _Page(assessment, by)
    themes = {theme.value: {"kind": "none", "description": "", "scale": ""} for theme in RuralTheme}
    themes["access"] = {
        "kind": "direct",
        "scale": "major",
        "description": "The nearest branch is 14 miles away by a bus that runs twice a day.",
    }
    rurality.save_rurality(
        **args(),
        themes=themes,
        data={
            "evidence_used": "Parish-level bus timetables, not county averages.",
            "tailoring": "A weekly mobile library stop in every parish over 300 people.",
            "monitoring": "Quarterly issues per stop, reviewed with parish councils.",
        },
    )
    sections.mark_section(**args(), section=Section.RURALITY, completed=True)


# ---------------------------------------------------------------------------------------------
# Moving an assessment along, as the right person each time


def answer_and_submit_screening(assessment, *, by, outcome, rural=False, adverse="disability"):
    page = _Page(assessment, by)
    ruleset = assessment.screening.ruleset_id
    answers = screening_answers(outcome, rural=rural, adverse=adverse, ruleset=ruleset)
    save_screening_answers(**page(), answers=answers)
    if outcome != "full_assessment":  # screened out: the modules come before its submission
        assessment.refresh_from_db()
        duty_modules.answer_all(assessment, by=by)
    return services.submit_screening(**page())


def confirm(assessment, *, by, outcome, reasons, mitigation=""):
    if outcome == "screened_out_with_mitigation" and not mitigation:
        mitigation = "Paper forms and telephone help stay available for anyone who needs them."
    return services.review_screening(
        **_Page(assessment, by)(),
        decision=services.ScreeningDecision(outcome, reasons, mitigation),
    )


def submit_stage(assessment, *, by):
    assessment.refresh_from_db()
    if assessment.state == "full_assessment":
        duty_modules.answer_all(assessment, by=by)
        assessment.refresh_from_db()
    submit = {
        "full_assessment": services.submit_full_assessment,  # with any rurality proofing
        "rurality_proofing": services.submit_rurality_proofing,  # the screened-out short path
    }[assessment.state]
    return submit(**_Page(assessment, by)())


def officer_approves(assessment, *, by):
    return services.review_assessment(**_Page(assessment, by)(), approve=True, comment="")


def decision_maker_signs(assessment, *, by, late_reason: str = ""):
    """Sign as the decision-maker does: having been shown the summary (its hash is checked);
    on or after the decision date, with their reason."""
    assessment.refresh_from_db()
    shown = summary.content_hash(summary.decision_summary(assessment))
    return services.decide_sign_off(
        **_Page(assessment, by)(),
        sign=True,
        comment="",
        attested=True,
        seen_hash=shown,
        late_reason=late_reason,
    )


def officer_publishes(assessment, *, by):
    return services.publish(**_Page(assessment, by)())
