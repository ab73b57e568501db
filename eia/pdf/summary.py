"""The decision-maker summary renderer, `render_summary`: its text budget and shortener."""

from dataclasses import dataclass

from reportlab.platypus import Spacer, Table

from .document import AssessmentDocument, format_date, format_datetime, humanise, is_adverse
from .layout import (
    FRAME_WIDTH,
    HEADER_FILL,
    build,
    heading,
    implications,
    make_styles,
    sign_off,
    table,
    table_heading,
    table_style,
)
from .text import CONTINUED_NOTE, clean, cut, paragraphs, plain

SUMMARY_MAX_PAGES = 2


@dataclass(frozen=True)
class _Budget:
    cell: int  # characters per cell of the adverse impacts table
    text: int  # characters per answer elsewhere
    rows: int  # adverse impacts in the table
    items: int  # entries of each other list


def _summary_budget(scale: float, rows: int = 12) -> _Budget:
    """From the most generous (scale 1) to the tightest (scale 0). The other sections shrink
    faster than the adverse impacts table does; whole rows are dropped only as a last resort."""
    return _Budget(
        cell=round(40 + 460 * scale),
        text=round(30 + 470 * scale**2),
        rows=rows,
        items=1 + round(5 * scale),
    )


class _Shortener:
    """Shortens summary text and lists, and remembers whether it had to."""

    def __init__(self):
        self.used = False

    def brief(self, value, limit: int) -> str:
        """One line of at most `limit` characters, ending in "…" if cut."""
        text = " ".join(clean(value).split())
        if len(text) <= limit:
            return text
        self.used = True
        return cut(text, limit) + "…"

    def more(self, count: int, shown: int, noun: str) -> str:
        """A note of how many entries were left out, or nothing."""
        hidden = count - shown
        if hidden <= 0:
            return ""
        self.used = True
        return f"{hidden} more {noun}{'s' if hidden != 1 else ''} {CONTINUED_NOTE}."


_SHORTENED_SUMMARY = (
    "Shortened to fit two pages: text ending in “…” and the entries counted below each "
    f"section are {CONTINUED_NOTE.lstrip('…')}."
)


