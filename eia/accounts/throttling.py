"""Sign-in protection with django-axes, and its failures on the security log.

Failures are counted per username *and* address together (AXES_LOCKOUT_PARAMETERS in
due_regard/settings.py), so an attacker guessing from another address cannot lock the real
person out; a locked pair waits AXES_COOLOFF_TIME. This handler is axes's database handler
that also writes each failure, and the lockout itself, to the organisation's security log.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings

from eia import security_log
from eia.events import SecurityEventType
from eia.models import User

USERNAME_SHOWN = 150  # characters of an attempted username kept on the log


def client_ip(request) -> str:
    """The client's address: the proxy's header when DUE_REGARD_CLIENT_IP_HEADER names one."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


class SecurityLogHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        already_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        username = str((credentials or {}).get("username") or "")[:USERNAME_SHOWN]
        user = User.objects.filter(username=username).only("pk", "organisation_id").first()
        common = {
            "organisation_id": user.organisation_id if user else None,
            "subject": user,
            "subject_name": username,
            "request": request,
        }
        security_log.record(
            SecurityEventType.SIGN_IN_FAILED,
            details={"username": username, "reason": "locked out" if already_locked else ""},
            **common,
        )
        if not already_locked and getattr(request, "axes_locked_out", False):
            security_log.record(
                SecurityEventType.LOCKED_OUT, details={"username": username}, **common
            )
