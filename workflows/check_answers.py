"""The check-answers page before every submission (GOV.UK's "check answers" pattern), as plain
data: what the author is about to submit, each answer with a link to where it is changed, what
the screening rules make of the answers, and every blocker (the lawful minimum of
`eia.quality` or an unanswered screening question) linked to where it is fixed.

Blockers are computed by the same functions the submission runs, so the page never says
"ready" for something the service would refuse."""

from dataclasses import dataclass, field

from django.urls import reverse

from eia import quality, screening
from eia.models import RuralTheme, Section, State
from eia.services.screening import screening_errors

from .forms.screening import answer_rows
from .presenters import ProblemLink, problem_links, section_url

NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Answer:
    """One row of a GOV.UK summary list; `href` is where it is changed."""

    key: str
    value: str
    href: str


@dataclass(frozen=True)
class Card:
    title: str
    answers: list[Answer]
    href: str  # the section's page, for "Change" on the card itself


@dataclass(frozen=True)
class Outcome:
    """What the screening rules say of the answers, before anyone submits them."""

    label: str
    reasons: list[str]
    flags: list[str]


@dataclass(frozen=True)
class CheckAnswers:
    cards: list[Card] = field(default_factory=list)
    blockers: list[ProblemLink] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def ready(self) -> bool:
        return not self.blockers


def check_answers(assessment) -> CheckAnswers:
    """The page for the author's current stage; empty outside the author's stages."""
    if assessment.state == State.SCREENING:
        return _screening(assessment)
    if assessment.state == State.FULL_ASSESSMENT:
        # Screened in, rurality proofing is a section of the full assessment, submitted with
        # it: its card is here and its blockers are in the full assessment's lawful minimum.
        rural = [_rurality_card(assessment)] if assessment.rurality_proofing_required else []
        return CheckAnswers(
            cards=_full_cards(assessment) + rural,
            blockers=problem_links(assessment, quality.full_assessment_problems(assessment)),
        )
    # The short path of a screened-out proposal (and a screened-in record submitted before
    # rurality proofing joined the full assessment).
    if assessment.state == State.RURALITY_PROOFING:
        return CheckAnswers(
            cards=[_rurality_card(assessment)],
            blockers=problem_links(assessment, quality.rurality_problems(assessment)),
        )
    return CheckAnswers()


def _screening(assessment) -> CheckAnswers:
    record = assessment.screening
    ruleset = screening.pinned_ruleset(record)
    page = reverse("workflows:screening", args=[assessment.pk])
    answers = [
        Answer(label, text, f"{page}#{anchor}")
        for label, text, anchor in answer_rows(ruleset, record.answers, record.characteristics)
    ]
    blockers = [
        ProblemLink(error.message, f"{page}#{_screening_anchor(error)}")
        for error in screening_errors(assessment)
    ]
    outcome = None
    if record.result and not blockers:
        result = record.result
        outcome = Outcome(
            label=ruleset.outcome_label(result["outcome"]),
            reasons=[reason["text"] for reason in result["reasons"]],
            flags=[ruleset.flag_label(flag) for flag in result["flags"]],
        )
    return CheckAnswers(
        cards=[Card("Screening answers", answers, page)], blockers=blockers, outcome=outcome
    )


def _screening_anchor(error) -> str:
    """The input an unanswered question's message links to, as the screening page names it."""
    parts = (error.field or error.question_id).split(".")
    if len(parts) == 3:
        return f"id_{'__'.join(parts)}_0"
    return f"id_{parts[0]}"


def _text(value) -> str:
    return str(value).strip() if value not in (None, "") else NOT_ANSWERED


