"""The public register over HTTP, as an anonymous visitor: what is listed, found, filtered,
downloaded and refused."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.authorization import Role
from eia.models import Assessment, EvidenceItem
from eia.register.exports import neutralise
from tests.factories import DirectorateFactory, OrganisationFactory, UserFactory
from tests.support import builders, content
from workflows import services

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def url_of(assessment, suffix=""):
    return (
        f"/public/{assessment.organisation.slug}/{assessment.pipeline_item.reference}"
        f"/v{assessment.version}/{suffix}"
    )


def published_on(assessment, day: datetime.date):
    """Move a publication to another day (tests of date filters and quarters)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Assessment.objects.filter(pk=assessment.pk).update(published_at=moment)
    return assessment


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def titles_in(response) -> set[str]:
    return {row[2] for row in csv_rows(response)[1:]}


@pytest.fixture
def register(organisation, other_organisation):
    """Three records of Northshire and one of Eastdale, published on different days."""
    people = builders.team(organisation)
    libraries = DirectorateFactory(organisation=organisation, name="Libraries and Culture")
    environment = DirectorateFactory(organisation=organisation, name="Environment")
    library = content.published_with_content(
        people,
        organisation,
        rurality=False,
        title="Hawford library opening hours",
        directorate=libraries,
    )
    bins = content.published_screened_out(
        people, organisation, title="Bin collection day change", directorate=environment
    )
    parking = content.published_screened_out(
        people,
        organisation,
        outcome="screened_out_with_mitigation",
        answers_outcome="screened_out_with_mitigation",
        mitigation="Blue badge bays stay free.",
        reasons="Minor impact on older drivers, mitigated.",
        title="Parking permit prices",
        directorate=environment,
    )
    eastdale_people = builders.team(other_organisation)
    leisure = content.published_with_content(
        eastdale_people, other_organisation, rurality=False, title="Eastdale leisure centre"
    )
    today = timezone.localdate()
    published_on(library, today - datetime.timedelta(days=3))
    published_on(bins, today - datetime.timedelta(days=2))
    published_on(parking, today - datetime.timedelta(days=1))
    return {
        "people": people,
        "library": library,
        "bins": bins,
        "parking": parking,
        "leisure": leisure,
        "libraries": libraries,
        "environment": environment,
    }


ALL = {
    "Hawford library opening hours",
    "Bin collection day change",
    "Parking permit prices",
    "Eastdale leisure centre",
}


# ---------------------------------------------------------------------------------------------
# Listing, search and filters


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
    data = json.loads(client.get(f"/public/register.json?{query}").content)
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
    assert "Page 1 of 2" in html
    assert 'href="?outcome=screened_out&amp;page=2"' in html
    second = client.get("/public/?outcome=screened_out&page=2").content.decode()
    assert second.count('class="govuk-heading-s govuk-!-margin-bottom-1"') == 2
    assert client.get("/public/?page=999").status_code == 200


# ---------------------------------------------------------------------------------------------
# What is public and what is not


def test_only_published_records_are_listed(client, organisation):
    people = builders.team(organisation)
    builders.published(people, organisation, title="Published one")
    builders.started(people, organisation, title="A draft")
    builders.at_screening_review(people, organisation, title="Under screening review")
    builders.at_officer_review(people, organisation, title="Under officer review")
    withdrawn = builders.started(people, organisation, title="Withdrawn one")
    services.withdraw(
        assessment_id=withdrawn.pk,
        by=people["pm"],
        expected_state="screening",
        reason="No longer needed.",
    )
    assert titles_in(client.get("/public/register.csv")) == {"Published one"}
    html = client.get("/public/").content.decode()
    for hidden in ("A draft", "Under screening review", "Under officer review", "Withdrawn one"):
        assert hidden not in html


def test_every_unpublished_state_is_404_at_every_address(client, organisation):
    people = builders.team(organisation)
    records = [
        builders.started(people, organisation),
        builders.at_screening_review(people, organisation),
        builders.at_officer_review(people, organisation),
    ]
    signed = builders.at_officer_review(people, organisation)
    services.review_assessment(
        assessment_id=signed.pk,
        task_id=services.active_task(signed).pk,
        expected_state="officer_review",
        by=people["officer"],
        approve=True,
        comment="",
    )
    builders.sign(people, signed)
    records.append(Assessment.objects.get(pk=signed.pk))
    withdrawn = builders.started(people, organisation)
    services.withdraw(
        assessment_id=withdrawn.pk, by=people["pm"], expected_state="screening", reason="Dropped."
    )
    records.append(withdrawn)
    states = {Assessment.objects.get(pk=a.pk).state for a in records}
    assert states == {"screening", "screening_review", "officer_review", "signed_off", "withdrawn"}
    for assessment in records:
        for suffix in ("", "summary.pdf", "full.pdf"):
            response = client.get(url_of(assessment, suffix))
            assert response.status_code == 404, (assessment.state, suffix)
            assert assessment.title.encode() not in response.content


