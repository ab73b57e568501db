"""The equality duty on the public register: objectives and the plan's published columns from
one allow-list (equality/public.py). Marker strings planted in every internal field appear
nowhere on the public page; another organisation's plan is not on this one's."""

import datetime

import pytest
from django.test import Client

from eia.authorization import Role
from equality.services import objectives, plan
from tests.factories import UserFactory
from tests.support import builders

pytestmark = pytest.mark.django_db

MARKER = "INTERNAL-MARKER-7Q"


def _objective(lead, title):
    today = datetime.date.today()
    return objectives.save_objective(
        by=lead,
        values={
            "title": title,
            "statement": "Published statement",
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 3),
            "agreed_by": "Cabinet",
            "agreed_on": today,
            "evidence": "Equality needs analysis",
        },
    )


def test_nothing_internal_reaches_the_public_page(people, organisation, other_organisation):
    people["officer"].first_name = f"{MARKER}-person"
    people["officer"].save()
    assessment = builders.at_officer_review(people, organisation, title=f"{MARKER}-draft")
    action = assessment.actions.get()
    objective = _objective(people["lead"], "Customers: equal access")
    section = plan.add_section(by=people["lead"], objective_id=objective.pk, title="Customers")
    row = plan.save_row(
        by=people["officer"],
        values={
            "section": section.pk,
            "overview": "Digital inclusion",
            "key_deliverables": "Digital champions",
            "owner_name": "Customer Services",
            "owner_user": people["officer"].pk,
            "target_text": "From April 2027",
            "comment": f"first {MARKER}-superseded-comment",
            "rag": "amber",
        },
    )
    plan.save_row(
        by=people["officer"],
        values={
            "section": section.pk,
            "overview": "Digital inclusion",
            "key_deliverables": "Digital champions",
            "owner_name": "Customer Services",
            "owner_user": people["officer"].pk,
            "target_text": "From April 2027",
            "comment": "Champions recruited",
            "rag": "green",
        },
        row_id=row.pk,
    )
    plan.link_action(by=people["officer"], action_id=action.pk, objective_id=objective.pk)
    their_lead = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD])
    _objective(their_lead, f"{MARKER}-their-objective")

    response = Client().get(f"/public/{organisation.slug}/equality/")
    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("Customers: equal access", "Digital inclusion", "Champions recruited", "Green"):
        assert shown in page
    assert "From April 2027" in page and "Equality needs analysis" in page
    assert MARKER not in page
    assert action.title not in page


def test_an_unknown_organisation_is_not_found(db):
    assert Client().get("/public/nowhere/equality/").status_code == 404
