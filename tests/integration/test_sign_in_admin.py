"""The equality lead maps the provider's groups to roles and reads the sign-in log in the
admin, for their own organisation only."""

import pytest
from django.test import Client

from eia.authorization import Role
from signin.audit import note
from signin.models import ProviderGroupRole, SignInEvent

pytestmark = pytest.mark.django_db


def test_the_lead_maps_a_group_to_a_role_in_their_own_organisation(lead, other_organisation):
    client = Client()
    client.force_login(lead)
    response = client.post(
        "/admin/signin/providergrouprole/add/",
        {"group": "0f3c6d1e-equality-team", "role": Role.EQUALITY_OFFICER.value},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mapping = ProviderGroupRole.objects.get()
    assert mapping.organisation == lead.organisation and mapping.role == "equality_officer"
    ProviderGroupRole.objects.create(
        organisation=other_organisation, group="eastdale-group", role=Role.VIEWER
    )
    listing = client.get("/admin/signin/providergrouprole/").content.decode()
    assert "0f3c6d1e-equality-team" in listing and "eastdale-group" not in listing


def test_the_sign_in_log_is_read_only_and_scoped(lead, make_user, other_organisation):
    note(
        SignInEvent.Kind.SIGNED_IN,
        user=make_user(Role.VIEWER, username="ours", first_name="Ourperson"),
    )
    note(
        SignInEvent.Kind.SIGNED_IN,
        user=make_user(
            Role.VIEWER,
            username="theirs",
            first_name="Theirperson",
            organisation=other_organisation,
        ),
    )
    client = Client()
    client.force_login(lead)
    listing = client.get("/admin/signin/signinevent/").content.decode()
    assert "Ourperson" in listing and "Theirperson" not in listing
    event = SignInEvent.objects.filter(user__username="ours").get()
    assert client.post(f"/admin/signin/signinevent/{event.pk}/delete/").status_code == 403


def test_an_officer_cannot_change_the_mappings(make_user):
    client = Client()
    client.force_login(make_user(Role.EQUALITY_OFFICER, is_staff=True))
    assert client.get("/admin/signin/providergrouprole/add/").status_code == 403
