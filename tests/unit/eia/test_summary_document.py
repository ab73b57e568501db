"""eia.summary_document: the decision-maker's summary data (live or frozen, dates as ISO
strings) becomes the PDF document with nothing dropped."""

import datetime

from eia.aims import AIMS
from eia.pdf import render_summary
from eia.summary_document import document_from_summary
from tests.support.pdfs import pdf_text


def _snapshot() -> dict:
    impact = {
        "characteristic": "disability",
        "name": "Disability",
        "phrase": "disabled people",
        "size": "major",
        "who": "Disabled people who cannot travel.",
        "evidence": ["Library survey"],
        "mitigations": ["Mobile library"],
        "intersecting": "",
        "residual": "Longer waits.",
        "justification": "The savings protect care.",
    }
    return {
        "assessment": 1,
        "version": 2,
        "title": "Hawford library",
        "reference": "NCC-2027-001",
        "decision_body": "Cabinet",
        "decision_date": "2027-03-10",
        "facts": {"summary": "Close the branch.", "owner": "Priya", "decision_maker": "Cllr Ash"},
        "screened_out": False,
        "screening": {"outcome": "Full assessment", "reasons": "Major.", "mitigation": ""},
        "glance": {},
        "proposal": [{"label": "What changes", "text": "The branch closes."}],
        "adverse": [impact],
        "unclear": [impact | {"name": "Age", "size": "", "who": "Older people, unknown."}],
        "positive": [],
        "aims": [{"key": a.key, "label": a.label, "considerations": []} for a in AIMS],
        "evidence": [
            {"title": "Library survey", "source": "", "dated": "2026-01-05", "shows": "Most walk."}
        ],
        "evidence_gaps": ["No data on carers"],
        "engagement": [
            {
                "who": "Disability Forum",
                "held_on": "2026-05-12",
                "method": "Meeting",
                "how_many": 24,
                "what_said": "Access matters.",
                "what_changed": "A wheelchair lift.",
            }
        ],
        "actions": [
            {
                "title": "Mobile library",
                "description": "",
                "kind": "Mitigation",
                "owner": "Priya (Head of Libraries)",
                "target_date": "2027-06-01",
                "rag": "amber",
                "rag_label": "Amber",
                "status": "Not started",
                "open": True,
            }
        ],
        "rural": [],
        "rural_evidence": "",
        "rural_tailoring": "",
        "rural_monitoring": "",
        "conclusion": "Adjust the proposal",
        "justification": "",
        "changes_made": "",
        "cumulative_impact": "",
    }


def test_a_frozen_snapshot_becomes_the_whole_document():
    doc = document_from_summary(
        _snapshot(), organisation="Northshire", status="Signed off", changed=["Title changed"]
    )
    assert doc.decision_date == datetime.date(2027, 3, 10)
    assert [i.direction for i in doc.impacts] == ["negative", "unclear"]
    assert doc.about[0] == ("Summary", "Close the branch.")
    assert doc.actions[0].target_date == datetime.date(2027, 6, 1)
    text = pdf_text(render_summary(doc))
    for words in (
        "Changed since sign-off",
        "Title changed",
        "Older people, unknown.",
        "No data on carers",
        "A wheelchair lift.",
        "Owner: Priya (Head of Libraries). Due: 1 June 2027. RAG: Amber.",
        "Most walk.",
        "Longer waits.",
    ):
        assert words in text, words