def test_another_organisations_address_is_404(client, organisation, other_organisation):
    people = builders.team(organisation)
    ours = builders.published(people, organisation)
    theirs = builders.published(builders.team(other_organisation), other_organisation)
    assert client.get(url_of(ours)).status_code == 200
    wrong = f"/public/{other_organisation.slug}/{ours.pipeline_item.reference}/v1/"
    assert client.get(wrong).status_code == 404
    assert client.get(wrong + "full.pdf").status_code == 404
    assert client.get(url_of(ours).replace("/v1/", "/v2/")).status_code == 404
    report = timezone.localdate()
    quarter = (report.month - 1) // 3 + 1
    html = client.get(
        f"/public/{organisation.slug}/screening-report/{report.year}/q{quarter}/"
    ).content.decode()
    assert ours.title in html
    assert theirs.title not in html


def test_a_superseded_version_stays_readable_and_points_to_the_current_one(client, organisation):
    people = builders.team(organisation)
    first = builders.published(people, organisation, title="Leisure card")
    second = content.publish_review(people, first)
    assert Assessment.objects.get(pk=first.pk).state == "superseded"
    old = client.get(url_of(first))
    assert old.status_code == 200
    html = old.content.decode()
    assert "This version has been superseded" in html
    assert f'href="{url_of(second)}"' in html
    current = client.get(url_of(second)).content.decode()
    assert "superseded" not in current.split("Other versions")[0]
    assert f'href="{url_of(first)}"' in current
    # The register lists the current version only.
    rows = csv_rows(client.get("/public/register.csv"))
    assert [(row[2], row[3]) for row in rows[1:]] == [("Leisure card", "2")]
    assert client.get(url_of(first, "summary.pdf")).status_code == 200


# ---------------------------------------------------------------------------------------------
# The assessment page


def test_assessment_page_shows_the_published_record(client, register):
    html = client.get(url_of(register["library"])).content.decode()
    for text in (
        "Hawford library opening hours",
        "Libraries and Culture",
        "Full assessment required",
        "Major impact on disabled people.",
        "Library user survey 2026",
        "We do not know how carers use the library.",
        "Northshire Disability Forum",
        "Disability: negative (major)",
        "Run a mobile library with a wheelchair lift",
        "Head of Libraries",
        "Adjust the proposal",
        "Equality implications",
        "not tagged for screen readers",
        "<caption",
    ):
        assert text in html, text
    assert 'href="' + url_of(register["library"], "summary.pdf") + '"' in html
    assert 'href="' + url_of(register["library"], "full.pdf") + '"' in html


def test_screening_decision_page_shows_reasons_and_mitigation(client, register):
    html = client.get(url_of(register["parking"])).content.decode()
    assert "Screening decision, version 1" in html
    assert "Screened out with mitigation" in html
    assert "Minor impact on older drivers, mitigated." in html
    assert "Blue badge bays stay free." in html
    assert "What the screening rules found" in html


