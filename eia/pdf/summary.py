"""The decision-maker summary renderer, `render_summary`: the whole picture, never cut.

Readable by structure, not by cutting (Bracking: the impacts themselves must be in front of the
decision-maker). Page one is "at a glance": the proposal, the outcome, how many impacts are
adverse or unclear, the key mitigations and the decision date. The detail follows in full: the
proposal, every adverse and unclear impact with its evidence, the evidence, its gaps, the
engagement and what it changed, every mitigation with its owner, date and RAG, what remains and
why, rurality, the conclusion, the aims of the duty, the sign-off and the paragraph for the
committee report. Nothing is shortened; a document too large for any PDF is refused by
`check_size` (the web page shows it in full).
"""

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak

from .document import (
    AssessmentDocument,
    ImpactLine,
    format_date,
    format_datetime,
    humanise,
    is_adverse,
    is_screened_out,
)
from .layout import Styles, build, heading, implications, make_styles, sign_off
from .text import check_size, paragraphs


def _direction(impact: ImpactLine) -> str:
    return impact.direction.strip().lower()


def _named(impacts: list[ImpactLine]) -> str:
    return "; ".join(
        impact.characteristic + (f" ({humanise(impact.size).lower()})" if impact.size else "")
        for impact in impacts
    )


def key_mitigations(doc: AssessmentDocument) -> list[str]:
    """The mitigations of the adverse impacts, each once, in the order the impacts give them."""
    found: list[str] = []
    for impact in doc.impacts:
        if is_adverse(impact):
            found += [title for title in impact.mitigations if title not in found]
    return found


def _facts(doc: AssessmentDocument, st: Styles) -> list:
    """The record's facts as labelled lines: a table cell could not hold a long answer."""
    facts = [
        ("Reference:", f"{doc.reference}, version {doc.version}"),
        ("Decision body:", doc.decision_body or "Not set"),
        ("Decision date:", format_date(doc.decision_date) or "Not set"),
        ("Decision-maker:", doc.decision_maker or "Not named"),
        ("Status:", humanise(doc.status)),
        ("Author:", doc.author or "Not recorded"),
        ("Review date:", format_date(doc.review_date) or "Not set"),
    ]
    style = ParagraphStyle("fact", parent=st.body, spaceAfter=1)
    story = []
    for label, text in facts:
        story += paragraphs(text, style, label=label)
    return story


def _at_a_glance(doc: AssessmentDocument, st: Styles) -> list:
    story = paragraphs("Equality impact assessment: summary for the decision-maker", st.kicker)
    story += heading(doc.title, st.h1, 0)
    story += paragraphs(doc.organisation, st.kicker)
    story += _facts(doc, st)
    # Said in full, never shortened: a late sign-off and the decision taken.
    if doc.timing:
        story += paragraphs(doc.timing, st.body, label="Timing:")
    if doc.decision_taken:
        story += paragraphs(doc.decision_taken, st.body, label="Decision taken:")
    if doc.changed_since_sign_off:
        story += heading("Changed since sign-off", st.h2, 0)
        for line in doc.changed_since_sign_off:
            story += paragraphs(line, st.bullet, bullet=True)
    story += heading("At a glance", st.h2, 0)
    proposal = next((text for label, text in doc.about if label == "Summary"), "")
    if not proposal and doc.about:
        proposal = doc.about[0][1]
    outcome = humanise(doc.conclusion) or humanise(doc.screening_outcome) or "Not yet recorded"
    adverse = [impact for impact in doc.impacts if is_adverse(impact)]
    unclear = [impact for impact in doc.impacts if _direction(impact) == "unclear"]
    major = sum(1 for impact in adverse if impact.size.strip().lower() == "major")
    lines = [
        ("The proposal:", proposal or "Not described"),
        ("Outcome:", outcome),
        (
            "Adverse impacts:",
            f"{len(adverse)} ({major} major)" + (f": {_named(adverse)}" if adverse else ""),
        ),
        ("Unclear impacts:", f"{len(unclear)}" + (f": {_named(unclear)}" if unclear else "")),
        ("Decision date:", format_date(doc.decision_date) or "Not set"),
        ("Sign-off:", _signed(doc)),
    ]
    for label, text in lines:
        story += paragraphs(text, st.bullet, bullet=True, label=label)
    mitigations = key_mitigations(doc)
    story += paragraphs("", st.body, label="Key mitigations:")
    for title in mitigations or ["None recorded"]:
        story += paragraphs(title, st.bullet, bullet=True)
    story += paragraphs(
        "The full detail follows, from page 2. Nothing in it is shortened.", st.small
    )
    return story


