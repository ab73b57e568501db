"""Council sign-in through a real OpenID Connect provider (node's oidc-provider, started for
this module) and a live Django server: the whole authorization-code flow over HTTP. People are
matched by their provider `sub`, then their email, or created in the organisation their tenant
maps to, with roles from the groups the organisation maps."""

import pytest
import requests
from django.contrib.auth.models import Group

from eia.authorization import Role, roles_of
from eia.models import User
from signin import provider as provider_settings
from signin.models import ProviderGroupRole, ProviderIdentity, SignInEvent
from tests.support.oidc import CLIENT_ID, CLIENT_SECRET, Provider, sign_in_with_council_account

pytestmark = pytest.mark.django_db(transaction=True)

TENANT = "tenant-northshire"
ACCOUNTS = {
    "alex-sub-1": {
        "email": "Alex.Morgan@northshire.example",
        "email_verified": True,
        "given_name": "Alex",
        "family_name": "Morgan",
        "groups": ["grp-equality-team", "grp-all-staff"],
        "tid": TENANT,
    },
    "sam-sub-2": {
        "email": "sam.patel@northshire.example",
        "email_verified": True,
        "given_name": "Sam",
        "family_name": "Patel",
        "groups": ["grp-all-staff"],
        "tid": TENANT,
    },
    "lee-sub-3": {
        "email": "lee@elsewhere.example",
        "given_name": "Lee",
        "groups": ["grp-equality-team"],
        "tid": "tenant-not-mapped",
    },
}


@pytest.fixture(scope="module")
def identity_provider(live_server):
    running = Provider(base_url=live_server.url, accounts=ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def council_sign_in(settings, identity_provider, organisation):
    settings.OIDC_ISSUER = identity_provider.issuer  # endpoints from its discovery document
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups organisation"
    settings.OIDC_ORGANISATIONS = {TENANT: organisation.slug}
    settings.OIDC_DEFAULT_ORGANISATION = ""
    settings.DUE_REGARD_REQUIRE_MFA = True
    provider_settings._documents.clear()
    return identity_provider


def test_a_new_council_account_is_created_in_its_organisation_with_mapped_roles(
    council_sign_in, live_server, organisation
):
    ProviderGroupRole.objects.create(
        organisation=organisation, group="grp-equality-team", role=Role.EQUALITY_LEAD
    )
    page = requests.get(live_server.url + "/sign-in/", timeout=30)
    assert "Sign in with your council account" in page.text
    browser, response = sign_in_with_council_account(council_sign_in, live_server.url, "alex-sub-1")
    assert response.url == live_server.url + "/"
    assert response.status_code == 200
    # An equality lead, yet no local security code: the council's provider does MFA.
    assert "Signed in as Alex Morgan (Equality lead)" in response.text
    user = User.objects.get(email="alex.morgan@northshire.example")
    assert user.organisation == organisation and not user.has_usable_password()
    assert roles_of(user) == {Role.EQUALITY_LEAD}
    identity = ProviderIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (council_sign_in.issuer, "alex-sub-1")
    kinds = list(SignInEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert set(kinds) == {
        SignInEvent.Kind.ACCOUNT_CREATED,
        SignInEvent.Kind.ROLES_CHANGED,
        SignInEvent.Kind.SIGNED_IN_PROVIDER,
    }
    assert browser.get(live_server.url + "/pipeline/", timeout=30).status_code == 200


def test_the_next_sign_in_finds_the_person_by_sub_even_after_their_email_changed(
    council_sign_in, live_server
):
    sign_in_with_council_account(council_sign_in, live_server.url, "alex-sub-1")
    user = User.objects.get(provider_identities__subject="alex-sub-1")
    user.email = "a.morgan@northshire.example"
    user.save()
    _, response = sign_in_with_council_account(council_sign_in, live_server.url, "alex-sub-1")
    assert response.url == live_server.url + "/"
    assert User.objects.filter(provider_identities__subject="alex-sub-1").get() == user
    assert User.objects.count() == 1


def test_an_existing_account_is_linked_by_email_and_keeps_roles_when_none_are_mapped(
    council_sign_in, live_server, make_user
):
    sam = make_user(Role.PROJECT_MANAGER, email="Sam.Patel@northshire.example", first_name="Sam")
    _, response = sign_in_with_council_account(council_sign_in, live_server.url, "sam-sub-2")
    assert response.url == live_server.url + "/"
    assert ProviderIdentity.objects.get(subject="sam-sub-2").user == sam
    assert roles_of(User.objects.get(pk=sam.pk)) == {Role.PROJECT_MANAGER}
    assert SignInEvent.objects.filter(user=sam, kind=SignInEvent.Kind.ACCOUNT_LINKED).exists()


def test_mapped_groups_take_away_a_role_the_provider_no_longer_gives(
    council_sign_in, live_server, make_user, organisation
):
    ProviderGroupRole.objects.create(
        organisation=organisation, group="grp-equality-team", role=Role.EQUALITY_OFFICER
    )
    sam = make_user(Role.EQUALITY_OFFICER, email="sam.patel@northshire.example")
    sign_in_with_council_account(council_sign_in, live_server.url, "sam-sub-2")
    assert roles_of(User.objects.get(pk=sam.pk)) == frozenset()
    event = SignInEvent.objects.get(user=sam, kind=SignInEvent.Kind.ROLES_CHANGED)
    assert event.details == {"before": ["equality_officer"], "after": []}
    assert Group.objects.filter(name=Role.EQUALITY_OFFICER.value).exists()


def test_an_account_from_a_tenant_no_organisation_maps_is_refused(council_sign_in, live_server):
    _, response = sign_in_with_council_account(council_sign_in, live_server.url, "lee-sub-3")
    assert response.url == live_server.url + "/sign-in/"
    assert "not linked to an organisation" in response.text
    assert not User.objects.exists()
    refused = SignInEvent.objects.get(kind=SignInEvent.Kind.PROVIDER_REFUSED)
    assert refused.details["email"] == "lee@elsewhere.example"


def test_without_configuration_the_sign_in_page_offers_no_council_account(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert "council account" not in client.get("/sign-in/").content.decode()
    assert client.get("/sign-in/council/").status_code == 404
