"""The full assessment renderer, `render_full`, and the blocks only it prints."""

from reportlab.lib import colors
from reportlab.platypus import Paragraph

from .document import ActionLine, AssessmentDocument, format_date, format_datetime, humanise
from .layout import (
    FRAME_WIDTH,
    Styles,
    build,
    heading,
    implications,
    make_styles,
    sign_off,
    table,
    table_heading,
)
from .text import check_size, paragraphs, plain

# Tints behind the RAG words: the word carries the meaning, the colour only repeats it.
_RAG = {
    "red": ("Red", colors.HexColor("#f4cdc6")),
    "amber": ("Amber", colors.HexColor("#fff7bf")),
    "green": ("Green", colors.HexColor("#cce2d8")),
}


def _rag(action: ActionLine) -> tuple[str, colors.Color | None]:
    word, fill = _RAG.get(action.rag.strip().lower(), (humanise(action.rag), None))
    return word or "Not rated", fill


def _none(styles: Styles, text: str = "None recorded.") -> list[Paragraph]:
    return paragraphs(text, styles.body)


def _labelled(pairs, styles: Styles) -> list:
    story = []
    for label, text in pairs:
        if text:
            story += paragraphs(text, styles.body, label=f"{plain(label, 200)}:")
    return story


def _bullets(items, styles: Styles) -> list:
    return [p for item in items for p in paragraphs(item, styles.bullet, bullet=True)]


def _full_story(doc: AssessmentDocument) -> list:
    st = make_styles()
    story = paragraphs("Equality impact assessment", st.kicker)
    story += heading(doc.title, st.h1, 0)
    story += paragraphs(doc.organisation, st.kicker)

    story += heading("About this record", st.h2, 0)
    story += _labelled(
        [
            ("Reference", doc.reference),
            ("Version", str(doc.version)),
            ("Status", humanise(doc.status)),
            ("Decision body", doc.decision_body),
            ("Decision date", format_date(doc.decision_date)),
            ("Decision-maker", doc.decision_maker),
            ("Timing", doc.timing),
            ("Decision taken", doc.decision_taken),
            ("Author", doc.author),
            ("Review date", format_date(doc.review_date)),
            ("PDF made", format_datetime(doc.generated_at)),
        ],
        st,
    )

    story += heading("Screening", st.h2, 0)
    story += paragraphs(
        humanise(doc.screening_outcome), st.body, label="Outcome:", empty="Not recorded."
    )
    if doc.screening_reasons:
        story += paragraphs("", st.body, label="Reasons:")
        story += _bullets(doc.screening_reasons, st)

    story += heading("The proposal", st.h2, 0)
    story += _labelled(doc.about, st) or _none(st)

    story += heading("Evidence", st.h2, 0)
    for item in doc.evidence:
        story += paragraphs(item.title, st.body, label="Evidence:", empty="(untitled)")
        story += _labelled(
            [
                ("Source", item.source),
                ("Date", format_date(item.date)),
                ("What it shows", item.shows),
                ("Link (not followed)", item.link),
            ],
            st,
        )
    if not doc.evidence:
        story += _none(st, "No evidence recorded.")
    story += heading("Evidence gaps", st.h3, 1)
    story += _bullets(doc.evidence_gaps, st) or _none(st, "No gaps declared.")

    story += heading("Engagement and consultation", st.h2, 0)
    for item in doc.engagement:
        story += paragraphs(item.who, st.body, label="With:", empty="(not stated)")
        story += _labelled(
            [
                ("When", item.when),
                ("How", item.how),
                ("How many", item.how_many),
                ("What was said", item.said),
                ("What changed", item.changed),
            ],
            st,
        )
    if not doc.engagement:
        story += _none(st, "No engagement recorded.")
    if doc.consultation:
        story += heading("Public consultation", st.h3, 1)
        story += _labelled(doc.consultation, st)

    story += heading("Impacts by characteristic", st.h2, 0)
    for impact in doc.impacts:
        size = f" ({humanise(impact.size).lower()})" if impact.size else ""
        direction = humanise(impact.direction).lower() or "not assessed"
        story += heading(f"{impact.characteristic}: {direction}{size}", st.h3, 1)
        story += _labelled([("Who is affected", impact.who)], st)
        if impact.evidence:
            story += paragraphs("", st.body, label="Evidence cited:")
            story += _bullets(impact.evidence, st)
        if impact.mitigations:
            story += paragraphs("", st.body, label="Mitigations:")
            story += _bullets(impact.mitigations, st)
        story += _labelled(
            [
                ("What remains", impact.residual),
                ("Why it is justified to continue", impact.justification),
                *impact.aims,
                ("Intersecting identities", impact.intersecting),
            ],
            st,
        )
    if not doc.impacts:
        story += _none(st, "No impacts recorded.")

    story += heading("Cumulative impact", st.h2, 0)
    story += paragraphs(doc.cumulative, st.body, empty="None recorded.")

    story += heading("Rurality proofing", st.h2, 0)
    story += _labelled(doc.rurality, st) or _none(st)
    for title, answers in doc.duties:
        story += heading(title, st.h2, 0)
        story += _labelled(answers, st) or _none(st)

    if doc.actions:
        widths = [190, 95, 70, 78, FRAME_WIDTH - 433]
        rows, fills = [], []
        for index, action in enumerate(doc.actions):
            word, fill = _rag(action)
            rows.append(
                [
                    action.title,
                    action.owner,
                    format_date(action.target_date) or "Not set",
                    humanise(action.status),
                    word,
                ]
            )
            if fill is not None:
                fills.append((index, 4, fill))
        columns = ["Action", "Owner", "Target date", "Status", "RAG status"]
        story += table(
            columns,
            rows,
            widths,
            st,
            fills=fills,
            overflow_label=lambda row, column: f"Action {row + 1}, {columns[column].lower()}",
            heading=table_heading("Action plan", st),
        )
    else:
        story += table_heading("Action plan", st) + _none(st, "No actions recorded.")

    story += heading("Conclusion", st.h2, 0)
    story += _labelled(
        [
            ("Conclusion", humanise(doc.conclusion) or "Not yet recorded."),
            ("Detail", doc.conclusion_detail),
            ("How the assessment changed the proposal", doc.changes_made),
            ("Monitoring arrangements", doc.monitoring),
        ],
        st,
    )

    story += heading(doc.aims_heading, st.h2, 0)
    if doc.duty:
        story += paragraphs(doc.duty, st.body)
    story += _labelled(doc.aims, st) or _none(st)

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


def render_full(doc: AssessmentDocument) -> bytes:
    """The full assessment: every section, impact, action, piece of evidence and engagement.

    Raises DocumentTooLarge (with a message for the user) above the document limits.
    """
    check_size(doc)
    pdf, _pages = build(doc, _full_story(doc), kind="Full equality impact assessment")
    return pdf