def _signed(doc: AssessmentDocument) -> str:
    if not doc.signed_off_by:
        return "Not yet signed off"
    when = format_datetime(doc.signed_off_at)
    return f"Signed off by {doc.signed_off_by}" + (f" on {when}" if when else "")


def _impact_detail(impact: ImpactLine, st: Styles) -> list:
    size = humanise(impact.size) or "Size not stated"
    story = heading(f"{impact.characteristic}: {size.lower()}", st.h3, 1)
    story += paragraphs(impact.who or "Not described", st.body, label="Who is affected and how:")
    if impact.intersecting:
        story += paragraphs(impact.intersecting, st.body, label="Intersecting identities:")
    story += paragraphs("; ".join(impact.evidence) or "None cited", st.body, label="Evidence:")
    if is_adverse(impact):
        mitigations = "; ".join(impact.mitigations) or "None recorded"
        story += paragraphs(mitigations, st.body, label="Mitigations:")
    return story


def _detail(doc: AssessmentDocument, st: Styles) -> list:
    story = heading("The proposal", st.h2, 0)
    for label, text in doc.about or (("The proposal", "Not described"),):
        story += paragraphs(text, st.body, label=f"{label}:")
    story += heading("Screening", st.h2, 0)
    story += paragraphs(
        humanise(doc.screening_outcome) or "Not recorded", st.body, label="Outcome:"
    )
    for reason in doc.screening_reasons:
        story += paragraphs(reason, st.bullet, bullet=True)
    if is_screened_out(doc):
        story += paragraphs(
            "Screened out: no full assessment of impacts was carried out for this version.",
            st.body,
        )
    adverse = [impact for impact in doc.impacts if is_adverse(impact)]
    unclear = [impact for impact in doc.impacts if _direction(impact) == "unclear"]
    positive = [impact for impact in doc.impacts if _direction(impact) == "positive"]
    if not is_screened_out(doc):
        story += heading("Adverse impacts", st.h2, 0)
        for impact in adverse:
            story += _impact_detail(impact, st)
        if not adverse:
            story += paragraphs("No adverse impacts were identified.", st.body)
        story += heading("Unclear impacts", st.h2, 0)
        for impact in unclear:
            story += _impact_detail(impact, st)
        if not unclear:
            story += paragraphs("No impact is recorded as unclear.", st.body)
        if positive:
            story += heading("Positive impacts", st.h2, 0)
            for impact in positive:
                story += paragraphs(
                    impact.who, st.bullet, bullet=True, label=f"{impact.characteristic}:"
                )
        story += _evidence_and_engagement(doc, st)
        story += _mitigations(doc, adverse, st)
    story += heading("Rurality findings", st.h2, 0)
    for theme, finding in doc.rurality:
        story += paragraphs(finding, st.bullet, bullet=True, label=f"{theme}:")
    if not doc.rurality:
        story += paragraphs("No rurality findings recorded.", st.body)
    for title, answers in doc.duties:
        story += heading(title, st.h2, 0)
        for label, answer in answers:
            story += paragraphs(answer, st.bullet, bullet=True, label=f"{label}:")
    story += heading("Conclusion", st.h2, 0)
    story += paragraphs(
        doc.conclusion_detail, st.body, label=f"{humanise(doc.conclusion) or 'Not recorded'}."
    )
    if doc.changes_made:
        story += paragraphs(doc.changes_made, st.body, label="How the assessment changed it:")
    if doc.cumulative:
        story += paragraphs(doc.cumulative, st.body, label="Cumulative impact:")
    if doc.monitoring:
        story += paragraphs(doc.monitoring, st.body, label="Monitoring arrangements:")
    story += heading(doc.aims_heading, st.h2, 0)
    if doc.duty:
        story += paragraphs(doc.duty, st.body)
    for aim, consideration in doc.aims:
        story += paragraphs(consideration, st.bullet, bullet=True, label=f"{aim}:")
    if not doc.aims:
        story += paragraphs("Not recorded.", st.body)
    story += heading("Sign-off", st.h2, 0)
    story += sign_off(
        st,
        signer=doc.signed_off_by,
        when=format_datetime(doc.signed_off_at),
        attestation=doc.attestation,
    )
    story += heading("Equality implications for the committee report", st.h2, 0)
    story += paragraphs(implications(doc), st.body)
    return story


