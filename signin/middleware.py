"""Middleware for signed-in sessions and headers; order in due_regard/settings.py MIDDLEWARE."""

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from . import mfa, sessions
from .audit import note
from .models import SignInEvent
from .oidc import METHOD_KEY, PROVIDER

# No page needs more: TRACE, OPTIONS, PUT, PATCH, DELETE and the rest answer 405 everywhere.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


class AllowedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing shown to a signed-in person (pages, PDFs, evidence, exports) is kept by the
    browser or a proxy, so the next person at a shared computer cannot go Back to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/sign-in/"):
            add_never_cache_headers(response)
        return response


def _sign_in_again(request, message: str):
    messages.info(request, message)
    coming_back = request.method == "GET" and request.path != reverse("signin:timed_out")
    next_path = request.get_full_path() if coming_back else ""
    query = f"?{urlencode({'next': next_path})}" if next_path else ""
    return redirect(reverse("login") + query)


class SessionLifetimeMiddleware:
    """Ends a session that was idle too long or is past its limit, before any view runs; the
    person lands on the sign-in page with a message (no JavaScript needed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            if reason := sessions.expired(request.session, now):
                note(SignInEvent.Kind.TIMED_OUT, user=user, reason=reason)
                logout(request)
                return _sign_in_again(request, sessions.signed_out_message(reason))
            sessions.touch(request.session, now)
        return self.get_response(request)


# Pages a person who still owes a security code may reach.
MFA_EXEMPT = {"logout", "csrf_failure"}
MFA_NAMESPACE = "signin"


class RequireMFAMiddleware:
    """After a password, equality leads and admins set up or enter a security code before any
    other page, the Django admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.session.get(METHOD_KEY) == PROVIDER:
            return None  # the council's identity provider did MFA
        match = request.resolver_match
        if match and (match.namespace == MFA_NAMESPACE or match.url_name in MFA_EXEMPT):
            return None
        if not mfa.required(user):
            return None
        target = "signin:verify" if mfa.has_app(user) else "signin:set_up"
        next_path = request.get_full_path() if request.method == "GET" else ""
        query = f"?{urlencode({'next': next_path})}" if next_path else ""
        return redirect(reverse(target) + query)
