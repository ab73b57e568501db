"""eia.pdf.summary: the decision-maker summary fits two pages and says what was cut."""

from datetime import date

from eia.pdf.document import ActionLine, AssessmentDocument, ImpactLine
from eia.pdf.summary import render_summary
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

    assert len(reader.pages) <= 2
    assert "Library service redesign" in flat
    assert "Adverse impacts by characteristic" in flat
    assert "Disability" in flat and "Major" in flat
    assert "Age" in flat and "Minor" in flat
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


def test_summary_says_not_yet_signed_off():
    _, text = read(render_summary(make_document(signed_off_by="", signed_off_at=None)))
    assert "Not yet signed off" in text


def test_summary_of_a_large_assessment_stays_within_two_pages_and_says_what_was_cut():
    doc = large_document()
    reader, text = read(render_summary(doc))
    flat = squashed(text)

    assert len(reader.pages) <= 2
    assert "Shortened to fit two pages" in flat
    assert "more rurality findings …continued in the full assessment" in flat
    # Every adverse impact is still named, with its size.
    for number in range(1, 13):
        assert f"Characteristic {number} {'Major' if number % 2 else 'Minor'}" in flat
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in flat
