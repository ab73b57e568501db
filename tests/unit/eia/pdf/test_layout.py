"""eia.pdf.layout: metadata, bookmarks and fonts, tables that always fit, shared blocks."""

import re

import pytest

from eia.pdf.document import ActionLine
from eia.pdf.full import render_full
from eia.pdf.summary import render_summary
from tests.unit.eia.pdf.samples import make_document, read, squashed


@pytest.mark.parametrize("render", [render_summary, render_full])
def test_metadata_language_outline_and_embedded_font(render):
    reader, _ = read(render(make_document(language="cy")))

    meta = reader.metadata
    assert meta.title == "Equality impact assessment: Library service redesign"
    assert meta.author == "Northshire County Council"
    assert "EIA-2027-014" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    top_level = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top_level[:2] == [
        "Library service redesign",
        "About this record" if render is render_full else "At a glance",
    ]
    assert "Equality implications for the committee report" in top_level

    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
            else:
                pytest.fail(f"font {font['/BaseFont']} is not embedded")
    assert embedded == {"LiberationSans", "LiberationSans-Bold"}


def test_a_20000_character_word_in_a_table_cell_and_in_body_text_builds_in_full():
    word = "W" * 20_000
    doc = make_document(
        actions=(ActionLine(word, "Owner", None, "open", "green"),),
        cumulative=word,
    )
    _, text = read(render_full(doc))
    footer = r"Page \d+ of\s+\d+|Northshire County Council · EIA-2027-014 · version 2"
    body = re.sub(footer, "", text)
    runs = sorted(len(run) for run in re.findall("W+", re.sub(r"\s+", "", body)))

    # The cell holds the start of the word and says where the rest is: after the table, where
    # it is printed whole, as it is in the body text.
    assert "continued below the table: Action 1, action" in squashed(text)
    assert runs[-2:] == [20_000, 20_000]
    assert 500 < runs[-3] < 20_000


def test_the_documents_own_implications_paragraph_is_used_when_given():
    doc = make_document(equality_implications="Written by the report author.")
    assert "Written by the report author." in read(render_summary(doc))[1]
