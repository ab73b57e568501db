"""eia.pdf.text: hostile text prints literally, no file is read, and the size limits hold."""

import builtins
import sys
import urllib.request
from datetime import date
from pathlib import Path

import pytest

import eia.pdf
import eia.pdf.text as text_module
from eia.pdf.document import ActionLine, AssessmentDocument, EvidenceLine, ImpactLine
from eia.pdf.full import render_full
from eia.pdf.summary import render_summary
from eia.pdf.text import (
    MAX_DOCUMENT_CHARS,
    MAX_FIELD_CHARS,
    SHORTENED_MARKER,
    DocumentTooLarge,
    check_size,
)
from tests.unit.eia.pdf.samples import make_document, read, squashed

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
    # The summary never cuts, so it is refused too: the web page shows everything.
    with pytest.raises(DocumentTooLarge):
        render_summary(doc)


def test_a_document_with_too_many_entries_is_refused():
    doc = make_document(evidence_gaps=("gap",) * 3_000)
    with pytest.raises(DocumentTooLarge, match="too many entries"):
        check_size(doc)
