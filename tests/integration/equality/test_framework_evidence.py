"""The Equality Framework's evidence and peer challenge through HTTP: the lead links an
assessment (by its reference), an objective or a plan deliverable as evidence for an area;
records each point of the peer challenge's feedback; the equality team turns a point into a
deliverable of the action plan, which links back to it. Each write is on the organisation's
trail; bad input is a 400 naming the problem; another organisation's records are not found."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eia.errors import InvalidInput
from eia.events import EventType
from eia.models import AuditEvent
from equality.models import FrameworkEvidence, PeerFeedback, PlanRow
from equality.services import framework, objectives, plan
from tests.support import builders

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def duty(people, organisation):
    today = datetime.date.today()
    objective = objectives.save_objective(
        by=people["lead"],
        values={
            "title": "Communities: good relations",
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 3),
            "agreed_by": "Cabinet",
            "agreed_on": today,
        },
    )
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Communities")
    row = plan.save_row(
        by=people["officer"],
        values={
            "section": section.pk,
            "overview": "Community cohesion forum",
            "key_deliverables": "Meet quarterly",
            "owner_name": "Communities team",
            "target_text": "Ongoing",
            "rag": "green",
        },
    )
    assessment = builders.at_officer_review(people, organisation, title="Hawford library hours")
    return {"objective": objective, "section": section, "row": row, "assessment": assessment}


def test_the_lead_links_each_kind_of_record_as_evidence(people, duty):
    lead = _client(people["lead"])
    reference = duty["assessment"].pipeline_item.reference
    for values in (
        {"kind": "assessment", "reference": reference.lower(), "note": "Engagement with users"},
        {"kind": "objective", "objective": duty["objective"].pk},
        {"kind": "plan_row", "plan_row": duty["row"].pk},
    ):
        response = lead.post("/equality-framework/engagement/evidence/", values)
        assert response.status_code == 302, response.content.decode()
    assert FrameworkEvidence.objects.filter(area="engagement").count() == 3
    assert AuditEvent.objects.filter(event_type=EventType.FRAMEWORK_EVIDENCE_LINKED).count() == 3
    page = _client(people["pm"]).get("/equality-framework/").content.decode()
    for shown in (
        "Hawford library hours",
        f"/assessments/{duty['assessment'].pk}/",
        "Engagement with users",
        "Communities: good relations",
        f"/action-plan/rows/{duty['row'].pk}/history/",
    ):
        assert shown in page, shown
    again = lead.post(
        "/equality-framework/engagement/evidence/",
        {"kind": "objective", "objective": duty["objective"].pk},
    )
    assert again.status_code == 400 and b"already evidence for this area" in again.content


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "Select the kind of record"),
        ({"kind": "assessment"}, "Enter the assessment"),
        ({"kind": "assessment", "reference": "NOPE-1"}, "No assessment has that reference"),
        ({"kind": "objective"}, "Select an objective from the list"),
        ({"kind": "objective", "objective": "abc"}, "Select a valid choice"),
        ({"kind": "plan_row", "plan_row": "999999"}, "Select a valid choice"),
        ({"kind": "other"}, "Select a valid choice"),
        ({"kind": "objective", "objective": "1", "note": "x" * 301}, "300 characters or fewer"),
    ],
)
def test_bad_evidence_is_refused_naming_the_problem(people, duty, values, message):
    response = _client(people["lead"]).post("/equality-framework/knowing/evidence/", values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FrameworkEvidence.objects.exists()


def test_feedback_becomes_a_deliverable_that_links_back(people, duty):
    lead, officer = _client(people["lead"]), _client(people["officer"])
    response = lead.post(
        "/equality-framework/engagement/feedback/",
        {
            "text": "Engage more with Gypsy and Traveller communities.",
            "received_on_0": "14",
            "received_on_1": "10",
            "received_on_2": "2026",
        },
    )
    assert response.status_code == 302
    feedback = PeerFeedback.objects.get()
    page = officer.get("/equality-framework/").content.decode()
    assert f"/equality-framework/feedback/{feedback.pk}/action/" in page
    form = officer.get(f"/equality-framework/feedback/{feedback.pk}/action/").content.decode()
    assert "Engage more with Gypsy and Traveller communities." in form  # prefilled
    response = officer.post(
        f"/equality-framework/feedback/{feedback.pk}/action/",
        {
            "section": duty["section"].pk,
            "overview": "Gypsy and Traveller engagement",
            "key_deliverables": "Quarterly meetings with the Traveller liaison group",
            "owner_name": "Communities team",
            "target_text": "From April 2027",
            "rag": "",
        },
    )
    row = PlanRow.objects.get(overview="Gypsy and Traveller engagement")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/action-plan/rows/{row.pk}/history/"
    )
    feedback.refresh_from_db()
    assert feedback.plan_row == row
    assert AuditEvent.objects.filter(event_type=EventType.PEER_FEEDBACK_ACTIONED).count() == 1
    history = officer.get(f"/action-plan/rows/{row.pk}/history/").content.decode()
    assert "peer challenge" in history and "Gypsy and Traveller communities." in history
    assert (
        "Peer challenge feedback</a> on community engagement"
        in officer.get("/action-plan/").content.decode()
    )
    # Once made, the feedback's link goes to the deliverable, and a second one is refused.
    again = officer.get(f"/equality-framework/feedback/{feedback.pk}/action/")
    assert again.status_code == 302
    with pytest.raises(InvalidInput, match="already been created"):
        framework.act_on_feedback(by=people["officer"], feedback_id=feedback.pk, values={})
    assert PlanRow.objects.count() == 2


def test_bad_feedback_and_bad_deliverables_are_refused(people, duty):
    lead = _client(people["lead"])
    for values in ({"text": ""}, {"text": "x" * 20001}, {"text": "ok", "received_on_0": "40"}):
        assert lead.post("/equality-framework/knowing/feedback/", values).status_code == 400
    assert not PeerFeedback.objects.exists()
    feedback = framework.record_feedback(by=people["lead"], area="knowing", text="Map needs.")
    response = lead.post(f"/equality-framework/feedback/{feedback.pk}/action/", {"overview": ""})
    assert response.status_code == 400 and b"govuk-error-summary" in response.content
    assert PlanRow.objects.count() == 1


def test_who_may_do_what_and_another_organisations_records(
    people, duty, make_user, other_organisation
):
    feedback = framework.record_feedback(by=people["lead"], area="knowing", text="Map needs.")
    officer = _client(people["officer"])
    assert officer.post("/equality-framework/knowing/feedback/", {"text": "x"}).status_code == 403
    assert officer.post("/equality-framework/knowing/evidence/", {}).status_code == 403
    assert (
        _client(people["pm"]).get(f"/equality-framework/feedback/{feedback.pk}/action/").status_code
        == 403
    )
    stranger = _client(make_user("equality_lead", organisation=other_organisation))
    assert stranger.get(f"/equality-framework/feedback/{feedback.pk}/action/").status_code == 404
    response = stranger.post(
        "/equality-framework/knowing/evidence/",
        {"kind": "plan_row", "plan_row": duty["row"].pk},
    )
    assert response.status_code == 400  # not in their list
    response = stranger.post(
        "/equality-framework/knowing/evidence/",
        {"kind": "assessment", "reference": duty["assessment"].pipeline_item.reference},
    )
    assert response.status_code == 400 and b"No assessment has that reference" in response.content
    assert "Map needs." not in stranger.get("/equality-framework/").content.decode()
    assert _client(people["lead"]).get("/equality-framework/nowhere/evidence/").status_code == 404


def test_the_framework_page_costs_the_same_queries_with_more_evidence(people, duty):
    client = _client(people["lead"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/equality-framework/").status_code == 200
        return len(captured)

    framework.link_evidence(
        by=people["lead"], area="knowing", values={"kind": "plan_row", "plan_row": duty["row"].pk}
    )
    framework.record_feedback(by=people["lead"], area="knowing", text="One")
    few = queries()
    for area in ("leadership", "engagement", "services", "workforce"):
        for kind, key, value in (
            ("plan_row", "plan_row", duty["row"].pk),
            ("objective", "objective", duty["objective"].pk),
            ("assessment", "reference", duty["assessment"].pipeline_item.reference),
        ):
            framework.link_evidence(by=people["lead"], area=area, values={"kind": kind, key: value})
        framework.record_feedback(by=people["lead"], area=area, text=f"Point on {area}")
    assert queries() == few
