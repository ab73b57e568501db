"""The demo data: built through the services, idempotent, and every documented login works."""

import pytest
from django.core.management import call_command

from eia.authorization import Role
from eia.models import Assessment, DutyException, Organisation, PipelineItem, User
from equality.models import (
    ActionObjective,
    AnnualReport,
    FrameworkEvidence,
    Objective,
    PeerFeedback,
    PlanRow,
    Programme,
)
from equality.selectors import cumulative
from workflows.demo import organisations as demo

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_every_login_works(client):
    """Every login works, and the organisations' policies allow no exception to separation
    of duties."""
    call_command("seed_demo")
    call_command("seed_demo")
    # An English county and district, and a body in Wales, Scotland and Northern Ireland.
    assert set(Organisation.objects.values_list("nation", flat=True)) == {
        "england",
        "wales",
        "scotland",
        "northern_ireland",
    }
    assert Organisation.objects.count() == 5
    for org in Organisation.objects.all():
        assert org.screening_ruleset == org.nation
    for org in Organisation.objects.all():
        assert PipelineItem.objects.filter(organisation=org).count() >= 4
    assert PipelineItem.objects.filter(organisation__slug="northshire").count() >= 10
    for _organisation, role_label, username in demo.logins():
        # Through the sign-in page, as a person does (and as the sign-in throttle sees it).
        response = client.post("/sign-in/", {"username": username, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, username
        user = User.objects.get(username=username)
        assert {g.name for g in user.groups.all()} == {
            next(r for r in Role if r.label == role_label).value
        }
        client.logout()
    assert not DutyException.objects.exists()
    assert User.objects.filter(groups__name=Role.AUDITOR).count() == 5


def test_seed_demo_if_empty_leaves_existing_data_alone(organisation):
    call_command("seed_demo", "--if-empty")
    assert Organisation.objects.count() == 1


def test_the_demo_has_an_equality_plan_a_dashboard_and_a_budget_round(client):
    call_command("seed_demo")
    call_command("seed_demo")
    northshire = Organisation.objects.get(slug="northshire")
    assert Objective.objects.filter(organisation=northshire).count() == 4
    assert PlanRow.objects.filter(organisation=northshire).count() >= 12
    round_ = Programme.objects.get(organisation=northshire)
    assert round_.items.count() == 3
    groups = {
        g.characteristic: g
        for g in cumulative.by_group(organisation=northshire, programme_id=round_.pk)
    }
    assert len(groups["disability"].impacts) >= 2 and len(groups["age"].impacts) >= 2
    assert ActionObjective.objects.filter(objective__organisation=northshire).exists()
    feedback = PeerFeedback.objects.filter(organisation=northshire)
    assert feedback.count() == 2 and feedback.filter(plan_row__isnull=False).count() == 1
    assert FrameworkEvidence.objects.filter(organisation=northshire).count() == 3
    report = AnnualReport.objects.get(organisation=northshire, published_at__isnull=False)
    assert report.content["records"] and report.content["objectives"]
    public = client.get(f"/public/northshire/equality/annual/{report.year}/")
    assert public.status_code == 200 and b"Adverse impacts found" in public.content
    client.force_login(User.objects.get(username="viewer.northshire"))
    assert client.get("/dashboard/").status_code == 200
    assert b"must be refreshed by" in client.get("/").content


def test_each_nations_demo_body_has_assessments_at_several_stages(client):
    call_command("seed_demo")
    for slug in ("glanmor", "ardmore", "carrowmore"):
        states = set(
            Assessment.objects.filter(organisation__slug=slug).values_list("state", flat=True)
        )
        assert states == {"published", "awaiting_sign_off", "screening_review"}, slug
    carrowmore = Organisation.objects.get(slug="carrowmore")
    assert carrowmore.reporting_year == "financial"
    client.force_login(User.objects.get(username="dm.carrowmore"))
    waiting = Assessment.objects.get(organisation=carrowmore, state="awaiting_sign_off")
    page = client.get(f"/assessments/{waiting.pk}/sign-off/").content.decode()
    assert "Northern Ireland Act 1998, section 75" in page
    assert "recommends that a public consultation" in page  # 8 weeks, below the 12
    assert "section 149" not in page