def _full_cards(assessment) -> list[Card]:
    full = quality.full_of(assessment)
    pk = assessment.pk
    proposal = section_url(assessment, Section.PROPOSAL)
    cards = [
        Card(
            Section.PROPOSAL.label,
            [
                Answer(full._meta.get_field(name).verbose_name.capitalize(), _text(value), proposal)
                for name, value in [
                    ("aims", full.aims),
                    ("who_affected", full.who_affected),
                    ("what_changes", full.what_changes),
                    ("budget", full.budget),
                    ("timescale", full.timescale),
                ]
            ],
            proposal,
        )
    ]
    evidence = section_url(assessment, Section.EVIDENCE)
    cards.append(
        Card(
            Section.EVIDENCE.label,
            [
                Answer(
                    item.title, item.shows, reverse("workflows:evidence_edit", args=[pk, item.pk])
                )
                for item in assessment.evidence.all()
            ]
            + [
                Answer("Evidence gap", gap.description, evidence)
                for gap in assessment.evidence_gaps.all()
            ],
            evidence,
        )
    )
    cards.append(
        Card(
            Section.ENGAGEMENT.label,
            [
                Answer(
                    item.who,
                    item.what_said,
                    reverse("workflows:engagement_edit", args=[pk, item.pk]),
                )
                for item in assessment.engagement.all()
            ],
            section_url(assessment, Section.ENGAGEMENT),
        )
    )
    impacts = {impact.characteristic: impact for impact in assessment.impacts.all()}
    cards.append(
        Card(
            Section.IMPACTS.label,
            [
                Answer(
                    group.name,
                    _impact_words(impacts.get(group.id)),
                    section_url(assessment, Section.IMPACTS, group.id),
                )
                for group in screening.characteristics_in_scope(assessment.screening)
            ],
            section_url(assessment, Section.IMPACTS),
        )
    )
    cards.append(
        Card(
            Section.ACTIONS.label,
            [
                Answer(
                    action.title,
                    _action_words(action),
                    reverse("workflows:action_edit", args=[pk, action.pk]),
                )
                for action in assessment.actions.select_related("owner")
            ],
            section_url(assessment, Section.ACTIONS),
        )
    )
    conclusion = section_url(assessment, Section.CONCLUSION)
    rows = [("Conclusion", full.get_conclusion_display() if full.conclusion else "")]
    if full.justification:
        rows.append(("Justification", full.justification))
    rows += [
        ("How the assessment changed the proposal", full.changes_made),
        ("Cumulative impact", full.cumulative_impact),
        ("Review date", full.review_date.strftime("%-d %B %Y") if full.review_date else ""),
    ]
    cards.append(
        Card(
            Section.CONCLUSION.label,
            [Answer(key, _text(value), conclusion) for key, value in rows],
            conclusion,
        )
    )
    return cards


def _impact_words(impact) -> str:
    if impact is None:
        return "Not recorded"
    words = impact.get_direction_display()
    if impact.size:
        words += f" ({impact.get_size_display().lower()})"
    return words


def _action_words(action) -> str:
    owner = action.owner_label or "no owner"
    target = action.target_date.strftime("%-d %B %Y") if action.target_date else "no target date"
    return f"{action.get_kind_display()}: {owner}, by {target}"


def _rurality_card(assessment) -> Card:
    page = section_url(assessment, Section.RURALITY)
    answered = {row.theme: row for row in assessment.rural_impacts.all()}
    answers = []
    for theme_value, theme_label in RuralTheme.choices:
        row = answered.get(theme_value)
        if row is None:
            words = NOT_ANSWERED
        else:
            words = row.get_kind_display()
            if row.scale:
                words += f" ({row.get_scale_display().lower()})"
            if row.description:
                words += f": {row.description}"
        answers.append(Answer(theme_label, words, page))
    proofing = getattr(assessment, "rurality", None)
    for name, key in [
        ("evidence_used", "Evidence used"),
        ("tailoring", "How the proposal was tailored"),
        ("monitoring", "Monitoring and evaluation"),
    ]:
        answers.append(Answer(key, _text(getattr(proofing, name, "")), page))
    return Card(Section.RURALITY.label, answers, page)
