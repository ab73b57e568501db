"""How long a signed-in session lasts: it ends after DUE_REGARD_SESSION_IDLE_MINUTES without a
request (30 by default) and DUE_REGARD_SESSION_HOURS after signing in (12), whichever is first.
The clocks live in the session; signin.middleware.SessionLifetimeMiddleware reads them."""

import time

from django.conf import settings

STARTED = "signin.started"
SEEN = "signin.seen"
# A request refreshes the idle clock at most this often, so most requests save no session.
REFRESH_SECONDS = 30


def idle_seconds() -> int:
    return int(settings.DUE_REGARD_SESSION_IDLE_SECONDS)


def absolute_seconds() -> int:
    return int(settings.DUE_REGARD_SESSION_ABSOLUTE_SECONDS)


def start(session, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session[STARTED] = now
    session[SEEN] = now


def expired(session, now: float) -> str:
    """'idle', 'absolute' or '' (still valid)."""
    started = session.get(STARTED, now)
    seen = session.get(SEEN, now)
    if now - started >= absolute_seconds():
        return "absolute"
    if now - seen >= idle_seconds():
        return "idle"
    return ""


def touch(session, now: float) -> None:
    session.setdefault(STARTED, now)
    if now - session.get(SEEN, 0) >= min(REFRESH_SECONDS, idle_seconds() / 10):
        session[SEEN] = now


def remaining(session, now: float) -> dict:
    """Seconds until the session ends for inactivity and at its limit, for the warning."""
    started = session.get(STARTED, now)
    seen = session.get(SEEN, now)
    return {
        "idle": max(0, int(idle_seconds() - (now - seen))),
        "absolute": max(0, int(absolute_seconds() - (now - started))),
    }


def signed_out_message(reason: str) -> str:
    if reason == "absolute":
        hours = absolute_seconds() // 3600
        return f"You were signed out because you had been signed in for {hours} hours."
    minutes = max(1, idle_seconds() // 60)
    return f"You were signed out because you had not done anything for {minutes} minutes."
