"""The equality action plan through HTTP: the equality team keeps its sections and rows, each
update on the row's history and the organisation's trail; assessments' actions appear under
the objective they serve; filters, downloads (formula cells neutralised), and another
organisation's plan is not found."""

import datetime
import io
import zipfile

import pytest
from django.test import Client

from eia.authorization import Role
from eia.events import EventType
from eia.models import Action, AuditEvent
from equality.models import ActionObjective, Objective, PlanRow, PlanSection
from equality.services import objectives as objective_services
from equality.services import plan as plan_services
from tests.factories import DirectorateFactory, UserFactory
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _objective(lead, title="Customers objective"):
    today = datetime.date.today()
    return objective_services.save_objective(
        by=lead,
        values={
            "title": title,
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 3),
            "agreed_by": "Cabinet",
            "agreed_on": today,
        },
    )


def _row(by, section, **extra):
    values = {
        "section": section.pk,
        "overview": "Digital inclusion",
        "key_deliverables": "Establish a network of digital champions.",
        "owner_name": "Customer Services",
        "target_text": "From April 2027",
        "comment": "",
        "rag": "",
        **extra,
    }
    return plan_services.save_row(by=by, values=values)


@pytest.fixture
def section(lead):
    objective = _objective(lead)
    return plan_services.add_section(by=lead, objective_id=objective.pk, title="Customers")


def test_the_officer_adds_and_updates_a_row_and_each_update_is_kept(officer, section):
    client = _client(officer)
    response = client.post(
        "/action-plan/rows/add/",
        {
            "section": section.pk,
            "overview": "Web accessibility",
            "key_deliverables": "Achieve the AAA standard for web accessibility.",
            "owner_name": "Digital team",
            "target_text": "October 2019",
            "rag": "",
        },
    )
    assert response.status_code == 302
    row = PlanRow.objects.get()
    assert (row.target_kind, row.target_due) == ("by", datetime.date(2019, 10, 31))
    client.post(
        f"/action-plan/rows/{row.pk}/",
        {
            "section": section.pk,
            "overview": "Web accessibility",
            "key_deliverables": "Achieve the AAA standard for web accessibility.",
            "owner_name": "Digital team",
            "target_text": "October 2019",
            "comment": "Work is underway to achieve this standard.",
            "rag": "amber",
        },
    )
    changes = list(row.changes.order_by("changed_at", "pk"))
    assert len(changes) == 2
    assert changes[1].changes["rag"] == ["", "amber"]
    types = list(
        AuditEvent.objects.filter(assessment=None)
        .order_by("sequence")
        .values_list("event_type", flat=True)
    )
    assert types[-2:] == [EventType.PLAN_ROW_ADDED, EventType.PLAN_ROW_UPDATED]
    history = client.get(f"/action-plan/rows/{row.pk}/history/").content.decode()
    assert "Work is underway to achieve this standard." in history and "RAG rating" in history
    page = client.get("/action-plan/").content.decode()
    assert "Web accessibility" in page and "31 October 2019" in page and "Overdue" in page


def test_a_project_manager_reads_the_plan_but_cannot_change_it(project_manager, section):
    client = _client(project_manager)
    assert client.get("/action-plan/").status_code == 200
    response = client.post("/action-plan/rows/add/", {"section": section.pk})
    assert response.status_code == 403
    assert not PlanRow.objects.exists()


def test_filters_narrow_the_plan_in_the_database(officer, lead, section, organisation):
    directorate = DirectorateFactory(organisation=organisation, name="Fire and Rescue")
    other = plan_services.add_section(
        by=lead, objective_id=_objective(lead, "Workforce objective").pk, title="Workforce"
    )
    _row(officer, section, overview="Redesign of services", rag="green")
    _row(officer, section, overview="Web accessibility", target_text="October 2019", rag="red")
    _row(
        officer,
        other,
        overview="Fire Service Equality Strategy",
        owner_name="Cumbria Fire and Rescue",
        directorate=directorate.pk,
    )
    client = _client(officer)

    def shown(query):
        page = client.get("/action-plan/?" + query).content.decode()
        return {
            name
            for name in ("Redesign of services", "Web accessibility", "Fire Service Equality")
            if name in page
        }

    assert shown("rag=red") == {"Web accessibility"}
    assert shown("overdue=on") == {"Web accessibility"}
    assert shown(f"section={other.pk}") == {"Fire Service Equality"}
    assert shown(f"objective={section.objective_id}") == {
        "Redesign of services",
        "Web accessibility",
    }
    assert shown(f"directorate={directorate.pk}") == {"Fire Service Equality"}
    assert shown("owner=cumbria") == {"Fire Service Equality"}
    assert client.get("/action-plan/?rag=purple").status_code == 400


