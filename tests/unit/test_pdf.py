"""The PDF renderers, read back with pypdf: content, metadata, fonts, hostile text and limits."""

import builtins
import dataclasses
import io
import re
import sys
import urllib.request
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest

import eia.pdf
import eia.pdf.text as text_module
from eia.pdf import (
    MAX_DOCUMENT_CHARS,
    MAX_FIELD_CHARS,
    SHORTENED_MARKER,
    ActionLine,
    AssessmentDocument,
    DocumentTooLarge,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
    check_size,
    equality_implications,
    render_full,
    render_summary,
)

AIMS = (
    ("Eliminate discrimination", "The new booking system was tested with screen-reader users."),
    ("Advance equality of opportunity", "The home delivery service is extended to carers."),
    ("Foster good relations", "Libraries stay open as community spaces two days a week."),
)


def make_document(**changes) -> AssessmentDocument:
    doc = AssessmentDocument(
        organisation="Northshire County Council",
        title="Library service redesign",
        reference="EIA-2027-014",
        version=2,
        decision_body="Cabinet",
        decision_date=date(2027, 3, 10),
        decision_maker="Cllr Helen Ashworth",
        author="Priya Sharma",
        status="signed_off",
        screening_outcome="full_assessment",
        screening_reasons=("People will lose access to a service", "Budget reduction"),
        about=(
            ("What is proposed", "Close four branch libraries and extend the mobile library."),
            ("Who it affects", "Library users, particularly in rural wards."),
        ),
        evidence=(
            EvidenceLine(
                title="Library user survey 2026",
                source="Northshire Libraries",
                date=date(2026, 11, 1),
                shows="41% of weekday users are over 65.",
                link="https://example.org/survey",
            ),
        ),
        evidence_gaps=("No data on users who are carers",),
        engagement=(
            EngagementLine(
                who="Northshire Disability Forum",
                when="January 2027",
                how="Two workshops",
                how_many="38 people",
                said="Step-free access to the mobile library is essential.",
                changed="Mobile library vehicle replaced with a low-floor model.",
            ),
        ),
        impacts=(
            ImpactLine(
                characteristic="Disability",
                direction="negative",
                size="major",
                who="Disabled people who cannot travel to the remaining branches.",
                evidence=("Library user survey 2026",),
                mitigations=("Home delivery service", "Low-floor mobile library"),
                residual="Longer waits for some titles",
                justification="the savings protect statutory social care",
                aims=AIMS[:1],
                intersecting="Older disabled people in rural wards.",
            ),
            ImpactLine(
                characteristic="Age",
                direction="negative",
                size="minor",
                who="Older people who use the branch libraries most.",
                mitigations=("Home delivery service",),
            ),
            ImpactLine(
                characteristic="Carers",
                direction="positive",
                size="minor",
                who="Carers gain home delivery.",
            ),
            ImpactLine(characteristic="Sex", direction="neutral", size="", who="No difference."),
        ),
        actions=(
            ActionLine(
                title="Home delivery service",
                owner="Head of Libraries",
                target_date=date(2027, 6, 1),
                status="in_progress",
                rag="amber",
            ),
            ActionLine(
                title="Low-floor mobile library",
                owner="Fleet manager",
                target_date=None,
                status="not_started",
                rag="red",
            ),
            ActionLine(
                title="Collect data on carers",
                owner="Equality officer",
                target_date=date(2027, 4, 1),
                status="done",
                rag="green",
            ),
        ),
        rurality=(("Access to services and travel", "Bus routes to the hubs are infrequent."),),
        conclusion="continue_despite_adverse_impact",
        conclusion_detail="The adverse impacts are reduced by the mitigations above.",
        changes_made="The mobile library now stops at every closed branch weekly.",
        cumulative="Follows the 2026 bus subsidy cut, which affects the same wards.",
        aims=AIMS,
        review_date=date(2028, 3, 10),
        signed_off_by="Cllr Helen Ashworth",
        signed_off_at=datetime(2027, 3, 3, 14, 5),
        attestation="I have read the adverse impacts on disabled and older people and accept them.",
        generated_at=datetime(2027, 3, 4, 9, 30),
    )
    return dataclasses.replace(doc, **changes)


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


