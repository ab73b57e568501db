"""Quarterly screening reports: counts, reasons, CSV, and 404 for what does not exist."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from eia import audit
from eia.events import EventType
from eia.models import Assessment, FullAssessment, State
from tests.integration.register.support import csv_rows, decided_on, url_of
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
    decided_on(earlier, datetime.date(2025, 2, 14), published=datetime.date(2025, 2, 20))
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


def test_a_screening_decided_in_one_quarter_and_published_in_the_next_is_in_the_first(
    client, organisation
):
    people = builders.team(organisation)
    record = content.published_screened_out(people, organisation, title="Decided in March")
    decided_on(record, datetime.date(2026, 3, 20), published=datetime.date(2026, 4, 3))
    q1 = client.get(f"/public/{organisation.slug}/screening-report/2026/q1/").content.decode()
    q2 = client.get(f"/public/{organisation.slug}/screening-report/2026/q2/").content.decode()
    assert "Decided in March" in q1 and "Decided in March" not in q2
    assert "20 March 2026" in q1 and "3 April 2026" in q1  # decided, and published
    rows = csv_rows(client.get(f"/public/{organisation.slug}/screening-report/2026/q1.csv"))
    assert rows[0][5:7] == ["Screening decided", "Published"]
    assert rows[1][2] == "Decided in March" and rows[1][5:7] == ["2026-03-20", "2026-04-03"]
    page = client.get(url_of(record)).content.decode()
    assert f"/public/{organisation.slug}/screening-report/2026/q1/" in page


def test_an_organisation_reporting_by_financial_year_gets_april_to_march_quarters(
    client, organisation
):
    organisation.reporting_year = "financial"
    organisation.save(update_fields=["reporting_year"])
    people = builders.team(organisation)
    may = content.published_screened_out(people, organisation, title="Decided in May")
    decided_on(may, datetime.date(2026, 5, 10), published=datetime.date(2026, 7, 2))
    february = content.published_screened_out(people, organisation, title="Decided in February")
    decided_on(february, datetime.date(2026, 2, 1), published=datetime.date(2026, 4, 20))
    screened_in = builders.published(people, organisation, title="Screened in, in June")
    decided_on(screened_in, datetime.date(2026, 6, 30), published=datetime.date(2026, 10, 1))

    report = client.get(f"/public/{organisation.slug}/screening-report/2026/q1/").content.decode()
    assert "Screening decisions, financial year 2026-27 quarter 1" in report
    assert "1 April 2026 to 30 June 2026" in report
    assert "Decided in May" in report and "Screened in, in June" in report
    assert "Decided in February" not in report
    counts = report.split("Decisions by outcome")[1].split("</table>")[0]
    assert (
        'Full assessment required</th><td class="govuk-table__cell govuk-table__cell--numeric">1'
        in counts
    )
    assert 'Screened out</th><td class="govuk-table__cell govuk-table__cell--numeric">1' in counts
    last_year = client.get(f"/public/{organisation.slug}/screening-report/2025/q4/")
    assert "Decided in February" in last_year.content.decode()
    listing = client.get(f"/public/{organisation.slug}/screening-report/").content.decode()
    assert "Financial year 2026-27, quarter 1 (April to June 2026)</a>: 2 decisions" in listing
    assert "Financial year 2025-26, quarter 4 (January to March 2026)</a>: 1 decision" in listing


def test_a_screened_in_decision_is_listed_in_its_quarter_before_its_record_is_published(
    client, organisation
):
    """Section 75 practice: every screening decision in the quarter it was made, not only those
    whose full assessment has been published since. Only the decision's own words are public."""
    people = builders.team(organisation)
    live = builders.at_officer_review(people, organisation, title="Bus pass <b>review</b>")
    decided_on(live, datetime.date(2026, 5, 6))
    FullAssessment.objects.filter(assessment=live).update(internal_notes="INTERNAL-MARKER-1")
    with transaction.atomic():
        audit.record(
            EventType.COMMENT_ADDED, assessment=live, by=people["officer"], comment="COMMENT-2"
        )
    dropped = builders.at_officer_review(people, organisation, title="Dropped proposal")
    decided_on(dropped, datetime.date(2026, 5, 7))
    Assessment.objects.filter(pk=dropped.pk).update(state=State.WITHDRAWN)

    page = client.get(f"/public/{organisation.slug}/screening-report/2026/q2/").content.decode()
    assert "Bus pass &lt;b&gt;review&lt;/b&gt;" in page and "<b>review" not in page
    assert "6 May 2026" in page and "Major impact." in page
    assert "Not yet: the full record is published after sign-off" in page
    assert f"/v{live.version}/" not in page  # no page of its own yet
    assert "Dropped proposal" not in page
    for marker in ("INTERNAL-MARKER-1", "COMMENT-2", people["pm"].last_name):
        assert marker not in page, marker
    counts = page.split("Decisions by outcome")[1].split("</table>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in counts
    rows = csv_rows(client.get(f"/public/{organisation.slug}/screening-report/2026/q2.csv"))
    assert rows[1][2] == "Bus pass <b>review</b>" and rows[1][6] == "" and rows[1][-1] == ""
    listing = client.get(f"/public/{organisation.slug}/screening-report/").content.decode()
    assert "2026, quarter 2" in listing
