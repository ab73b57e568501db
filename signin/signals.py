"""Every sign-in, however it happens, starts the session's clocks (signin.sessions)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import sessions
from .audit import note
from .models import SignInEvent
from .oidc import METHOD_KEY


@receiver(user_logged_in, dispatch_uid="signin.started")
def _started(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request.session)
    if getattr(request, "method", "") == "POST":
        # A password sign-in (the council account's callback is a GET, and marks itself).
        request.session.pop(METHOD_KEY, None)
        note(SignInEvent.Kind.SIGNED_IN, user=user)
