"""Upload checks without HTTP: names kept as sent, members measured by what they inflate to."""

import io
import zipfile

import pytest

from eia import uploads
from eia.errors import InvalidInput


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("stray </i> close.txt", "stray </i> close.txt"),
        ("Q&amp;A.txt", "Q&amp;A.txt"),
        ("  .hidden.pdf ", ".hidden.pdf"),
        ("bad\x00\r\nname.pdf", "badname.pdf"),
        ("", "evidence"),
    ],
)
def test_the_display_name_is_the_sent_name_less_control_characters(sent, shown):
    assert uploads.safe_display_name(sent) == shown


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_ordinary_document_is_measured_and_recognised():
    document = b"<w:p>Hawford library opening hours</w:p>" * 2000
    data = _archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": document})
    assert uploads.detect(data, "docx") is uploads.DOCX


def test_the_unpacked_total_counts_across_members(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 3000)
    monkeypatch.setattr(uploads, "MAX_RATIO", 10**6)
    data = _archive({"[Content_Types].xml": b"<x/>", "a.xml": b"a" * 2000, "b.xml": b"b" * 2000})
    with pytest.raises(InvalidInput, match="unpacks to more than 100 MB"):
        uploads.detect(data, "docx")
