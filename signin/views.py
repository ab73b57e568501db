"""Sign-in pages: set up and enter a security code, recovery codes, staying signed in, the
sign-out after a timeout and the expired-form (CSRF) page."""

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import mfa, sessions
from .audit import note
from .models import SignInEvent

RECOVERY_SESSION_KEY = "signin.recovery_codes"
CODE_LIMIT = 32


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _query(request) -> str:
    return "?" + urlencode({"next": _next(request)})


def _code(request) -> str:
    return request.POST.get("code", "")[:CODE_LIMIT]


@require_http_methods(["GET", "HEAD", "POST"])
def set_up(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    device = mfa.pending_app(user)
    error = ""
    if request.method == "POST":
        codes = mfa.confirm_app(user=user, token=_code(request)) if _code(request) else None
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect(reverse("signin:recovery_codes") + _query(request))
        error = (
            "Enter the 6-digit code from your authenticator app"
            if not _code(request)
            else "The code is not correct. Check the app and enter the code it shows now"
        )
    return render(
        request,
        "signin/mfa_set_up.html",
        {
            "qr_svg": mfa.qr_svg(device),
            "secret": mfa.secret_of(device),
            "error": error,
            "page_has_errors": bool(error),
            "next": _next(request),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not mfa.has_app(user):
        return redirect(reverse("signin:set_up") + _query(request))
    error = ""
    if request.method == "POST":
        device = mfa.check(user=user, token=_code(request)) if _code(request) else None
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        error = (
            "Enter the 6-digit code from your authenticator app, or a recovery code"
            if not _code(request)
            else "The code is not correct. Enter the code the app shows now, or a recovery code"
        )
    return render(
        request,
        "signin/mfa_verify.html",
        {"error": error, "page_has_errors": bool(error), "next": _next(request)},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "HEAD"])
def recovery_codes(request):
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect(_next(request))
    return render(request, "signin/recovery_codes.html", {"codes": codes, "next": _next(request)})


@require_POST
def keep_alive(request):
    """'Stay signed in': restart the idle clock (the session's limit stays where it was)."""
    now = time.time()
    request.session[sessions.SEEN] = now
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(sessions.remaining(request.session, now))
    return redirect(_next(request))


@require_http_methods(["GET", "HEAD"])
def timed_out(request):
    """Where the timeout warning sends the browser when time runs out."""
    if request.user.is_authenticated:
        note(SignInEvent.Kind.TIMED_OUT, user=request.user, reason="warning")
        reason = sessions.expired(request.session, time.time()) or "idle"
        logout(request)
        messages.info(request, sessions.signed_out_message(reason))
    return redirect("login")


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form that was open too long, or cookies switched off."""
    return render(request, "signin/csrf_failure.html", status=403)
