"""The council's identity provider, as configured by environment (see due_regard/settings.py).

mozilla-django-oidc reads fixed endpoint settings; a council usually knows only its issuer
(Entra ID: https://login.microsoftonline.com/<tenant>/v2.0). `setting()` answers from explicit
settings first and otherwise from the provider's discovery document, fetched once per process.
"""

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from eia.models import Organisation

# mozilla-django-oidc's setting names and the discovery document's keys for them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_documents: dict[str, dict] = {}


def discovery_url() -> str:
    if url := getattr(settings, "OIDC_DISCOVERY_URL", ""):
        return url
    if issuer := getattr(settings, "OIDC_ISSUER", ""):
        return issuer.rstrip("/") + "/.well-known/openid-configuration"
    return ""


def configured() -> bool:
    """Single sign-on is offered when a client is registered and the provider can be found."""
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", "")) and bool(
        discovery_url() or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    )


def _document(url: str) -> dict:
    if url not in _documents:
        response = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
        response.raise_for_status()
        _documents[url] = response.json()
    return _documents[url]


_MISSING = object()


def setting(name: str, default=_MISSING):
    """A mozilla-django-oidc setting: explicit first, then discovered, then the default."""
    value = getattr(settings, name, "")
    if value not in ("", None):
        return value
    url = discovery_url() if name in DISCOVERED else ""
    if url and (found := _document(url).get(DISCOVERED[name])):
        return found
    if default is not _MISSING:
        return default
    raise ImproperlyConfigured(f"Single sign-on needs {name} (or OIDC_ISSUER for discovery)")


def organisation_for(claims: dict) -> Organisation | None:
    """Which organisation a council account belongs to: the value of the organisation claim
    (Entra ID's tenant, `tid`) looked up in DUE_REGARD_OIDC_ORGANISATIONS, else the default
    organisation for a single-council deployment."""
    mapping: dict[str, str] = settings.OIDC_ORGANISATIONS
    value = str(claims.get(settings.OIDC_ORGANISATION_CLAIM, ""))
    slug = mapping.get(value) or settings.OIDC_DEFAULT_ORGANISATION
    if not slug:
        return None
    return Organisation.objects.filter(slug=slug).first()
