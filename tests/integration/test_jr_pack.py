"""The judicial-review pack proves itself: every manifest hash matches its file, the timeline
lists every event, the snapshot's hash matches the sign-off, and it streams."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.test import Client
from pypdf import PdfReader

from eia import summary
from eia.audit import head
from eia.events import label
from eia.services import evidence
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import stories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(people, organisation):
    """Version 1 published, with an uploaded evidence file; version 2 under way."""
    first = builders.at_screening_review(people, organisation, title="Hawford library closure")
    stories.confirm(first, by=people["officer"], outcome="full_assessment", reasons="Major.")
    first.refresh_from_db()
    evidence.save_evidence(
        assessment_id=first.pk,
        seen=head(first),
        by=people["pm"],
        data={"title": "Footfall counts", "shows": "Visits by hour.", "is_public": True},
        upload=SimpleUploadedFile("footfall.csv", b"hour,visits\n9,12\n", content_type="text/csv"),
    )
    first = builders.finish_and_publish(people, first)
    second = services.start_review(assessment_id=first.pk, seen=head(first), by=people["pm"])
    return first, second


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def _open(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_pack_re_verifies_from_its_manifest(reviewed, people):
    first, second = reviewed
    client = Client()
    client.force_login(people["officer"])
    response = client.get(f"/pipeline/{first.pipeline_item_id}/jr-pack.zip")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)  # never built whole in memory
    pack = _open(b"".join(response.streaming_content))
    manifest = json.loads(pack.read("manifest.json"))
    names = {entry["name"] for entry in manifest["files"]}
    assert names == set(pack.namelist()) - {"manifest.json"}
    for entry in manifest["files"]:
        data = pack.read(entry["name"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["name"]
        assert len(data) == entry["bytes"]
    assert {"timeline.pdf", "decision.pdf", "brown-principles.pdf", "verification.json"} <= names
    assert "compare/version-2-against-version-1.pdf" in names
    assert any(
        name.startswith("evidence/version-1/") and name.endswith("footfall.csv") for name in names
    )
    # The timeline lists every event of every version.
    timeline = _text(pack.read("timeline.pdf"))
    for version in (first, second):
        for event in version.audit_events.all():
            assert f"v{version.version} #{event.sequence}" in timeline
            assert label(event.event_type) in timeline
    # What the decision-maker saw, with a hash that still matches the sign-off.
    snapshot = json.loads(pack.read("signed/version-1-snapshot.json"))
    record = first.sign_off_record
    assert summary.content_hash(snapshot) == record.content_hash
    assert pack.read("signed/version-1-snapshot.sha256").decode().startswith(record.content_hash)
    assert json.loads(pack.read("verification.json"))["version-1"]["intact"] is True
    principles = _text(pack.read("brown-principles.pdf"))
    for title in ("Awareness of the duty", "Not delegated", "An adequate record"):
        assert title in principles


def test_the_command_writes_the_same_files(reviewed, people, tmp_path):
    first, _second = reviewed
    out = tmp_path / "pack.zip"
    call_command("jr_pack", first.pipeline_item.reference, "--out", str(out))
    pack = zipfile.ZipFile(out)
    manifest = json.loads(pack.read("manifest.json"))
    assert manifest["reference"] == first.pipeline_item.reference
    for entry in manifest["files"]:
        assert hashlib.sha256(pack.read(entry["name"])).hexdigest() == entry["sha256"]


def test_only_the_team_and_the_decision_maker_get_the_pack(reviewed, people, organisation):
    first, _second = reviewed
    url = f"/pipeline/{first.pipeline_item_id}/jr-pack.zip"
    client = Client()
    client.force_login(people["dm"])
    assert client.get(url).status_code == 200
    client.force_login(people["pm"])
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), roles=["equality_lead"]))
    assert client.get(url).status_code == 404


def test_the_packs_trail_files_re_verify_on_their_own(reviewed, people, tmp_path):
    first, second = reviewed
    out = tmp_path / "pack.zip"
    call_command("jr_pack", first.pipeline_item.reference, "--out", str(out), stdout=io.StringIO())
    pack = zipfile.ZipFile(out)
    for version in (first, second):
        trail = tmp_path / f"version-{version.version}.json"
        trail.write_bytes(pack.read(f"trail/version-{version.version}.json"))
        assert len(json.loads(trail.read_bytes())["events"]) == version.audit_events.count()
        report = io.StringIO()
        call_command("verify_audit", "--file", str(trail), stdout=report)  # exits 1 if broken
        assert "1 chains" in report.getvalue() and ": intact" in report.getvalue()
