"""The accounts pages: reset a forgotten password by email link, accept an invitation (set
your own password), change your password, and the organisation's security log (page and CSV).
Django's auth views do the work; these put each success on the security log."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from eia import security_log
from eia.errors import NotAllowed
from eia.events import SecurityEventType, security_label
from eia.models import DutyException
from eia.pagination import numbered
from eia.register.exports import CSV_TYPE
from eia.register.limits import client_address

from .forms import ResetForm
from .tokens import invitation_tokens


def _reset_rate(group, request) -> str:
    return settings.PASSWORD_RESET_RATE


# A reset request sends an email: limited per address so nobody can flood a colleague's inbox
# or the outbox (past the limit: the 429 page, eia.views.errors.rate_limited).
@method_decorator(
    ratelimit(group="accounts:reset", key=client_address, rate=_reset_rate, method="POST"),
    name="dispatch",
)
class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_extra_email_context(self):
        # Links start from the configured address, never from the request's Host header.
        return {"site_url": settings.SITE_URL.rstrip("/"), "service_name": settings.SERVICE_NAME}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    event = SecurityEventType.PASSWORD_RESET
    title = "Choose a new password"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        security_log.record(
            self.event,
            organisation_id=form.user.organisation_id,
            subject=form.user,
            request=self.request,
        )
        return response


class InvitationAcceptView(ResetConfirmView):
    """The invited person sets their own password; the link then no longer works."""

    event = SecurityEventType.INVITATION_ACCEPTED
    token_generator = invitation_tokens
    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("invitation_done")
    title = "Set your password"


@login_not_required
@require_GET
def invitation_done(request):
    return render(request, "registration/invitation_done.html")


class ChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        security_log.record(
            SecurityEventType.PASSWORD_CHANGED,
            organisation_id=self.request.user.organisation_id,
            by=self.request.user,
            subject=self.request.user,
            request=self.request,
        )
        return response


def _require_reader(request) -> None:
    if not security_log.can_read(request.user):
        raise NotAllowed("Only the equality lead and the auditor can read the security log.")


@require_GET
def security_log_page(request):
    _require_reader(request)
    page = numbered(request, security_log.entries_for(request.user), per_page=50)
    rows = [
        {
            "event": event,
            "label": security_label(event.event_type),
            "details": security_log.describe(event),
        }
        for event in page.rows
    ]
    exceptions = DutyException.objects.filter(
        organisation_id=request.user.organisation_id, ended_at__isnull=True
    ).select_related("recorded_by", "confirmed_by")
    return render(
        request,
        "eia/security_log.html",
        {"page": page, "rows": rows, "exceptions": exceptions},
    )


@require_GET
def security_log_csv(request):
    _require_reader(request)
    response = StreamingHttpResponse(security_log.csv_export(request.user), content_type=CSV_TYPE)
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="security-log-{day}.csv"'
    return response
