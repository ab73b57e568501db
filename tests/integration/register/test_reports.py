"""Quarterly screening reports: counts, reasons, CSV, and 404 for what does not exist."""

import datetime

import pytest
from django.utils import timezone

from tests.integration.register.support import csv_rows, published_on
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def test_quarterly_screening_report_counts_and_reasons(client, organisation, other_organisation):
    people = builders.team(organisation)
    content.published_screened_out(people, organisation, title="Out one", reasons="Reason one.")
    content.published_screened_out(people, organisation, title="Out two", reasons="Reason two.")
    content.published_screened_out(
        people,
        organisation,
        title="Mitigated",
        outcome="screened_out_with_mitigation",
        answers_outcome="screened_out_with_mitigation",
        mitigation="Keep paper forms.",
    )
    builders.published(people, organisation, title="Screened in")
    earlier = content.published_screened_out(people, organisation, title="Last year")
    published_on(earlier, datetime.date(2025, 2, 14))
    content.published_screened_out(
        builders.team(other_organisation), other_organisation, title="Eastdale decision"
    )
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    response = client.get(f"/public/{organisation.slug}/screening-report/{today.year}/q{quarter}/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in (
        "Out one",
        "Out two",
        "Mitigated",
        "Screened in",
        "Reason one.",
        "Keep paper forms.",
    ):
        assert title in html, title
    assert "Last year" not in html and "Eastdale decision" not in html
    counts = html.split("Decisions by outcome")[1].split("</table>")[0]
    assert 'Screened out</th><td class="govuk-table__cell govuk-table__cell--numeric">2' in counts
    assert "Screened out with mitigation</th>" in counts
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in counts  # total
    rows = csv_rows(client.get(f"/public/{organisation.slug}/screening-report/2025/q1.csv"))
    assert [row[2] for row in rows[1:]] == ["Last year"]
    listing = client.get(f"/public/{organisation.slug}/screening-report/").content.decode()
    assert "2025, quarter 1" in listing
    assert f"{today.year}, quarter {quarter}" in listing


@pytest.mark.parametrize(
    "path", ["screening-report/2026/q5/", "screening-report/2026/q0/", "screening-report/1999/q1/"]
)
def test_report_for_an_impossible_quarter_is_404(client, organisation, path):
    assert client.get(f"/public/{organisation.slug}/{path}").status_code == 404


def test_report_of_an_unknown_organisation_is_404(client, db):
    assert client.get("/public/nowhere/screening-report/2026/q1/").status_code == 404
    assert client.get("/public/nowhere/screening-report/").status_code == 404
