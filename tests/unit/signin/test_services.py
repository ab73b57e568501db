import pytest

from signin import provider
from signin.services import email_of, groups_of
from tests.factories import OrganisationFactory


def test_email_comes_from_email_then_entras_preferred_username():
    assert email_of({"email": "A.Person@Council.example"}) == "a.person@council.example"
    assert email_of({"preferred_username": "upn@council.example"}) == "upn@council.example"
    assert email_of({"preferred_username": "not-an-address"}) == ""
    assert email_of({"email": "bad\nline@council.example"}) == ""


def test_groups_accept_a_list_or_one_value():
    assert groups_of({"groups": ["a", "b"]}) == {"a", "b"}
    assert groups_of({"groups": "a"}) == {"a"}
    assert groups_of({}) == set()


@pytest.mark.django_db
def test_the_organisation_comes_from_the_tenant_map_then_the_default(settings):
    northshire = OrganisationFactory(slug="northshire")
    eastdale = OrganisationFactory(slug="eastdale")
    settings.OIDC_ORGANISATION_CLAIM = "tid"
    settings.OIDC_ORGANISATIONS = {"t-east": "eastdale"}
    settings.OIDC_DEFAULT_ORGANISATION = ""
    assert provider.organisation_for({"tid": "t-east"}) == eastdale
    assert provider.organisation_for({"tid": "t-other"}) is None
    settings.OIDC_DEFAULT_ORGANISATION = "northshire"
    assert provider.organisation_for({"tid": "t-other"}) == northshire


def test_explicit_endpoints_win_and_nothing_is_offered_unconfigured(settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert not provider.configured()
    settings.OIDC_RP_CLIENT_ID = "due-regard"
    settings.OIDC_ISSUER = ""
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/authorize"
    assert provider.configured()
    assert provider.setting("OIDC_OP_AUTHORIZATION_ENDPOINT") == "https://login.example/authorize"
    assert provider.setting("OIDC_OP_JWKS_ENDPOINT", None) is None
    settings.OIDC_ISSUER = "https://login.example/tenant/v2.0/"
    assert provider.discovery_url() == (
        "https://login.example/tenant/v2.0/.well-known/openid-configuration"
    )
