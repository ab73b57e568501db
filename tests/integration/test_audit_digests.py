"""Digests over every chain's head: `manage.py audit_digest` writes a file to archive, the
public register lists each digest with its SHA-256, and the file proves itself."""

import io
import json

import pytest
from django.core.management import call_command

from eia.chain import digests
from eia.models import AuditDigest, AuditHead
from tests.support import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(organisation):
    return builders.at_screening_review(builders.team(organisation), organisation)


def test_audit_digest_writes_a_file_that_matches_the_stored_digest(trail, tmp_path):
    out = io.StringIO()
    call_command("audit_digest", "--out", str(tmp_path), stdout=out)
    digest = AuditDigest.objects.get()
    (path,) = tmp_path.iterdir()
    data = json.loads(path.read_text())
    assert data["digest"] == digest.digest
    assert data["heads"] == [[trail.organisation_id, trail.pk, 3, AuditHead.objects.get().hash]]
    assert (data["chains"], data["events"]) == (1, 3)
    assert digests.problems_of_file(data) == []
    assert digest.digest in out.getvalue()
    data["heads"][0][2] = 2
    assert digests.problems_of_file(data) == ["its content does not match its identifier"]


def test_each_digest_names_the_one_before_it(trail):
    first = digests.make_digest()
    second = digests.make_digest()
    assert (first.previous_digest, second.previous_digest) == ("0" * 64, first.digest)
    assert digests.problems_of_stored() == []


def test_the_public_digest_page_lists_digests_with_their_hashes(client, trail):
    empty = client.get("/public/audit-digests/")
    assert empty.status_code == 200
    assert "No digest has been published yet" in empty.content.decode()
    digest = digests.make_digest()
    page = client.get("/public/audit-digests/").content.decode()
    assert digest.digest in page
    assert "Published digests, newest first" in page
    assert "/public/audit-digests/" in client.get("/public/").content.decode()
