"""mozilla-django-oidc wired to the council's provider: the authentication backend and the two
views, reading their settings through signin.provider (explicit, else discovered)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import provider
from .audit import note
from .models import SignInEvent
from .services import Refused, email_of, sign_in_from_provider

# The session remembers how its person signed in: the provider does MFA for council accounts.
METHOD_KEY = "signin.method"
PROVIDER = "provider"


class CouncilAccountBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(provider.setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every password sign-in too: unconfigured, stay idle.
        self.UserModel = get_user_model()
        self.enabled = provider.configured()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not self.enabled or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        # Entra ID puts groups and the tenant in the ID token, not in its userinfo answer.
        claims = {**payload, **userinfo}
        try:
            return sign_in_from_provider(claims=claims, issuer=str(payload.get("iss", "")))
        except Refused as refused:
            note(
                SignInEvent.Kind.PROVIDER_REFUSED,
                reason=str(refused),
                email=email_of(claims),
                issuer=str(payload.get("iss", "")),
            )
            messages.error(self.request, str(refused))
            self.request.signin_refused = True
            raise SuspiciousOperation(str(refused)) from refused

    def verify_claims(self, claims):
        return bool(claims.get("sub"))


class SignInRequestView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(provider.setting)

    def __init__(self, *args, **kwargs):
        if provider.configured():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)

    def get(self, request):
        if not provider.configured():
            raise Http404("Single sign-on is not configured")
        return super().get(request)


class SignInCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(provider.setting)

    def login_success(self):
        response = super().login_success()
        self.request.session[METHOD_KEY] = PROVIDER
        return response

    def login_failure(self):
        if not getattr(self.request, "signin_refused", False):
            messages.error(self.request, "Signing in with your council account did not work.")
        return super().login_failure()
