"""The register's list: search, filters, errors in them, pages, and an organisation's address."""

import datetime
import json
import re
from urllib.parse import unquote

import pytest
from django.utils import timezone

from tests.integration.register.support import ALL, body, titles_in
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def test_register_lists_published_records_for_anyone(client, register):
    page = client.get("/public/")
    assert page.status_code == 200
    html = page.content.decode()
    for title in ALL:
        assert title in html
    assert "4 results" in html
    assert "Screening decision" in html  # a screened-out record is a screening decision


def test_register_is_the_same_for_signed_in_staff(client, register):
    client.force_login(register["people"]["officer"])
    assert titles_in(client.get("/public/register.csv")) == ALL


FILTER_CASES = [
    ("q=hawford", {"Hawford library opening hours"}),
    ("q=PARKING+prices", {"Parking permit prices"}),
    ("q=libraries+hawford", {"Hawford library opening hours"}),
    ("q=nothing-like-this", set()),
    ("organisation={eastdale}", {"Eastdale leisure centre"}),
    ("directorate={environment}", {"Bin collection day change", "Parking permit prices"}),
    ("characteristic=disability", {"Hawford library opening hours", "Eastdale leisure centre"}),
    ("outcome=screened_out", {"Bin collection day change"}),
    (
        "outcome=screened_out&outcome=screened_out_with_mitigation",
        {"Bin collection day change", "Parking permit prices"},
    ),
    ("outcome=full_assessment&organisation={northshire}", {"Hawford library opening hours"}),
    (
        "{from_2_days_ago}",
        {"Bin collection day change", "Parking permit prices", "Eastdale leisure centre"},
    ),
    ("{to_2_days_ago}", {"Hawford library opening hours", "Bin collection day change"}),
    ("{from_2_days_ago}&{to_2_days_ago}", {"Bin collection day change"}),
]


def test_each_filter_narrows_the_register(client, register):
    # One loop rather than parametrize: building the register costs more than all the checks.
    for query, expected in FILTER_CASES:
        _check_filter(client, register, query, expected)


def _check_filter(client, register, query, expected):
    day = timezone.localdate() - datetime.timedelta(days=2)
    query = query.format(
        eastdale=register["leisure"].organisation.slug,
        northshire=register["library"].organisation.slug,
        environment=register["environment"].pk,
        from_2_days_ago=f"published_from_0={day.day}&published_from_1={day.month}"
        f"&published_from_2={day.year}",
        to_2_days_ago=f"published_to_0={day.day}&published_to_1={day.month}"
        f"&published_to_2={day.year}",
    )
    assert titles_in(client.get(f"/public/register.csv?{query}")) == expected, query
    data = json.loads(body(client.get(f"/public/register.json?{query}")))
    assert {row["title"] for row in data["results"]} == expected, query
    assert data["count"] == len(expected), query
    html = client.get(f"/public/?{query}").content.decode()
    assert f"{len(expected)} result{'' if len(expected) == 1 else 's'}" in html, query
    for title in ALL:
        assert (title in html) == (title in expected), (query, title)


def test_filters_are_reflected_in_the_form_and_download_links(client, register):
    html = client.get("/public/?q=parking&outcome=screened_out_with_mitigation").content.decode()
    assert 'value="parking"' in html
    assert 'value="screened_out_with_mitigation" checked' in html
    assert "/public/register.csv?q=parking&amp;outcome=screened_out_with_mitigation" in html
    assert "Clear filters" in html


def test_a_bad_date_is_an_error_not_a_crash(client, register):
    response = client.get("/public/?published_from_0=31&published_from_1=2&published_from_2=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a real date" in html
    assert "4 results" in html  # the broken filter filters nothing


def test_dates_the_wrong_way_round_are_an_error(client, register):
    html = client.get(
        "/public/?published_from_0=2&published_from_1=1&published_from_2=2026"
        "&published_to_0=1&published_to_1=1&published_to_2=2026"
    ).content.decode()
    assert "There is a problem" in html


def test_an_unknown_filter_value_is_an_error_not_a_crash(client, register):
    response = client.get("/public/?organisation=nowhere&characteristic=<script>zq")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>zq" not in html
    assert "Select a valid choice" in html
    assert "4 results" in html


def test_pagination_keeps_the_filters(client, organisation):
    people = builders.team(organisation)
    for number in range(22):
        content.published_screened_out(people, organisation, title=f"Screened proposal {number}")
    html = client.get("/public/?outcome=screened_out").content.decode()
    assert "22 results" in html
    assert html.count('class="govuk-heading-s govuk-!-margin-bottom-1"') == 20
    after = re.search(r'href="\?outcome=screened_out&amp;after=([^"]+)" rel="next"', html)
    assert after, "the next page keeps the filter"
    second = client.get(f"/public/?outcome=screened_out&after={unquote(after[1])}")
    second = second.content.decode()
    assert second.count('class="govuk-heading-s govuk-!-margin-bottom-1"') == 2
    assert 'rel="next"' not in second and 'rel="prev"' in second
    before = re.search(r'href="\?outcome=screened_out&amp;before=([^"]+)" rel="prev"', second)
    back = client.get(f"/public/?outcome=screened_out&before={unquote(before[1])}")
    assert back.content.decode().count('class="govuk-heading-s govuk-!-margin-bottom-1"') == 20
    # A cursor that is not one shows the first page rather than an error.
    assert client.get("/public/?after=nonsense~x").status_code == 200
    assert client.get("/public/?after=2026-01-01T00:00:00~1&before=zz").status_code == 200


def test_an_organisations_address_opens_its_part_of_the_register(client, organisation):
    response = client.get(f"/public/{organisation.slug}/")
    assert response.status_code == 302
    assert response.url == f"/public/?organisation={organisation.slug}"
    assert client.get("/public/no-such-council/").status_code == 404