def read(pdf: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    """Extracted text without the line breaks wrapping put in."""
    return re.sub(r"\s+", " ", text)


# --- The summary -----------------------------------------------------------------------------


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
        "About this record" if render is render_full else "Screening outcome",
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


# --- The full assessment ---------------------------------------------------------------------


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


# --- Hostile text ----------------------------------------------------------------------------

HOSTILE = (
    "<b>bold? <i unbalanced <font color=red size=40>red</font> "
    '<a href="https://evil.example/">link</a> &amp; & AT&T &#169; <br/> <para> ]]> '
)


@pytest.fixture
def planted_file(tmp_path) -> Path:
    marker = "MARKER-7f3c1d-SHOULD-NEVER-BE-READ"
    path = tmp_path / "secret.png"
    path.write_text(marker)
    return path


def hostile_document(planted: Path) -> AssessmentDocument:
    img = f'<img src="{planted}"/> and <img src="file://{planted}" width="100" height="100"/>'
    long_word = "W" * 20_000
    welsh = "Gŵyl y Gŵr a'r Ŷd: dŵr, tŷ, ŵyr, ŷd — Cyngor Sir"
    rtl_emoji = "before مرحبا بالعالم שלום עולם 😀👍🏽 after"
    text = f"{HOSTILE} {img} {welsh} {rtl_emoji} nul\x00 bell\x07 lone\ud800 w\u0302"
    return make_document(
        title=f"{HOSTILE}{welsh}\x00\ud800 {rtl_emoji}",
        organisation=f"Cyngor <b>Sir</b> & {welsh}",
        decision_maker=long_word,
        screening_reasons=(text, img),
        about=(("<i>label", text), ("Long word", long_word)),
        impacts=(
            ImpactLine(
                characteristic=f"<b>Disability {welsh}",
                direction="negative",
                size=long_word,
                who=f"{text} {long_word}",
                mitigations=(img, long_word),
                residual=HOSTILE,
                justification=rtl_emoji,
                aims=((HOSTILE, img),),
            ),
        ),
        actions=(
            ActionLine(long_word, long_word, None, HOSTILE, "red"),
            ActionLine("line\n" * 500, "\n\n" * 500, None, "open", "amber"),
            ActionLine(img, rtl_emoji, date(2027, 1, 1), welsh, "<b>"),
        ),
        evidence=(EvidenceLine(img, HOSTILE, None, text, link=f"file://{planted}"),),
        rurality=((HOSTILE, long_word),),
        conclusion=HOSTILE,
        attestation=text,
        signed_off_by=welsh,
    )


@pytest.mark.parametrize("render", [render_summary, render_full])
def test_hostile_text_prints_literally_and_reads_no_file(render, planted_file):
    pdf = render(hostile_document(planted_file))
    reader, text = read(pdf)
    flat = squashed(text)

    assert b"MARKER-7f3c1d" not in pdf
    assert "MARKER-7f3c1d" not in text
    for literal in ("<b>bold?", "<i unbalanced", "<font color=red size=40>", "<a href=", "<img"):
        assert literal in flat
    assert "&amp; & AT&T &#169;" in flat
    assert "ŵ" in text and "ŷ" in text and "Gŵyl y Gŵr" in flat
    # Arabic and emoji are not in Liberation Sans: they become □; the text around them survives.
    assert "before □" in flat and "□ after" in flat
    assert "שלום" in text or "םולש" in text  # Hebrew has glyphs, drawn without bidi reordering
    assert "\x00" not in text
    assert "w\u0302" not in text  # composed to ŵ, which the font has
    # Metadata and bookmarks are shown in the viewer's fonts, so they keep every script.
    assert "مرحبا" in reader.metadata.title and "مرحبا" in reader.outline[0].title


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


def test_rendering_opens_no_file_but_the_vendored_fonts(monkeypatch, planted_file):
    fonts = {str(path) for path in text_module.FONT_FILES.values()}

    def guard(real):
        def guarded(name, *args, **kwargs):
            if str(name) not in fonts:
                pytest.fail(f"rendering opened {name!r}")
            return real(name, *args, **kwargs)

        return guarded

    def no_images(*args, **kwargs):
        pytest.fail(f"rendering asked for an image or URL: {args!r}")

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(urllib.request, "urlopen", no_images)
    # Wherever reportlab has imported its file and image readers, not only where they live.
    for module in [m for name, m in sys.modules.items() if name.startswith("reportlab")]:
        if hasattr(module, "open_for_read"):
            monkeypatch.setattr(module, "open_for_read", guard(module.open_for_read))
        if hasattr(module, "ImageReader"):
            monkeypatch.setattr(module, "ImageReader", no_images)
    text_module.font_coverage.cache_clear()  # so the fonts, too, load under the guard
    doc = hostile_document(planted_file)

    assert render_summary(doc).startswith(b"%PDF")
    assert render_full(doc).startswith(b"%PDF")


def test_every_paragraph_is_made_by_the_one_escaping_helper():
    package = Path(eia.pdf.__file__).parent
    sources = {path.name: path.read_text() for path in package.glob("*.py")}
    assert {name: source.count("Paragraph(") for name, source in sources.items()} == {
        name: int(name == "text.py") for name in sources
    }
    assert "escape(chunk)" in sources["text.py"]


# --- Size limits -----------------------------------------------------------------------------


def test_a_field_over_the_limit_is_shortened_with_a_visible_marker():
    doc = make_document(cumulative="word " * (MAX_FIELD_CHARS // 4))
    _, text = read(render_full(doc))
    assert SHORTENED_MARKER in squashed(text)


def test_a_document_over_the_limit_is_refused_with_a_message():
    answers = MAX_DOCUMENT_CHARS // MAX_FIELD_CHARS + 1
    doc = make_document(about=tuple(("Answer", "x " * MAX_FIELD_CHARS) for _ in range(answers)))

    with pytest.raises(DocumentTooLarge) as raised:
        render_full(doc)
    assert raised.value.message.startswith("This assessment has too much text to make into a PDF")
    assert f"{MAX_DOCUMENT_CHARS:,}" in raised.value.message
    assert raised.value.size > raised.value.limit == MAX_DOCUMENT_CHARS
    # The decision-maker can still have the summary.
    assert len(read(render_summary(doc))[0].pages) <= 2


def test_a_document_with_too_many_entries_is_refused():
    doc = make_document(evidence_gaps=("gap",) * 3_000)
    with pytest.raises(DocumentTooLarge, match="too many entries"):
        check_size(doc)


# --- The equality implications paragraph ----------------------------------------------------


def test_equality_implications_names_impacts_mitigations_justification_and_review():
    assert equality_implications(make_document()) == (
        "An equality impact assessment (version 2, signed off by Cllr Helen Ashworth on "
        "3 March 2027) found likely negative impacts relating to Disability (major) and "
        "Age (minor). It found likely positive impacts relating to Carers. Mitigations: "
        "Home delivery service; Low-floor mobile library. The remaining impact relating to "
        "Disability (Longer waits for some titles) is considered justified: the savings protect "
        "statutory social care. Conclusion: Continue despite adverse impact. The assessment "
        "will be reviewed by 10 March 2028."
    )


def test_equality_implications_flags_a_remaining_impact_without_justification():
    impact = ImpactLine("Race", "negative", "minor", "Some", residual="Fewer interpreters.")
    text = equality_implications(
        make_document(impacts=(impact,), signed_off_by="", conclusion="", review_date=None)
    )
    assert text == (
        "An equality impact assessment (version 2, not yet signed off) found likely negative "
        "impacts relating to Race (minor). No mitigations have been recorded. An adverse impact "
        "relating to Race remains (Fewer interpreters) and no justification has been recorded."
    )


def test_equality_implications_when_no_impact_is_adverse():
    impacts = (ImpactLine("Sex", "neutral", "", "No difference."),)
    text = equality_implications(make_document(impacts=impacts, conclusion="no_major_change"))
    assert text.startswith(
        "An equality impact assessment (version 2, signed off by Cllr Helen Ashworth on "
        "3 March 2027) found no likely negative impacts for the 1 characteristic it considered. "
        "Conclusion: No major change."
    )


def test_equality_implications_when_screened_out():
    doc = make_document(
        screening_outcome="Screened out: no full assessment needed",
        screening_reasons=("An internal process change.", "No change to any service"),
        impacts=(),
        actions=(),
        review_date=None,
    )
    assert equality_implications(doc) == (
        "An equality screening (version 2, signed off by Cllr Helen Ashworth on 3 March 2027) "
        "found that a full equality impact assessment is not needed: An internal process "
        "change; No change to any service."
    )
    assert equality_implications(doc) in squashed(read(render_summary(doc))[1])


def test_the_documents_own_implications_paragraph_is_used_when_given():
    doc = make_document(equality_implications="Written by the report author.")
    assert "Written by the report author." in read(render_summary(doc))[1]
