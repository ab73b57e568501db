"""eia.pdf.full: the full assessment prints every section."""

from eia.pdf.full import render_full
from tests.unit.eia.pdf.samples import make_document, read, squashed


def test_full_assessment_has_every_section_and_rag_in_words():
    reader, text = read(render_full(make_document()))
    flat = squashed(text)

    for heading in (
        "About this record",
        "Screening",
        "The proposal",
        "Evidence",
        "Evidence gaps",
        "Engagement and consultation",
        "Impacts by characteristic",
        "Cumulative impact",
        "Rurality proofing",
        "Action plan",
        "Conclusion",
        "The three aims of the equality duty",
        "Sign-off",
        "Equality implications for the committee report",
    ):
        assert heading in flat
    assert "Carers: positive (minor)" in flat and "Sex: neutral" in flat
    assert "Library user survey 2026" in flat and "https://example.org/survey" in flat
    assert "No data on users who are carers" in flat
    assert "Mobile library vehicle replaced with a low-floor model" in flat
    assert "Head of Libraries" in flat and "1 June 2027" in flat and "In progress" in flat
    # RAG status is printed as a word, not only as a colour.
    assert "Amber" in flat and "Red" in flat and "Green" in flat
    assert "Not set" in flat
    assert "Page 1 of" in flat
