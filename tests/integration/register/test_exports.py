"""The register's CSV and JSON downloads; CSV cells that start a formula are neutralised."""

import datetime
import json

import pytest
from django.utils import timezone

from eia.register import published_file
from eia.register.exports import neutralise
from tests.factories import DirectorateFactory
from tests.integration.register.support import body, csv_rows, url_of
from tests.support import builders, content

pytestmark = pytest.mark.django_db

HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example","Click")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed title",
    "\rCarriage title",
]


def test_csv_cells_that_start_a_formula_are_neutralised(client, organisation):
    people = builders.team(organisation)
    hostile_directorate = DirectorateFactory(organisation=organisation, name="=cmd|'/C calc'!A0")
    for title in HOSTILE_TITLES:
        content.published_screened_out(
            people,
            organisation,
            title=title,
            directorate=hostile_directorate,
            reasons="-Reasons that start with a minus",
        )
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    published_file.regenerate()
    for url in (
        "/public/register.csv",
        f"/public/register.csv?organisation={organisation.slug}",
        f"/public/{organisation.slug}/screening-report/{today.year}/q{quarter}.csv",
    ):
        rows = csv_rows(client.get(url))
        assert len(rows) == 1 + len(HOSTILE_TITLES)
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (url, cell)
        cells = {cell for row in rows for cell in row}
        for title in HOSTILE_TITLES:
            assert "'" + title in cells
        assert "'=cmd|'/C calc'!A0" in cells


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Safe = fine") == "Safe = fine"
    assert neutralise(3) == "3"
    assert neutralise(None) == ""
    assert neutralise("") == ""


def test_json_is_valid_and_complete(client, register):
    response = client.get("/public/register.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body(response))
    assert data["count"] == 4
    library = next(r for r in data["results"] if r["title"] == "Hawford library opening hours")
    assert library["screening"]["outcome"] == "full_assessment"
    assert library["url"].endswith(url_of(register["library"]))
    assert {
        "characteristic": "disability",
        "characteristic_name": "Disability",
        "direction": "negative",
        "size": "major",
    } in library["impacts"]
    assert library["published"] == (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
