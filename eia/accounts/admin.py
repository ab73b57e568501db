"""The admin's accounts pieces: leads invite people and change roles but never see or set a
password; superusers keep Django's password forms. Every change is on the security log. Also
the policy on separation of duties (recorded, confirmed by a second person, ended)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from eia import security_log
from eia.authorization import Role
from eia.errors import DomainError
from eia.events import SecurityEventType
from eia.models import DutyException, User
from eia.services import duty_policy

from . import invitations

INVITE_FIELDS = ("username", "first_name", "last_name", "email", "job_title", "groups")


class InviteForm(forms.ModelForm):
    """A new colleague, without a password: they choose their own from the invitation."""

    email = forms.EmailField(help_text="The invitation to set a password is sent here.")

    class Meta:
        model = User
        fields = INVITE_FIELDS

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


def _role_labels(names) -> list[str]:
    return [role.label for role in Role if role.value in names]


class AccountsAdminMixin:
    """For the user admin: invitations, no password forms for leads, the security log."""

    actions = ["send_invitations"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = InviteForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # A lead who could change a colleague's address could send themselves the colleague's
        # reset link: once someone has a password, only a superuser changes their address.
        if obj is not None and not request.user.is_superuser and obj.has_usable_password():
            readonly.append("email")
        return readonly

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied("Leads never set a colleague's password.")
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            security_log.record(
                SecurityEventType.PASSWORD_SET_BY_ADMIN,
                organisation_id=user.organisation_id,
                by=request.user,
                subject=user,
                request=request,
            )
        return response

    def save_model(self, request, obj, form, change):
        was_active = (
            User.objects.filter(pk=obj.pk).values_list("is_active", flat=True).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        common = {
            "organisation_id": obj.organisation_id,
            "by": request.user,
            "subject": obj,
            "request": request,
        }
        if not change:
            security_log.record(
                SecurityEventType.USER_CREATED,
                details={"username": obj.username, "email": obj.email},
                **common,
            )
        elif was_active != obj.is_active:
            security_log.record(
                SecurityEventType.USER_REACTIVATED
                if obj.is_active
                else SecurityEventType.USER_DEACTIVATED,
                **common,
            )

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(user.groups.values_list("name", flat=True))
        if before != after:
            security_log.record(
                SecurityEventType.ROLES_CHANGED,
                organisation_id=user.organisation_id,
                by=request.user,
                subject=user,
                request=request,
                details={
                    "added": _role_labels(after - before),
                    "removed": _role_labels(before - after),
                },
            )
        if not change and not user.has_usable_password() and user.email:
            invitations.send_invitation(user_id=user.pk, by=request.user, request=request)
            messages.success(request, f"An invitation was sent to {user.email}.")

    @admin.action(description="Send an invitation to set a password")
    def send_invitations(self, request, queryset):
        for user in queryset:
            try:
                invitations.send_invitation(user_id=user.pk, by=request.user, request=request)
            except DomainError as error:
                messages.warning(request, error.message)
            else:
                messages.success(request, f"An invitation was sent to {user.email}.")


class DutyExceptionForm(forms.ModelForm):
    class Meta:
        model = DutyException
        fields = ["organisation", "first_duty", "second_duty", "policy_reference"]


class DutyExceptionAdminMixin:
    """Exceptions are recorded here and take effect once someone else confirms them (action)."""

    form = DutyExceptionForm
    list_display = ["__str__", "policy_reference", "recorded_by", "confirmed_by", "ended_at"]
    actions = ["confirm", "end"]

    def has_change_permission(self, request, obj=None):
        return False  # recorded, confirmed and ended only: never edited

    def save_model(self, request, obj, form, change):
        organisation_id = (
            obj.organisation_id if request.user.is_superuser else request.user.organisation_id
        )
        created = duty_policy.record_exception(
            organisation_id=organisation_id,
            first=form.cleaned_data["first_duty"],
            second=form.cleaned_data["second_duty"],
            policy_reference=form.cleaned_data["policy_reference"],
            by=request.user,
        )
        obj.pk = created.pk

    def _each(self, request, queryset, service, done: str):
        for exception in queryset:
            try:
                service(exception_id=exception.pk, by=request.user)
            except DomainError as error:
                messages.warning(request, error.message)
            else:
                messages.success(request, f"{exception}: {done}.")

    @admin.action(description="Confirm the selected exceptions (someone else recorded them)")
    def confirm(self, request, queryset):
        self._each(request, queryset, duty_policy.confirm_exception, "confirmed")

    @admin.action(description="End the selected exceptions")
    def end(self, request, queryset):
        self._each(request, queryset, duty_policy.end_exception, "ended")
