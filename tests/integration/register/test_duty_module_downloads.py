"""The register's downloads (CSV, JSON, XLSX, filtered and the whole-register files) carry each
published duty module section, and never a module answer its file keeps internal; the
judicial-review pack carries every answer, the module file's pin and the attestation signed."""

import hashlib
import io
import json
import zipfile

import pytest
from django.test import Client
from pypdf import PdfReader

from eia.audit import head
from eia.register import published_file
from screening_rules import duty_modules as module_files
from tests.integration.register.support import body, csv_rows
from tests.support import builders
from tests.support.duty_modules import (
    FAIRER,
    answer_module,
    ni_signed_off,
    northern_ireland,
    scotland,
    screened_in_strategic,
)
from workflows import services

pytestmark = pytest.mark.django_db

MARKER = "ZQMODULEINTERNALMARK"


@pytest.fixture
def published():
    """A Scottish full assessment with its Fairer Scotland Duty section (an internal note in
    it) and a Northern Irish screening with its Rural Needs Impact Assessment, both published."""
    scottish = scotland()
    team = builders.team(scottish)
    fairer = screened_in_strategic(team, scottish, title="Fares review")
    answer_module(
        fairer, team["pm"], "fairer_scotland", FAIRER | {"officer_notes": f"{MARKER} notes"}
    )
    builders.submit_full(team, fairer)
    fairer.refresh_from_db()
    builders.approve_sign_and_publish(team, fairer)
    ni = northern_ireland()
    ni_team = builders.team(ni)
    rural = ni_signed_off(ni_team, ni, title="Library hours")
    services.publish(assessment_id=rural.pk, seen=head(rural), by=ni_team["officer2"])
    fairer.refresh_from_db()
    rural.refresh_from_db()
    published_file.regenerate()
    return {"fairer": fairer, "rural": rural, "scottish": scottish, "ni": ni, "team": team}


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(archive.read(name).decode() for name in archive.namelist())


def _json(client, url) -> dict:
    return json.loads(body(client.get(url)))


def test_the_json_download_carries_each_published_module_section(published):
    client = Client()
    for url in ("/public/register.json", "/public/register.json?q=fares"):
        results = {r["title"]: r for r in _json(client, url)["results"]}
        (section,) = results["Fares review"]["duty_modules"]
        assert section["module"] == "fairer_scotland"
        assert section["version"] == 1
        assert section["title"] == "Fairer Scotland Duty"
        assert section["citation"].startswith("Equality Act 2010, section 1")
        answers = {a["question"]: a["answer"] for a in section["answers"]}
        assert FAIRER["changes"] in answers.values()
        assert any(FAIRER["dimensions"]["low_income"] in text for text in answers.values())
    rural = {r["title"]: r for r in _json(client, "/public/register.json")["results"]}[
        "Library hours"
    ]
    assert [s["module"] for s in rural["duty_modules"]] == ["rural_needs"]
    assert any(
        a["answer"] == "A demand-responsive bus was added to the plan."
        for a in rural["duty_modules"][0]["answers"]
    )


def test_csv_and_xlsx_list_the_modules_assessed_and_their_published_text(published):
    client = Client()
    ni = published["ni"].slug
    for url in ("/public/register.csv", f"/public/register.csv?organisation={ni}"):
        rows = csv_rows(client.get(url))
        header = rows[0]
        by_title = {row[header.index("Title")]: row for row in rows[1:]}
        rural = by_title["Library hours"]
        assert rural[header.index("Duty modules")] == "rural_needs@1"
        assert (
            "A demand-responsive bus was added to the plan."
            in rural[header.index("Duty module answers")]
        )
    rows = csv_rows(client.get("/public/register.csv"))
    fares = next(row for row in rows if "Fares review" in row)
    assert fares[rows[0].index("Duty modules")] == "fairer_scotland@1"
    assert FAIRER["changes"] in fares[rows[0].index("Duty module answers")]
    for url in ("/public/register.xlsx", "/public/register.xlsx?q=fares"):
        text = _xlsx_text(body(client.get(url)))
        assert "fairer_scotland@1" in text
        assert "concessionary fare" in text


def test_a_module_answer_starting_a_formula_is_neutralised_in_the_csv():
    ni = northern_ireland()
    team = builders.team(ni)
    rural = ni_signed_off(
        team,
        ni,
        {
            "activity_type": "service",
            "rural_impact": "no",
            "no_impact_reason": '=HYPERLINK("http://evil") payroll only.',
        },
    )
    services.publish(assessment_id=rural.pk, seen=head(rural), by=team["officer2"])
    published_file.regenerate()
    rows = csv_rows(Client().get("/public/register.csv"))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any("=HYPERLINK" in cell for cell in rows[1])


def test_no_internal_module_answer_reaches_a_public_download(published):
    client = Client()
    slug = published["scottish"].slug
    for url in (
        "/public/register.csv",
        "/public/register.json",
        "/public/register.xlsx",
        "/public/register.csv?q=fares",
        f"/public/register.json?organisation={slug}",
        "/public/register.xlsx?q=fares",
    ):
        data = body(client.get(url))
        text = _xlsx_text(data) if "xlsx" in url else data.decode("utf-8-sig")
        assert "Fares review" in text, url
        assert MARKER not in text, url
    for kind in published_file.FILES:
        data = published_file.path_of(kind).read_bytes()
        text = _xlsx_text(data) if kind == "xlsx" else data.decode("utf-8-sig")
        assert "Fares review" in text, kind
        assert MARKER not in text, kind


def test_the_jr_pack_carries_every_module_answer_its_pin_and_the_attestation_signed(published):
    fairer = published["fairer"]
    client = Client()
    client.force_login(published["team"]["officer"])
    response = client.get(f"/pipeline/{fairer.pipeline_item_id}/jr-pack.zip")
    assert response.status_code == 200
    pack = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = {e["name"]: e["sha256"] for e in json.loads(pack.read("manifest.json"))["files"]}
    assert {"duties/version-1.json", "duties/version-1.pdf"} <= set(manifest)
    (entry,) = json.loads(pack.read("duties/version-1.json"))
    released = module_files.load_module("fairer_scotland", 1)
    assert (entry["module"], entry["version"]) == ("fairer_scotland", 1)
    assert entry["sha256"] == released.sha256
    assert (
        hashlib.sha256(pack.read("duties/version-1.json")).hexdigest()
        == manifest["duties/version-1.json"]
    )
    # The lawyers see the internal note too, as the decision-maker did.
    assert ["Notes for the equality officer", f"{MARKER} notes"] in entry["answers"]
    assert entry["stored_answers"]["officer_notes"] == f"{MARKER} notes"
    assert entry["attestation_as_signed"] == released.attestation
    assert entry["in_signed_attestation"] is True
    assert released.attestation in fairer.sign_off_record.attestation
    pdf = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(io.BytesIO(pack.read("duties/version-1.pdf"))).pages
    )
    assert MARKER in pdf
    assert released.sha256 in pdf
