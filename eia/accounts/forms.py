"""The password reset form, sending through eia.accounts.mail and onto the security log."""

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from eia import security_log
from eia.events import SecurityEventType

from . import mail


class ResetForm(PasswordResetForm):
    """Django's form (no answer says whether an address is known), its email sent by our one
    mail function. Only active users with a password get one; someone invited who has not yet
    set a password asks their lead to send the invitation again."""

    def save(self, *args, request=None, **kwargs):
        self._request = request
        return super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        security_log.record(
            SecurityEventType.PASSWORD_RESET_REQUESTED,
            organisation_id=user.organisation_id,
            subject=user,
            request=getattr(self, "_request", None),
        )
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        mail.send(subject=subject, body=body, to=to_email, organisation_id=user.organisation_id)
