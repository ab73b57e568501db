"""An action's owner is a person in the organisation, a team or a named partner organisation;
owner and target date are required; an open action past its date is flagged overdue. The
public sees a person only by job title, a team or partner by its name."""

import datetime

import pytest
from django.test import Client

from eia.audit import head
from eia.errors import InvalidInput
from eia.models import Action
from eia.redaction import public_record
from eia.selectors.actions import actions_for
from eia.services import actions as actions_services
from tests.support import builders, content
from workflows import services

pytestmark = pytest.mark.django_db

DATA = {
    "kind": "mitigation",
    "title": "Mobile library visits",
    "description": "",
    "status": "not_started",
    "rag": "",
    "target_date": datetime.date(2027, 6, 1),
}


@pytest.fixture
def full(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


def _save(full, people, **kwargs):
    return actions_services.save_action(
        assessment_id=full.pk, seen=head(full), by=people["pm"], **kwargs
    )


def test_a_team_or_a_partner_organisation_can_own_an_action(full, people):
    team = _save(full, people, data=DATA, owner_kind="team", owner_name="Library Services")
    partner = _save(
        full, people, data=DATA, owner_kind="partner", owner_name="Northshire Age Concern"
    )
    assert (team.owner_id, team.owner_label) == (None, "Library Services")
    assert partner.owner_label == "Northshire Age Concern (partner organisation)"
    assert team.has_owner and partner.has_owner


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"owner_kind": "person"}, "Choose the person who owns the action"),
        ({"owner_kind": "team", "owner_name": "  "}, "Enter the team's name"),
        ({"owner_kind": "partner", "owner_name": "A\nB"}, "must be on one line"),
        ({"owner_kind": "cabal", "owner_name": "x"}, "Choose who owns the action"),
    ],
)
def test_the_service_refuses_an_action_without_a_proper_owner(full, people, kwargs, message):
    with pytest.raises(InvalidInput, match=message):
        _save(full, people, data=DATA, **kwargs)
    assert not Action.objects.filter(assessment=full).exists()


def test_the_service_refuses_an_action_without_a_target_date(full, people):
    with pytest.raises(InvalidInput, match="Enter the action's target date"):
        _save(full, people, data=DATA | {"target_date": None}, owner_id=people["pm"].pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"owner_kind": "person"}, "Choose the person who owns the action"),
        ({"owner_kind": "team"}, "Enter the name of the team that owns it"),
        ({"owner_kind": "partner"}, "Enter the name of the partner organisation that owns it"),
        ({"owner_kind": "team", "owner_name": "x" * 301}, "characters or fewer"),
        ({"owner_kind": "person", "owner": "999999"}, "Choose an owner from your organisation"),
        ({"owner_kind": "team", "owner_name": "T", "target_date_0": ""}, "Enter the target date"),
        ({"owner_kind": "bogus"}, "Select a valid choice"),
    ],
)
def test_bad_input_on_the_action_form_gets_a_message_and_saves_nothing(full, people, data, message):
    client = Client()
    client.force_login(people["pm"])
    posted = {
        "seen": head(full),
        "kind": "mitigation",
        "title": "Mobile library",
        "status": "not_started",
        "target_date_0": "1",
        "target_date_1": "6",
        "target_date_2": "2027",
    } | data
    if posted["target_date_0"] == "":
        posted |= {"target_date_1": "", "target_date_2": ""}
    response = client.post(f"/assessments/{full.pk}/full/actions/add/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.filter(assessment=full).exists()


def test_the_form_saves_a_partner_owner_and_the_list_shows_it(full, people):
    client = Client()
    client.force_login(people["pm"])
    response = client.post(
        f"/assessments/{full.pk}/full/actions/add/",
        {
            "seen": head(full),
            "kind": "mitigation",
            "title": "Home delivery with volunteers",
            "status": "not_started",
            "owner_kind": "partner",
            "owner": str(people["pm"].pk),  # ignored for a partner
            "owner_name": "Northshire Age Concern",
            "target_date_0": "1",
            "target_date_1": "6",
            "target_date_2": "2027",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(assessment=full)
    assert (action.owner_kind, action.owner_id) == ("partner", None)
    page = client.get(f"/assessments/{full.pk}/full/actions/").content.decode()
    assert "Northshire Age Concern (partner organisation)" in page


def test_an_open_action_past_its_date_is_overdue_and_a_closed_one_is_not(full, people):
    action = _save(full, people, data=DATA, owner_id=people["pm"].pk)
    assert action.overdue_on(datetime.date(2027, 6, 2))
    assert not action.overdue_on(datetime.date(2027, 6, 1))
    action.status = Action.Status.DONE
    assert not action.overdue_on(datetime.date(2027, 6, 2))
    Action.objects.filter(pk=action.pk).update(target_date=datetime.date(2020, 1, 1))
    client = Client()
    client.force_login(people["pm"])
    html = client.get(f"/assessments/{full.pk}/full/actions/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html


def test_the_public_sees_a_team_by_name_and_a_person_only_by_job_title(people, organisation):
    published = content.published_with_content(people, organisation, rurality=False)
    action = published.actions.filter(kind="mitigation").first()
    Action.objects.filter(pk=action.pk).update(
        owner_kind="team", owner=None, owner_name="Libraries"
    )
    owners = {row.owner_role for row in public_record(published).actions}
    assert "Libraries" in owners
    assert not any(people["pm"].last_name in owner for owner in owners if owner)


def test_an_action_a_team_or_partner_owns_is_in_its_authors_actions(full, people, make_user):
    """Someone inside follows it up: the assessment's author, to whom its reminders go."""
    _save(full, people, data=DATA, owner_kind="team", owner_name="Library Services")
    _save(full, people, data=DATA | {"title": "Befriending calls"}, owner_kind="partner",
          owner_name="Northshire <Age> Concern")  # fmt: skip
    theirs = {row.action.title for row in actions_for(user=people["pm"])}
    assert theirs == {"Mobile library visits", "Befriending calls"}
    other = make_user("project_manager")
    assert actions_for(user=other) == []
    client = Client()
    client.force_login(people["pm"])
    page = client.get("/tasks/").content.decode()
    assert "owned by Library Services" in page
    assert "owned by Northshire &lt;Age&gt; Concern (partner organisation)" in page
