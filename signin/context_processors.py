import time

from django.conf import settings

from . import provider, sessions


def sign_in(request):
    """Whether council sign-in is offered, and the session's clocks for the timeout warning."""
    context = {"council_sign_in": provider.configured()}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and hasattr(request, "session"):
        context["session_timeout"] = {
            **sessions.remaining(request.session, time.time()),
            "warning": int(settings.DUE_REGARD_SESSION_WARNING_SECONDS),
        }
    return context
