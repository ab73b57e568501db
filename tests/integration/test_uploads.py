"""Evidence uploads: size, content-checked types, safe names, and who may download."""

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from eia import uploads
from eia.audit import head
from eia.models import EvidenceItem
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders
from tests.support.clamd import EICAR, FakeClamd
from workflows import services

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def assessment(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


@pytest.fixture
def author(people):
    client = Client()
    client.force_login(people["pm"])
    return client


def _post(client, assessment, name, data, content_type="application/octet-stream", **extra):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(
        f"/assessments/{assessment.pk}/full/evidence/add/",
        {
            "title": "Survey",
            "shows": "Who uses the library.",
            "seen": head(assessment),
            "is_public": "on",
            "upload": upload,
        }
        | extra,
    )


def _docx(parts=("[Content_Types].xml", "word/document.xml")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<xml/>")
    return buffer.getvalue()


def test_a_pdf_is_stored_under_a_random_name_and_served_to_the_organisation(
    author, assessment, media
):
    response = _post(author, assessment, "Library survey 2026.pdf", PDF_BYTES)
    assert response.status_code == 302
    item = EvidenceItem.objects.get(assessment=assessment)
    assert item.file_name == "Library survey 2026.pdf"
    assert item.file_type == "application/pdf"
    stored = Path(item.file.path)
    assert stored.is_relative_to(Path(media))
    assert stored.name != "Library survey 2026.pdf" and stored.suffix == ".pdf"
    download = author.get(f"/public/evidence/{item.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    _close_file(download)
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.pdf", "..\\..\\windows\\evil.pdf", "/abs/path/x.pdf", "\x00bad\n.pdf"],
)
def test_path_traversal_names_never_reach_the_file_system(author, assessment, media, name):
    response = _post(author, assessment, name, PDF_BYTES)
    assert response.status_code == 302
    item = EvidenceItem.objects.get(assessment=assessment)
    # The name is only ever displayed (escaped); control characters go, as it is also a header.
    assert "\x00" not in item.file_name and "\n" not in item.file_name
    assert Path(item.file.name).name != item.file_name
    assert Path(item.file.path).resolve().is_relative_to(Path(media).resolve())
    assert list(Path(media).rglob("passwd*")) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "is not a PDF"),
        ("notes.docx", _docx(parts=("random.txt",)), "is not a Word document"),
        ("data.csv", b"name\x00value\n", "is not a CSV file"),
        ("virus.exe", b"MZ\x90\x00", "must be a PDF"),
        ("noextension", PDF_BYTES, "must be a PDF"),
    ],
)
def test_wrong_content_behind_an_allowed_name_is_refused(author, assessment, name, data, message):
    response = _post(author, assessment, name, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Survey" in page  # what was typed is kept
    assert not EvidenceItem.objects.filter(assessment=assessment).exists()


def test_real_office_documents_and_text_are_accepted(author, assessment):
    assert _post(author, assessment, "minutes.docx", _docx()).status_code == 302
    assert (
        _post(author, assessment, "figures.csv", b"ward,users\nHawford,1200\n").status_code == 302
    )
    types = set(EvidenceItem.objects.values_list("file_type", flat=True))
    assert types == {uploads.DOCX.content_type, uploads.CSV.content_type}


def test_oversize_files_are_refused_with_the_limit(author, assessment, settings):
    too_big = PDF_BYTES + b"0" * (uploads.MAX_UPLOAD_BYTES)
    response = _post(author, assessment, "huge.pdf", too_big)
    assert response.status_code in (400, 413)
    assert "The file must be smaller than 10 MB" in response.content.decode()
    assert not EvidenceItem.objects.filter(assessment=assessment).exists()


def test_a_request_too_large_is_refused_before_reading_it(author, assessment):
    response = author.post(
        f"/assessments/{assessment.pk}/full/evidence/add/",
        {"title": "x", "shows": "y", "seen": head(assessment)},
        CONTENT_LENGTH=str(12 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "The file must be smaller than 10 MB" in response.content.decode()


def test_zip_bombs_are_refused(author, assessment):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<xml/>")
        archive.writestr("word/document.xml", b"0" * (101 * 1024 * 1024))
    response = _post(author, assessment, "bomb.docx", buffer.getvalue())
    assert response.status_code == 400
    # Zeros pack a thousand times over: unpacking stops at 200 times the file's size.
    assert "unpacks to more than 200 times its size" in response.content.decode()


def _uploaded(author, assessment, public=True):
    extra = {} if public else {"is_public": ""}
    _post(author, assessment, "survey.pdf", PDF_BYTES, **extra)
    return EvidenceItem.objects.filter(assessment=assessment).latest("pk")


def test_another_organisation_and_the_public_cannot_fetch_draft_evidence(author, assessment):
    item = _uploaded(author, assessment)
    outsider = Client()
    outsider.force_login(UserFactory(organisation=OrganisationFactory()))
    assert outsider.get(f"/public/evidence/{item.pk}/").status_code == 404
    assert Client().get(f"/public/evidence/{item.pk}/").status_code == 404


def test_published_public_evidence_is_public_and_internal_evidence_is_not(people, organisation):
    assessment = builders.published(people, organisation)
    services_item = EvidenceItem.objects.filter(assessment=assessment).first()
    assert services_item is not None and not services_item.file  # built without a file
    # Upload into a fresh draft, then look at what the public can see once published.
    draft = builders.at_screening_review(people, organisation)
    draft = services.review_screening(
        assessment_id=draft.pk,
        seen=head(draft),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "x"),
    )
    author = Client()
    author.force_login(people["pm"])
    public_item = _uploaded(author, draft, public=True)
    internal_item = _uploaded(author, draft, public=False)
    builders.finish_and_publish(people, draft)
    anonymous = Client()
    assert _status(anonymous, f"/public/evidence/{public_item.pk}/") == 200
    assert _status(anonymous, f"/public/evidence/{internal_item.pk}/") == 404
    assert _status(author, f"/public/evidence/{internal_item.pk}/") == 200


def _status(client, url) -> int:
    response = client.get(url)
    _close_file(response)
    return response.status_code


def _close_file(response) -> None:
    """Close a file response's file. Not response.close(): that sends request_finished, which
    closes the test's database connection on PostgreSQL."""
    for closer in getattr(response, "_resource_closers", []):
        closer()


def _raw_post(client, assessment, file_name: str, data: bytes):
    """A multipart request written by hand, so the file name arrives exactly as given (the
    test client would take its base name first)."""
    boundary = "----due-regard-boundary"
    fields = {"title": "Survey", "shows": "Who uses the library.", "seen": str(head(assessment))}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; '
            f'filename="{file_name}"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        f"/assessments/{assessment.pk}/full/evidence/add/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


@pytest.mark.parametrize(
    "name", ["stray </i> close.txt", "Q&amp;A notes.txt", "2025/26 figures.txt", "<b>bold</b>.txt"]
)
def test_the_file_name_is_kept_as_sent_and_escaped_on_the_page(author, assessment, name):
    response = _raw_post(author, assessment, name, b"Ward,users\nHawford,1200\n")
    assert response.status_code == 302
    item = EvidenceItem.objects.get(assessment=assessment)
    assert item.file_name == name
    page = author.get(f"/assessments/{assessment.pk}/full/evidence/").content.decode()
    assert escape(name) in page
    assert "<b>bold" not in page
    download = author.get(f"/public/evidence/{item.pk}/")
    _close_file(download)
    assert "\n" not in download["Content-Disposition"]


def _understated(archive: bytes, member: str, declared: int) -> bytes:
    """The archive with `member`'s uncompressed size rewritten as `declared`, in its local
    header and the central directory (what a crafted zip bomb does)."""
    data = bytearray(archive)
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30 : local + 30 + len(name)] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def _bomb(size: int, padding: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<xml/>")
        if padding:
            archive.writestr("word/media/image1.bin", padding)
        archive.writestr("word/document.xml", b"0" * size)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("padding", "message"),
    [
        (b"", "unpacks to more than 200 times its size"),
        # Big enough that 200 times it is past 100 MB: the total cap stops it instead.
        (random.Random(11).randbytes(700 * 1024), "unpacks to more than 100 MB"),
    ],
)
def test_a_zip_bomb_that_understates_its_sizes_is_measured_and_refused(
    author, assessment, padding, message
):
    bomb = _understated(_bomb(120 * 1024 * 1024, padding), "word/document.xml", 2000)
    declared = sum(e.file_size for e in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared < 3000 + len(padding)  # what the old check summed
    response = _post(author, assessment, "bomb.docx", bomb)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EvidenceItem.objects.filter(assessment=assessment).exists()


def test_a_document_compressed_far_beyond_any_real_one_is_refused(author, assessment):
    response = _post(author, assessment, "dense.docx", _bomb(20 * 1024 * 1024))
    assert response.status_code == 400
    assert "200 times its size, which documents never do" in response.content.decode()


def test_with_clamd_configured_an_infected_upload_is_refused(author, assessment, settings):
    server = FakeClamd()
    settings.CLAMD_HOST, settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = "127.0.0.1", server.port, 5
    try:
        response = _post(author, assessment, "notes.txt", b"Minutes " + EICAR)
        assert response.status_code == 400
        assert "The file contains a virus" in response.content.decode()
        assert _post(author, assessment, "notes.txt", b"Minutes\n").status_code == 302
    finally:
        server.close()
    assert len(server.streams) == 2
    assert EvidenceItem.objects.filter(assessment=assessment).count() == 1
