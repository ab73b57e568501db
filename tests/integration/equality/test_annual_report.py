"""The annual equality report through HTTP: the equality team prepares it for a reporting
year from what is public (objectives and progress, the plan, the year's published records
and their outcomes, adverse impacts and what was done, timeliness in working days); it is
frozen; only the lead publishes it, once a year; and only then is it public, linked from the
organisation's duty page. Bad input is a 400 naming the field; another organisation's report
is a 404."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eia.events import EventType
from eia.models import AuditEvent
from equality.models import AnnualReport, DutySettings
from equality.selectors.timeliness import targets_for, year_of
from equality.services import objectives, plan
from tests.support import builders

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _this_year(organisation) -> int:
    return year_of(targets_for(organisation.pk), timezone.localdate())


@pytest.fixture
def duty(people, organisation):
    today = datetime.date.today()
    objective = objectives.save_objective(
        by=people["lead"],
        values={
            "title": "Customers: equal access to services",
            "starts_on": today.replace(year=today.year - 1),
            "ends_on": today.replace(year=today.year + 2),
            "agreed_by": "Cabinet",
            "agreed_on": today.replace(year=today.year - 1),
        },
    )
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Customers")
    row = plan.save_row(
        by=people["officer"],
        values={
            "section": section.pk,
            "overview": "Digital inclusion",
            "key_deliverables": "Digital champions <b>in every library",
            "owner_name": "Customer Services",
            "target_text": "October 2027",
            "comment": "Champions recruited. <b>More to do",
            "rag": "amber",
        },
    )
    published = builders.published(people, organisation, title="Hawford library opening hours")
    return {"objective": objective, "row": row, "published": published}


def test_the_team_prepares_the_report_and_the_lead_publishes_it(people, organisation, duty):
    year = _this_year(organisation)
    officer, lead = _client(people["officer"]), _client(people["lead"])
    response = officer.post("/annual-reports/", {"year": year})
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    page = officer.get(f"/annual-reports/{report.pk}/").content.decode()
    for shown in (
        "Customers: equal access to services",
        "Digital inclusion",
        "Champions recruited.",
        "Hawford library opening hours",
        "Adverse impacts found and what was done",
        "working days before the decision",
    ):
        assert shown in page, shown
    assert "&lt;b&gt;More to do" in page  # user text is escaped, not markup
    assert page.count("<svg") == page.count("<desc")  # each chart carries its figures
    assert duty["published"].actions.first().title in page  # what was done about the impact
    # Frozen: a later change of the plan does not change the report.
    plan.save_row(
        by=people["officer"],
        values={**_row_values(duty["row"]), "comment": "Programme finished.", "rag": "complete"},
        row_id=duty["row"].pk,
    )
    page = officer.get(f"/annual-reports/{report.pk}/").content.decode()
    assert "Champions recruited." in page and "Programme finished." not in page
    pdf = officer.get(f"/annual-reports/{report.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    public = f"/public/{organisation.slug}/equality/annual/{year}/"
    assert Client().get(public).status_code == 404
    assert officer.post(f"/annual-reports/{report.pk}/publish/").status_code == 403
    assert lead.post(f"/annual-reports/{report.pk}/publish/").status_code == 302
    assert "Hawford library opening hours" in Client().get(public).content.decode()
    assert Client().get(public.rstrip("/") + ".pdf").content.startswith(b"%PDF")
    listing = Client().get(f"/public/{organisation.slug}/equality/").content.decode()
    assert public in listing
    assert AuditEvent.objects.filter(event_type=EventType.ANNUAL_REPORT_TAKEN).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.ANNUAL_REPORT_PUBLISHED).count() == 1
    # One published report a year: a second one for the same year is refused.
    officer.post("/annual-reports/", {"year": year})
    second = AnnualReport.objects.exclude(pk=report.pk).get()
    response = lead.post(f"/annual-reports/{second.pk}/publish/")
    assert response.status_code == 400
    assert AnnualReport.objects.filter(published_at__isnull=False).count() == 1


def _row_values(row):
    return {
        "section": row.section_id,
        "overview": row.overview,
        "key_deliverables": row.key_deliverables,
        "owner_name": row.owner_name,
        "target_text": row.target_text,
        "comment": row.comment,
        "rag": row.rag,
    }


def test_the_public_register_links_to_the_duty_page(people, organisation, duty):
    published = duty["published"]
    page = Client().get(
        f"/public/{organisation.slug}/{published.pipeline_item.reference}/v{published.version}/"
    )
    assert f"/public/{organisation.slug}/equality/" in page.content.decode()


@pytest.mark.parametrize("year", ["", "abc", "1999", "3000", "2026.5"])
def test_a_bad_year_is_refused_naming_the_field(people, organisation, year):
    response = _client(people["officer"]).post("/annual-reports/", {"year": year})
    assert response.status_code == 400
    assert "Reporting year" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_only_the_team_prepares_and_a_viewer_only_reads(people, organisation, make_user):
    viewer = make_user("viewer")
    year = _this_year(organisation)
    assert _client(viewer).get("/annual-reports/").status_code == 200
    assert _client(viewer).post("/annual-reports/", {"year": year}).status_code == 403
    assert _client(people["pm"]).post("/annual-reports/", {"year": year}).status_code == 403
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"reporting_year": "13", "started_before_days": "20", "publish_within_days": "20"},
        {"reporting_year": "april", "started_before_days": "20", "publish_within_days": "20"},
        {"reporting_year": "financial", "started_before_days": "-1", "publish_within_days": "20"},
        {"reporting_year": "financial", "started_before_days": "20", "publish_within_days": "121"},
        {"reporting_year": "financial", "started_before_days": "x", "publish_within_days": ""},
        {"reporting_year": "", "started_before_days": "20", "publish_within_days": "20"},
    ],
)
def test_bad_targets_are_refused(people, values):
    response = _client(people["lead"]).post("/annual-reports/targets/", values)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not DutySettings.objects.exists()


def test_the_lead_sets_the_targets_and_the_dashboard_counts_them(people, organisation):
    values = {
        "reporting_year": "financial",
        "started_before_days": "15",
        "publish_within_days": "10",
    }
    assert _client(people["officer"]).post("/annual-reports/targets/", values).status_code == 403
    assert _client(people["lead"]).post("/annual-reports/targets/", values).status_code == 302
    settings = DutySettings.objects.get(organisation=organisation)
    organisation.refresh_from_db()
    # One reporting year: the annual report's is the quarterly screening reports' too.
    assert (organisation.reporting_year, settings.started_before_days) == ("financial", 15)
    assert targets_for(organisation.pk).year_starts_month == 4
    event = AuditEvent.objects.get(event_type=EventType.DUTY_SETTINGS_CHANGED)
    assert event.details["changes"]["started_before_days"] == [20, 15]
    assert event.details["changes"]["reporting_year"] == ["calendar", "financial"]
    values["reporting_year"] = "calendar"
    assert _client(people["lead"]).post("/annual-reports/targets/", values).status_code == 302
    page = _client(people["lead"]).get("/dashboard/").content.decode()
    assert "Started at least 15 working days before the decision" in page
    assert "Published within 10 working days of sign-off" in page
    year = timezone.localdate().year
    _client(people["officer"]).post("/annual-reports/", {"year": year})
    report = AnnualReport.objects.get()
    assert report.content["label"] == str(year)
    assert report.content["starts"] == f"1 January {year}"


def test_another_organisations_report_is_not_found(
    people, organisation, duty, make_user, other_organisation
):
    year = _this_year(organisation)
    _client(people["officer"]).post("/annual-reports/", {"year": year})
    report = AnnualReport.objects.get()
    _client(people["lead"]).post(f"/annual-reports/{report.pk}/publish/")
    stranger = make_user("equality_lead", organisation=other_organisation)
    for path in (f"/annual-reports/{report.pk}/", f"/annual-reports/{report.pk}.pdf"):
        assert _client(stranger).get(path).status_code == 404
    assert _client(stranger).post(f"/annual-reports/{report.pk}/publish/").status_code == 404
    assert (
        Client().get(f"/public/{other_organisation.slug}/equality/annual/{year}/").status_code
        == 404
    )
