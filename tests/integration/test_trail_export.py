"""An assessment's trail, and the organisation's for the lead, exported as CSV and JSON with
the hashes; the JSON re-verifies on its own through `verify_audit --file`."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from eia import audit
from eia.chain import seal
from eia.events import EventType
from tests.integration.register.support import close
from tests.support import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return builders.team(organisation)


@pytest.fixture
def trail(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    with transaction.atomic():
        audit.record(
            EventType.COMMENT_ADDED,
            assessment=assessment,
            by=people["officer"],
            comment='=HYPERLINK("http://evil.example","click") — naïve café',
        )
    return assessment


def download(client, user, url) -> bytes:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    body = b"".join(response.streaming_content)
    close(response)
    return body


def verify_file(path) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", "--file", str(path), stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_the_json_export_round_trips_through_verify_audit_file(client, people, trail, tmp_path):
    body = download(client, people["officer"], f"/assessments/{trail.pk}/audit-trail.json")
    data = json.loads(body)
    assert [e["sequence"] for e in data["events"]] == [1, 2, 3, 4]
    assert all(len(e["hash"]) == 64 and len(e["content_hash"]) == 64 for e in data["events"])
    assert data["anchors"][0]["sequence"] == 4
    path = tmp_path / "trail.json"
    path.write_bytes(body)
    code, out = verify_file(path)
    assert code == 0, out
    assert "1 chains, 4 events: intact (seals checked with the key" in out


def test_an_edited_export_fails_verification(client, people, trail, tmp_path):
    data = json.loads(
        download(client, people["officer"], f"/assessments/{trail.pk}/audit-trail.json")
    )
    data["events"][1]["actor_name"] = "Someone else"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    code, out = verify_file(path)
    assert code == 1
    assert "event 2: its content does not match its content hash (edited)" in out


def test_without_the_key_the_export_says_what_it_could_check(client, people, trail, tmp_path):
    body = download(client, people["officer"], f"/assessments/{trail.pk}/audit-trail.json")
    path = tmp_path / "trail.json"
    path.write_bytes(body)
    with override_settings(AUDIT_KEYS={"unrelated": "not the key"}):
        code, out = verify_file(path)
        assert code == 0
        assert "seals NOT checked (no key for them here): content hashes and links only" in out
        # Re-hashing an edit recomputes the content hash, which a check without the key accepts;
        # the key holder's check does not.
        data = json.loads(body)
        data["events"][3]["comment"] = "Nothing to see"
        data["events"][3]["content_hash"] = _content_hash(data["events"][3])
        path.write_text(json.dumps(data))
        assert verify_file(path)[0] == 0
    code, out = verify_file(path)
    assert code == 1
    assert "event 4: its seal does not match" in out


def _content_hash(exported: dict) -> str:
    values = {name: exported[name] for name in seal.FIELDS}
    return seal.content_hash(seal.payload(**values))


def test_a_deleted_event_shows_in_the_export(client, people, trail, tmp_path):
    data = json.loads(
        download(client, people["officer"], f"/assessments/{trail.pk}/audit-trail.json")
    )
    del data["events"][-1]
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(data))
    code, out = verify_file(path)
    assert code == 1
    assert "anchored at event 4 but the trail ends at event 3" in out


def test_csv_export_has_the_hashes_and_neutralises_formulas(client, people, trail):
    body = download(client, people["dm"], f"/assessments/{trail.pk}/audit-trail.csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["sequence"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["comment"].startswith("'=HYPERLINK(")
    assert "naïve café" in rows[3]["comment"]
    assert all(len(r["hash"]) == 64 for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_another_organisations_trail_is_404(client, trail, other_organisation):
    outsider = builders.team(other_organisation)
    for who in ("officer", "lead"):
        client.force_login(outsider[who])
        for kind in ("csv", "json"):
            assert client.get(f"/assessments/{trail.pk}/audit-trail.{kind}").status_code == 404


def test_only_the_equality_team_and_decision_maker_export_a_trail(client, people, trail):
    client.force_login(people["pm"])
    assert client.get(f"/assessments/{trail.pk}/audit-trail.json").status_code == 403
    client.force_login(people["officer"])
    assert client.get(f"/assessments/{trail.pk}/audit-trail.xml").status_code == 404


def test_the_lead_exports_the_organisations_whole_trail(
    client, people, trail, organisation, other_organisation, tmp_path
):
    second = builders.at_screening_review(people, organisation)
    builders.at_screening_review(builders.team(other_organisation), other_organisation)
    body = download(client, people["lead"], "/organisation/audit-trail.json")
    data = json.loads(body)
    assert {e["assessment"] for e in data["events"]} == {trail.pk, second.pk}
    assert {e["organisation"] for e in data["events"]} == {organisation.pk}
    path = tmp_path / "organisation.json"
    path.write_bytes(body)
    code, out = verify_file(path)
    assert (code, "2 chains, 7 events: intact" in out) == (0, True)
    rows = list(
        csv.DictReader(
            io.StringIO(download(client, people["lead"], "/organisation/audit-trail.csv").decode())
        )
    )
    assert len(rows) == 7
    client.force_login(people["officer"])
    assert client.get("/organisation/audit-trail.json").status_code == 403


def test_the_assessment_page_links_the_exports(client, people, trail):
    client.force_login(people["officer"])
    page = client.get(f"/assessments/{trail.pk}/").content.decode()
    assert f"/assessments/{trail.pk}/audit-trail.csv" in page
    assert f"/assessments/{trail.pk}/audit-trail.json" in page
    assert "/organisation/audit-trail.json" not in page
    client.force_login(people["lead"])
    assert (
        "/organisation/audit-trail.json" in client.get(f"/assessments/{trail.pk}/").content.decode()
    )