def _adverse_row(impact, budget: _Budget, brief) -> list[str]:
    n = budget.cell
    shown = impact.mitigations[: budget.items + 1]
    each = max(40, n // max(1, len(shown)))
    mitigations = "; ".join(brief(m.strip().rstrip("."), each) for m in shown)
    extra = len(impact.mitigations) - len(shown)
    if extra:
        mitigations = brief(mitigations, n - 12) + f" (+{extra} more)"
    remains = []
    if impact.residual:
        remains.append(f"Remains: {brief(impact.residual.strip().rstrip('.'), n // 2)}.")
    if impact.justification:
        remains.append(f"Why: {brief(impact.justification, n // 2)}")
    return [
        brief(impact.characteristic, 60),
        brief(humanise(impact.size), 20) or "Not stated",
        brief(impact.who, n),
        brief(mitigations or "None recorded", n),
        brief(" ".join(remains) or "Not recorded", n),
    ]


def _summary_story(doc: AssessmentDocument, budget: _Budget) -> list:
    st = make_styles(0.95)
    n = budget.text
    shortener = _Shortener()
    brief, more = shortener.brief, shortener.more
    story = paragraphs("Equality impact assessment: summary for the decision-maker", st.kicker)
    story += heading(brief(doc.title, 200), st.h1, 0, outline=doc.title)
    story += paragraphs(brief(doc.organisation, 150), st.kicker)

    label_width = 82
    value_width = (FRAME_WIDTH - 2 * label_width) / 2
    facts = [
        ("Reference", doc.reference, "Version", str(doc.version)),
        ("Decision body", doc.decision_body, "Decision date", format_date(doc.decision_date)),
        ("Decision-maker", doc.decision_maker, "Status", humanise(doc.status)),
        ("Author", doc.author, "Review date", format_date(doc.review_date) or "Not set"),
    ]

    data = [
        [
            paragraphs(a, st.cell_head),
            paragraphs(brief(b, 90), st.cell),
            paragraphs(c, st.cell_head),
            paragraphs(brief(d, 90), st.cell),
        ]
        for a, b, c, d in facts
    ]
    story.append(
        Table(
            data,
            colWidths=[label_width, value_width, label_width, value_width],
            hAlign="LEFT",
            style=table_style(
                [
                    ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                    ("BACKGROUND", (2, 0), (2, -1), HEADER_FILL),
                ]
            ),
        )
    )
    # Said in full, never shortened: a late sign-off and the decision taken.
    story += paragraphs(doc.timing, st.body, label="Timing:") if doc.timing else []
    if doc.decision_taken:
        story += paragraphs(doc.decision_taken, st.body, label="Decision taken:")
    note_at = len(story)

    story += heading("Screening outcome", st.h2, 0)
    outcome = humanise(doc.screening_outcome) or "Not recorded"
    reasons = doc.screening_reasons[: budget.items]
    text = outcome + (": " + "; ".join(r.strip().rstrip(".") for r in reasons) if reasons else "")
    story += paragraphs(brief(text, n), st.body)
    story += paragraphs(more(len(doc.screening_reasons), len(reasons), "reason"), st.small)

    if doc.about:
        story += heading("The proposal", st.h2, 0)
        shown = doc.about[: min(2, budget.items)]
        for label, text in shown:
            story += paragraphs(brief(text, n), st.body, label=f"{plain(label, 80)}:")
        story += paragraphs(more(len(doc.about), len(shown), "answer"), st.small)

    adverse = [impact for impact in doc.impacts if is_adverse(impact)]
    adverse_heading = table_heading("Adverse impacts by characteristic", st)
    if adverse:
        rows = [_adverse_row(impact, budget, brief) for impact in adverse[: budget.rows]]
        widths = [76, 40, 112, 118, FRAME_WIDTH - 346]
        header = ["Characteristic", "Size", "Who is affected", "Mitigations", "What remains, why"]
        story += table(header, rows, widths, st, heading=adverse_heading)
        story += paragraphs(more(len(adverse), len(rows), "adverse impact"), st.small)
    else:
        story += adverse_heading + paragraphs("No adverse impacts were identified.", st.body)

    positive = [i for i in doc.impacts if i.direction.strip().lower() == "positive"]
    if positive:
        story += heading("Positive impacts", st.h2, 0)
        shown = positive[: budget.items]
        for impact in shown:
            story += paragraphs(
                brief(impact.who, n),
                st.bullet,
                bullet=True,
                label=f"{brief(impact.characteristic, 60)}:",
            )
        story += paragraphs(more(len(positive), len(shown), "positive impact"), st.small)

    story += heading("Rurality findings", st.h2, 0)
    shown = doc.rurality[: budget.items]
    for theme, finding in shown:
        story += paragraphs(brief(finding, n), st.bullet, bullet=True, label=f"{brief(theme, 60)}:")
    story += paragraphs(more(len(doc.rurality), len(shown), "rurality finding"), st.small)
    if not shown:
        story += paragraphs("No rurality findings recorded.", st.body)

    story += heading("Conclusion", st.h2, 0)
    story += paragraphs(
        brief(doc.conclusion_detail, n),
        st.body,
        label=f"{brief(humanise(doc.conclusion), 120) or 'Not yet recorded'}.",
    )

    story += heading("The three aims of the equality duty", st.h2, 0)
    shown = doc.aims[: max(3, budget.items)]
    for aim, consideration in shown:
        story += paragraphs(
            brief(consideration, n), st.bullet, bullet=True, label=f"{brief(aim, 80)}:"
        )
    story += paragraphs(more(len(doc.aims), len(shown), "aim"), st.small)
    if not shown:
        story += paragraphs("Not recorded.", st.body)

    story += heading("Sign-off", st.h2, 0)
    story += sign_off(
        st,
        signer=brief(doc.signed_off_by, 150),
        when=format_datetime(doc.signed_off_at),
        attestation=brief(doc.attestation, max(n, 150)),
    )

    story += heading("Equality implications for the committee report", st.h2, 0)
    story += paragraphs(brief(implications(doc), max(n * 4, 600)), st.body)

    if shortener.used:
        story[note_at:note_at] = [Spacer(1, 4), *paragraphs(_SHORTENED_SUMMARY, st.small)]
    return story


def render_summary(doc: AssessmentDocument) -> bytes:
    """The decision-maker summary: at most two A4 pages, to attach to the committee report.

    Long answers and long lists are cut, each with a visible "…continued in the full assessment".
    It reads only the start of each field, so unlike render_full it never raises
    DocumentTooLarge: the decision-maker can always have the summary.
    """

    def attempt(budget: _Budget) -> tuple[bytes, bool]:
        pdf, pages = build(doc, _summary_story(doc, budget), kind="Decision-maker summary")
        return pdf, pages <= SUMMARY_MAX_PAGES

    pdf, fits = attempt(_summary_budget(1.0))
    if fits:
        return pdf
    pdf, fits = attempt(_summary_budget(0.0))
    if fits:
        # Fill the two pages: the most generous scale that still fits, to within 1/64.
        low, high = 0.0, 1.0
        for _ in range(6):
            middle = (low + high) / 2
            candidate, fits = attempt(_summary_budget(middle))
            if fits:
                low, pdf = middle, candidate
            else:
                high = middle
        return pdf
    for rows in (9, 6, 3):
        pdf, fits = attempt(_summary_budget(0.0, rows=rows))
        if fits:
            break
    return pdf