def _evidence_and_engagement(doc: AssessmentDocument, st: Styles) -> list:
    story = heading("Evidence", st.h2, 0)
    for item in doc.evidence:
        where = ", ".join(part for part in (item.source, format_date(item.date)) if part)
        story += paragraphs(
            item.shows,
            st.bullet,
            bullet=True,
            label=f"{item.title}{f' ({where})' if where else ''}:",
        )
    if not doc.evidence:
        story += paragraphs("No evidence recorded.", st.body)
    story += heading("Evidence gaps", st.h2, 0)
    for gap in doc.evidence_gaps:
        story += paragraphs(gap, st.bullet, bullet=True)
    if not doc.evidence_gaps:
        story += paragraphs("No evidence gaps recorded.", st.body)
    story += heading("Engagement and what it changed", st.h2, 0)
    for row in doc.engagement:
        held = " · ".join(part for part in (row.when, row.how, row.how_many) if part)
        story += heading(row.who + (f" ({held})" if held else ""), st.h3, 1, outline=row.who)
        story += paragraphs(row.said, st.body, label="What they said:")
        story += paragraphs(row.changed or "Nothing recorded", st.body, label="What it changed:")
    if not doc.engagement:
        story += paragraphs("No engagement recorded.", st.body)
    for label, text in doc.consultation:
        story += paragraphs(text, st.body, label=f"Public consultation, {label.lower()}:")
    return story


def _mitigations(doc: AssessmentDocument, adverse: list[ImpactLine], st: Styles) -> list:
    story = heading("Mitigations and actions", st.h2, 0)
    for action in doc.actions:
        when = format_date(action.target_date) or "no date set"
        rag = humanise(action.rag) or "not rated"
        line = f"Owner: {action.owner or 'Not recorded'}. Due: {when}. RAG: {rag}."
        line += f" Status: {humanise(action.status) or 'Not recorded'}."
        story += paragraphs(line, st.bullet, bullet=True, label=f"{action.title}.")
        if action.description:
            story += paragraphs(action.description, st.body)
    if not doc.actions:
        story += paragraphs("No actions recorded.", st.body)
    story += heading("What remains and why", st.h2, 0)
    for impact in adverse:
        story += heading(impact.characteristic, st.h3, 1)
        story += paragraphs(impact.residual or "Not recorded", st.body, label="What remains:")
        story += paragraphs(
            impact.justification or "Not recorded", st.body, label="Why it is justified:"
        )
    if not adverse:
        story += paragraphs("No adverse impact remains.", st.body)
    return story


def render_summary(doc: AssessmentDocument) -> bytes:
    """The decision-maker summary: one page at a glance, then the whole detail, uncut.
    Raises DocumentTooLarge above the document limits, as render_full does."""
    check_size(doc)
    st = make_styles()
    story = _at_a_glance(doc, st) + [PageBreak()] + _detail(doc, st)
    pdf, _ = build(doc, story, kind="Decision-maker summary")
    return pdf
