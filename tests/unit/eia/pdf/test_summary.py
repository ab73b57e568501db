"""eia.pdf.summary: the decision-maker summary is a page at a glance, then the whole detail,
never cut."""

from datetime import date

import pytest

from eia.pdf.document import ActionLine, AssessmentDocument, ImpactLine
from eia.pdf.summary import key_mitigations, render_summary
from eia.pdf.text import CONTINUED_NOTE, SHORTENED_MARKER
from tests.unit.eia.pdf.samples import AIMS, make_document, read, squashed


def large_document() -> AssessmentDocument:
    """A realistic big assessment: 12 adverse impacts with long answers, many actions."""
    long = (
        "Residents in the northern wards would have to travel up to 14 miles to the nearest "
        "branch, and the bus runs twice a day; many have no car and the cost of taxis is high. "
    ) * 6
    impacts = tuple(
        ImpactLine(
            characteristic=f"Characteristic {number}",
            direction="negative",
            size="major" if number % 2 else "minor",
            who=long,
            evidence=("Library user survey 2026", "Census 2021"),
            mitigations=tuple(f"Mitigation {number}.{m}: {long[:120]}" for m in range(5)),
            residual=long,
            justification=long,
            aims=AIMS,
            intersecting=long,
        )
        for number in range(1, 13)
    )
    actions = tuple(
        ActionLine(f"Action {n}: {long[:200]}", "Head of Libraries", date(2027, 6, 1), "open", "")
        for n in range(40)
    )
    return make_document(
        impacts=impacts,
        actions=actions,
        rurality=tuple((f"Theme {n}", long) for n in range(8)),
        about=tuple((f"Question {n}", long * 3) for n in range(6)),
        conclusion_detail=long * 3,
        attestation=long,
    )


def test_summary_shows_what_the_decision_maker_must_see():
    reader, text = read(render_summary(make_document()))
    flat = squashed(text)

    assert "Library service redesign" in flat
    assert "Adverse impacts" in flat
    assert "Disability: major" in flat and "Age: minor" in flat
    assert "Home delivery service" in flat and "Low-floor mobile library" in flat
    assert "Longer waits for some titles" in flat
    assert "the savings protect statutory social care" in flat
    assert "Bus routes to the hubs are infrequent" in flat
    assert "Continue despite adverse impact" in flat
    assert "Foster good relations" in flat
    assert "Cllr Helen Ashworth" in flat and "3 March 2027 at 2:05pm" in flat
    assert "I have read the adverse impacts" in flat
    assert "Equality implications for the committee report" in flat
    assert f"Page 1 of {len(reader.pages)}" in flat


def test_the_first_page_is_at_a_glance_and_the_detail_follows():
    reader, _ = read(render_summary(make_document()))
    front = squashed(reader.pages[0].extract_text())
    rest = squashed(" ".join(page.extract_text() for page in reader.pages[1:]))

    assert "At a glance" in front
    assert "The proposal: Close four branch libraries" in front
    assert "Outcome: Continue despite adverse impact" in front
    assert "Adverse impacts: 2 (1 major): Disability (major); Age (minor)" in front
    assert "Unclear impacts: 0" in front
    assert "Decision date: 10 March 2027" in front
    assert "Key mitigations:" in front and "Low-floor mobile library" in front
    # The detail: engagement and what it changed, gaps, owners, dates and RAG.
    assert "Engagement and what it changed" in rest
    assert "Northshire Disability Forum" in rest
    assert "Mobile library vehicle replaced with a low-floor model." in rest
    assert "No data on users who are carers" in rest
    assert "Owner: Head of Libraries. Due: 1 June 2027. RAG: Amber." in rest
    assert "Owner: Fleet manager. Due: no date set. RAG: Red." in rest
    assert "41% of weekday users are over 65." in rest


def test_key_mitigations_are_those_of_the_adverse_impacts_each_once():
    assert key_mitigations(make_document()) == ["Home delivery service", "Low-floor mobile library"]


def test_summary_says_not_yet_signed_off():
    _, text = read(render_summary(make_document(signed_off_by="", signed_off_at=None)))
    assert "Not yet signed off" in text


def test_a_4000_character_impact_appears_whole():
    words = " ".join(f"word{n:04d}" for n in range(460))[:3991] + " THE-END."
    assert len(words) >= 4000
    impact = ImpactLine("Disability", "negative", "major", words, residual=words)
    _, text = read(render_summary(make_document(impacts=(impact,))))
    flat = squashed(text)
    assert words in flat
    assert "…" not in flat and CONTINUED_NOTE not in flat and SHORTENED_MARKER not in flat


@pytest.mark.parametrize("direction", ["negative", "unclear"])
def test_every_adverse_and_unclear_impact_is_in_full(direction):
    doc = large_document()
    doc = make_document(
        impacts=tuple(
            ImpactLine(i.characteristic, direction, i.size, i.who, i.evidence, i.mitigations)
            for i in doc.impacts
        )
    )
    _, text = read(render_summary(doc))
    flat = squashed(text)
    for impact in doc.impacts:
        assert squashed(impact.who) in flat
    assert "Shortened" not in flat


def test_a_large_assessment_is_long_rather_than_cut():
    doc = large_document()
    reader, text = read(render_summary(doc))
    flat = squashed(text)
    assert len(reader.pages) > 2
    assert CONTINUED_NOTE not in flat and "Shortened" not in flat
    for n in range(40):
        assert f"Action {n}: " in flat
    for number in range(1, 13):
        assert f"Characteristic {number}: {'major' if number % 2 else 'minor'}" in flat


def test_a_screened_out_summary_shows_no_impacts():
    doc = make_document(screening_outcome="screened_out", conclusion="", aims=())
    _, text = read(render_summary(doc))
    flat = squashed(text)
    assert "no full assessment of impacts was carried out" in flat
    assert "Mitigations and actions" not in flat