def test_user_text_is_escaped_and_only_web_links_are_links(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(
        people, organisation, title='<script>alert("x")</script> & <b>bold'
    )
    EvidenceItem.objects.create(
        assessment=assessment, title="Trick", shows="<img src=x>", link="javascript:alert(1)"
    )
    html = client.get(url_of(assessment)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html
    assert "<img src=x>" not in html
    assert 'href="javascript:' not in html


# ---------------------------------------------------------------------------------------------
# Downloads and the feed


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
    for url in (
        "/public/register.csv",
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
    data = json.loads(response.content)
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


def test_atom_feed_is_valid_xml_with_an_entry_per_publication(client, register):
    response = client.get("/public/feed.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.find(f"{ATOM}title").text.split(" (")[0] for entry in entries} == ALL
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("http://testserver/public/")
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}link").get("href") == entry.find(f"{ATOM}id").text
    # Newest first, and filtered like the register.
    assert entries[0].find(f"{ATOM}title").text.startswith("Eastdale leisure centre")
    one = ET.fromstring(client.get("/public/feed.atom?q=hawford").content)  # noqa: S314 - our own output
    assert len(one.findall(f"{ATOM}entry")) == 1


def test_feed_survives_hostile_text(client, organisation):
    people = builders.team(organisation)
    content.published_screened_out(
        people,
        organisation,
        title="Control\x0bcharacter <b>and</b> & markup",
        reasons="<script>alert(1)</script>",
    )
    feed = ET.fromstring(client.get("/public/feed.atom").content)  # noqa: S314 - our own output
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.startswith("Controlcharacter <b>and</b> & markup")
    # The summary is HTML: user markup arrives escaped, so a reader shows it as text.
    assert "&lt;script&gt;" in entry.find(f"{ATOM}summary").text


# ---------------------------------------------------------------------------------------------
# Quarterly screening reports


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


# ---------------------------------------------------------------------------------------------
# PDFs


def test_pdfs_are_served_inline(client, register):
    for suffix, kind in (("summary.pdf", "summary"), ("full.pdf", "full")):
        response = client.get(url_of(register["library"], suffix))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        reference = register["library"].pipeline_item.reference.lower()
        assert response["Content-Disposition"] == (
            f'inline; filename="{register["library"].organisation.slug}-{reference}-v1-{kind}.pdf"'
        )
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert "Hawford library opening hours" in text
        assert "Head of Libraries" in text or kind == "summary"


def test_a_document_too_large_for_a_pdf_is_a_readable_page(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(people, organisation, title="Enormous record")
    EvidenceItem.objects.bulk_create(
        EvidenceItem(assessment=assessment, title=f"Evidence {n}", shows="word " * 1000)
        for n in range(90)
    )
    response = client.get(url_of(assessment, "full.pdf"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is no PDF of this assessment" in html
    assert "too much text" in html
    assert f'href="{url_of(assessment)}"' in html
    assert client.get(url_of(assessment, "summary.pdf")).status_code == 200


# ---------------------------------------------------------------------------------------------
# Query counts do not grow with the number of rows


def _many(organisation, count):
    people = builders.team(organisation)
    owner = UserFactory(organisation=organisation, roles=[Role.VIEWER], job_title="Officer")
    for number in range(count):
        assessment = content.published_screened_out(
            people, organisation, title=f"Proposal {number}"
        )
        content.add_rows_directly(assessment, owner=owner)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_cost_the_same_queries_with_3_and_30_records(client, db):
    small, large = OrganisationFactory(), OrganisationFactory()
    _many(small, 3)
    _many(large, 30)
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    for template in (
        "/public/?organisation={slug}",
        "/public/register.csv?organisation={slug}",
        "/public/register.json?organisation={slug}",
        "/public/feed.atom?organisation={slug}",
        f"/public/{{slug}}/screening-report/{today.year}/q{quarter}/",
        f"/public/{{slug}}/screening-report/{today.year}/q{quarter}.csv",
    ):
        few = _queries(client, template.format(slug=small.slug))
        many = _queries(client, template.format(slug=large.slug))
        assert few == many, (template, few, many)
        assert many <= 20, (template, many)


def test_public_evidence_files_are_linked_without_their_names(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(people, organisation)
    public = EvidenceItem.objects.create(
        assessment=assessment,
        title="Survey results",
        shows="Shows.",
        file="evidence/2026/01/abc123.pdf",
        file_name="zq-person-name.pdf",
        file_size=2048,
    )
    internal = EvidenceItem.objects.create(
        assessment=assessment,
        title="Internal file",
        shows="Shows.",
        is_public=False,
        file="evidence/2026/01/def456.pdf",
        file_name="internal.pdf",
    )
    html = client.get(url_of(assessment)).content.decode()
    assert f'href="/public/evidence/{public.pk}/"' in html
    assert "2.0\xa0KB" in html
    assert "zq-person-name" not in html
    assert f"/public/evidence/{internal.pk}/" not in html
    assert "Internal file" not in html


def test_references_with_slashes_and_spaces_have_working_addresses(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(
        people, organisation, reference="NCC/2026 014", title="Odd reference"
    )
    index = client.get("/public/").content.decode()
    assert f'href="/public/{organisation.slug}/NCC/2026%20014/v1/"' in index
    assert client.get(url_of(assessment)).status_code == 200
    assert client.get(url_of(assessment, "summary.pdf")).status_code == 200
    response = client.get(url_of(assessment, "full.pdf"))
    assert response["Content-Disposition"].endswith('-ncc2026-014-v1-full.pdf"')


def test_an_organisations_address_opens_its_part_of_the_register(client, organisation):
    response = client.get(f"/public/{organisation.slug}/")
    assert response.status_code == 302
    assert response.url == f"/public/?organisation={organisation.slug}"
    assert client.get("/public/no-such-council/").status_code == 404