def test_an_assessments_action_appears_under_the_objective_it_serves(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Library hours")
    action = assessment.actions.get()
    objective = _objective(people["lead"])
    unlinked = _client(people["officer"]).get("/action-plan/from-assessments/").content.decode()
    assert action.title in unlinked and "not yet linked" in unlinked
    author = _client(people["pm"])
    response = author.post(
        f"/action-plan/actions/{action.pk}/objective/", {"objective": objective.pk}
    )
    assert response.status_code == 302
    page = _client(people["officer"]).get(
        f"/action-plan/from-assessments/?objective={objective.pk}"
    )
    text = page.content.decode()
    assert action.title in text and f"/assessments/{assessment.pk}/" in text
    assert "Library hours" in text
    event = AuditEvent.objects.filter(event_type=EventType.ACTION_LINKED).get()
    assert event.assessment is None and event.details["objective"] == [None, objective.pk]


def test_someone_unconnected_cannot_link_an_action(people, organisation, make_user):
    assessment = builders.at_officer_review(people, organisation)
    action = assessment.actions.get()
    objective = _objective(people["lead"])
    stranger = make_user(Role.PROJECT_MANAGER)
    response = _client(stranger).post(
        f"/action-plan/actions/{action.pk}/objective/", {"objective": objective.pk}
    )
    assert response.status_code == 403


def test_downloads_neutralise_formulas(officer, section):
    _row(officer, section, overview='=HYPERLINK("http://evil")', comment="+1", rag="green")
    client = _client(officer)
    response = client.get("/action-plan/action-plan.csv")
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text and "'+1" in text
    assert "Customers objective" in text
    response = client.get("/action-plan/action-plan.xlsx")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as workbook:
        xml = "".join(
            workbook.read(name).decode() for name in workbook.namelist() if name.endswith(".xml")
        )
    response.close()
    assert "&apos;=HYPERLINK" in xml or "'=HYPERLINK" in xml
    assert "<f>" not in xml  # no cell is a formula


def test_another_organisations_plan_is_not_found(officer, other_organisation):
    their_lead = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD])
    their_officer = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_OFFICER])
    objective = _objective(their_lead, "Their objective")
    theirs = plan_services.add_section(by=their_lead, objective_id=objective.pk, title="Theirs")
    row = _row(their_officer, theirs, overview="Their deliverable")
    client = _client(officer)
    assert client.get(f"/action-plan/rows/{row.pk}/").status_code == 404
    assert client.get(f"/action-plan/rows/{row.pk}/history/").status_code == 404
    assert "Their deliverable" not in client.get("/action-plan/").content.decode()
    csv = b"".join(client.get("/action-plan/action-plan.csv").streaming_content).decode()
    assert "Their deliverable" not in csv
    assert Objective.objects.count() == 1 and PlanSection.objects.count() == 1


def test_a_reviews_actions_take_the_objective_they_served_in_the_version_before(
    people, organisation
):
    first = builders.published(people, organisation, title="Library hours")
    action = first.actions.get()
    Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS)
    objective = _objective(people["lead"])
    plan_services.link_action(by=people["officer"], action_id=action.pk, objective_id=objective.pk)
    second = content.publish_review(people, first)  # the first is superseded
    copied = second.actions.get()
    officer = _client(people["officer"])
    page = officer.get("/action-plan/from-assessments/").content.decode()
    assert "0 linked actions" in page  # the superseded version's link no longer counts
    assert "1 open action not yet linked to an objective" in page
    assert f"in the version before, it served “{objective.title}”" in page
    assert (
        _client(people["pm"]).post("/action-plan/from-assessments/carry-forward/").status_code
        == 403
    )
    assert officer.post("/action-plan/from-assessments/carry-forward/").status_code == 302
    assert ActionObjective.objects.get(action=copied).objective == objective
    page = officer.get("/action-plan/from-assessments/").content.decode()
    assert "1 linked action" in page and f"/assessments/{second.pk}/" in page
    assert f"/assessments/{first.pk}/" not in page
    assert "not yet linked" not in page
    assert officer.post("/action-plan/from-assessments/carry-forward/").status_code == 302
    assert ActionObjective.objects.count() == 2  # nothing more to carry
