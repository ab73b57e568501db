"""Progress reports through HTTP: the officer takes a dated report, later edits do not change
it, the next report says what changed, the PDF renders, and only a published report is public,
with nothing internal in it."""

import datetime

import pytest
from django.test import Client

from eia.events import EventType
from eia.models import AuditEvent
from equality.models import ProgressReport
from equality.services import objectives, plan

pytestmark = pytest.mark.django_db

MARKER = "INTERNAL-MARKER-3R"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _values(section, **extra):
    return {
        "section": section.pk,
        "overview": "Web accessibility",
        "key_deliverables": "Achieve the AAA standard <b>for the website",
        "owner_name": "Digital team",
        "target_text": "October 2027",
        "comment": "Work is underway.",
        "rag": "amber",
        **extra,
    }


@pytest.fixture
def row(people):
    today = datetime.date.today()
    objective = objectives.save_objective(
        by=people["lead"],
        values={
            "title": "Customers objective",
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 3),
            "agreed_by": "Cabinet",
            "agreed_on": today,
        },
    )
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Customers")
    people["officer"].first_name = MARKER
    people["officer"].save()
    return plan.save_row(
        by=people["officer"], values=_values(section, owner_user=people["officer"].pk)
    )


def test_a_report_is_frozen_and_the_next_says_what_changed(people, row):
    officer = _client(people["officer"])
    response = officer.post("/action-plan/reports/", {"title": "Progress November 2026"})
    assert response.status_code == 302
    first = ProgressReport.objects.get()
    plan.save_row(
        by=people["officer"],
        values=_values(row.section, comment="Standard achieved.", rag="complete"),
        row_id=row.pk,
    )
    page = officer.get(f"/action-plan/reports/{first.pk}/").content.decode()
    assert "Work is underway." in page and "Standard achieved." not in page
    officer.post("/action-plan/reports/", {"title": "Progress May 2027"})
    second = ProgressReport.objects.exclude(pk=first.pk).get()
    page = officer.get(f"/action-plan/reports/{second.pk}/").content.decode()
    assert "RAG rating Amber to Complete" in page and "Comment now: Standard achieved." in page
    assert AuditEvent.objects.filter(event_type=EventType.PROGRESS_REPORT_TAKEN).count() == 2
    pdf = officer.get(f"/action-plan/reports/{second.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_only_a_published_report_is_public_and_it_carries_nothing_internal(
    people, organisation, row
):
    report = _client(people["officer"]).post(
        "/action-plan/reports/", {"title": "Progress November 2026"}
    )
    report = ProgressReport.objects.get()
    public = f"/public/{organisation.slug}/equality/reports/{report.pk}/"
    assert Client().get(public).status_code == 404
    assert (
        _client(people["officer"]).post(f"/action-plan/reports/{report.pk}/publish/").status_code
        == 403
    )
    assert (
        _client(people["lead"]).post(f"/action-plan/reports/{report.pk}/publish/").status_code
        == 302
    )
    page = Client().get(public).content.decode()
    assert "Web accessibility" in page and "Work is underway." in page
    assert MARKER not in page
    assert "&lt;b&gt;for the website" in page  # escaped, not markup
    listing = Client().get(f"/public/{organisation.slug}/equality/").content.decode()
    assert "Progress November 2026" in listing
    pdf = Client().get(f"/public/{organisation.slug}/equality/reports/{report.pk}.pdf")
    assert pdf.content.startswith(b"%PDF") and MARKER.encode() not in pdf.content


def test_another_organisations_report_is_not_found(people, row, make_user, other_organisation):
    _client(people["officer"]).post("/action-plan/reports/", {"title": "Progress"})
    report = ProgressReport.objects.get()
    stranger = make_user("equality_officer", organisation=other_organisation)
    assert _client(stranger).get(f"/action-plan/reports/{report.pk}/").status_code == 404
    assert _client(stranger).get(f"/action-plan/reports/{report.pk}.pdf").status_code == 404
    assert (
        Client().get(f"/public/{other_organisation.slug}/equality/reports/{report.pk}/").status_code
        == 404
    )
