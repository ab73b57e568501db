"""Django admin for reference data, scoped to the admin's own organisation.

An equality lead (staff, not superuser) sees and edits only their organisation's directorates,
pipeline items and users; a superuser sees everything. Assessments are not edited here: their
state changes only through the workflow.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

import screening_rules

from . import screening
from .accounts.admin import INVITE_FIELDS, AccountsAdminMixin, DutyExceptionAdminMixin
from .authorization import Permission, Role, has_permission
from .errors import InvalidInput
from .limits import clean_line
from .models import (
    Directorate,
    DutyException,
    LocalCharacteristic,
    Nation,
    Organisation,
    OutboxEmail,
    PipelineItem,
    User,
)
from .services import pipeline, reference_data


def _is_lead(request) -> bool:
    if not request.user.is_authenticated:  # the sign-in page asks too, for anonymous visitors
        return False
    return has_permission(
        request.user,
        Permission.MANAGE_REFERENCE_DATA,
        organisation_id=getattr(request.user, "organisation_id", None),
    )


class OrganisationScopedAdmin(admin.ModelAdmin):
    organisation_field = "organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if not _is_lead(request):
            return queryset.none()
        return queryset.filter(**{f"{self.organisation_field}_id": request.user.organisation_id})

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            excluded.append(self.organisation_field)
        return excluded

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.name != self.organisation_field:
            model = db_field.related_model
            if model is Organisation:
                kwargs["queryset"] = Organisation.objects.filter(pk=request.user.organisation_id)
            elif any(f.name == "organisation" for f in model._meta.fields):
                kwargs["queryset"] = model._default_manager.filter(
                    organisation_id=request.user.organisation_id
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            setattr(obj, f"{self.organisation_field}_id", request.user.organisation_id)
        super().save_model(request, obj, form, change)

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or _is_lead(request)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        # Records others depend on are protected by the database; deleting users is never
        # allowed (deactivate them instead) so the audit trail keeps its actors.
        return request.user.is_superuser


class OrganisationForm(forms.ModelForm):
    screening_ruleset = forms.ChoiceField(choices=screening.ruleset_choices)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "slug",
            "kind",
            "nation",
            "screening_ruleset",
            "screening_ruleset_version",
            "reporting_year",
        ]

    def _one_line(self, field: str, what: str) -> str:
        limit = Organisation._meta.get_field(field).max_length
        try:
            return clean_line(self.cleaned_data[field], what=what, required=True, limit=limit)
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from error

    def clean_name(self):
        return self._one_line("name", "the organisation's name")

    def clean_short_name(self):
        return self._one_line("short_name", "the short name")

    def clean(self):
        data = super().clean()
        ruleset, version = data.get("screening_ruleset"), data.get("screening_ruleset_version")
        if (
            ruleset
            and version is not None
            and version not in screening_rules.ruleset_versions(ruleset)
        ):
            self.add_error(
                "screening_ruleset_version", f"{ruleset} has no released version {version}"
            )
        # The rule set's jurisdiction decides the duty asked and cited (eia.aims), so it must
        # be the organisation's own nation's.
        nation = data.get("nation")
        if ruleset and nation and "screening_ruleset_version" not in self.errors:
            try:
                found = screening_rules.load_ruleset(ruleset, version)
            except screening_rules.RuleSetError:
                found = None
            if found is not None and found.jurisdiction not in ("", nation):
                self.add_error(
                    "screening_ruleset",
                    f"Choose a rule set for {Nation(nation).label}: {ruleset} is for "
                    f"{Nation(found.jurisdiction).label}",
                )
        return data


def _local_characteristic_choices():
    seen = {}
    for info in screening_rules.available_rulesets():
        for characteristic in screening_rules.load_ruleset(info.id, info.version).characteristics:
            if characteristic.kind == "local":
                seen.setdefault(characteristic.id, characteristic.name)
    return sorted(seen.items(), key=lambda item: item[1])


class LocalCharacteristicForm(forms.ModelForm):
    characteristic = forms.ChoiceField(choices=_local_characteristic_choices)

    class Meta:
        model = LocalCharacteristic
        fields = ["organisation", "characteristic", "starts_on", "ends_on"]


class LocalCharacteristicInline(admin.TabularInline):
    model = LocalCharacteristic
    form = LocalCharacteristicForm
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "nation", "screening_ruleset"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [LocalCharacteristicInline]

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(LocalCharacteristic)
class LocalCharacteristicAdmin(OrganisationScopedAdmin):
    """Equality leads switch local characteristics on (and off) for their organisation."""

    form = LocalCharacteristicForm
    list_display = ["characteristic", "starts_on", "ends_on"]


class DirectorateForm(forms.ModelForm):
    def clean_name(self):
        try:
            return reference_data.clean_name(
                self.cleaned_data["name"], reference_data.DIRECTORATE_NAME, 200
            )
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from error


@admin.register(Directorate)
class DirectorateAdmin(OrganisationScopedAdmin):
    form = DirectorateForm
    list_display = ["name"]
    search_fields = ["name"]


class PipelineItemForm(forms.ModelForm):
    """Asks the service about a new reference before saving, so a taken or malformed one is an
    error beside the field (the organisation is not on the lead's form, so the model's own
    unique check cannot run)."""

    organisation_id: int | None = None  # set per request by PipelineItemAdmin.get_form

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        organisation_id = organisation.pk if organisation else self.organisation_id
        if self.instance.pk is None and "reference" in data and organisation_id:
            try:
                data["reference"] = pipeline.check_reference(
                    organisation_id=organisation_id, reference=data["reference"]
                )
            except InvalidInput as error:
                self.add_error("reference", error.message)
        return data


@admin.register(PipelineItem)
class PipelineItemAdmin(OrganisationScopedAdmin):
    form = PipelineItemForm
    list_display = ["reference", "title", "directorate", "decision_body", "decision_date"]
    list_filter = ["kind", "decision_body"]
    search_fields = ["reference", "title"]
    date_hierarchy = "decision_date"

    def get_readonly_fields(self, request, obj=None):
        # The reference is in the public register's addresses: it never changes once made.
        return ("reference",) if obj is not None else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.organisation_id = request.user.organisation_id
        return form

    def save_model(self, request, obj, form, change):
        """Not a side door: the admin changes facts through the same service as the pages, so
        every change is on the item's history and its assessment's trail."""
        if not change:
            facts = {name: form.cleaned_data.get(name) for name in pipeline.FACTS}
            organisation_id = (
                obj.organisation_id if request.user.is_superuser else request.user.organisation_id
            )
            created = pipeline.add_item(
                by=request.user,
                organisation_id=organisation_id,
                reference=obj.reference,
                facts={k: v for k, v in facts.items() if v not in (None, "")},
            )
            obj.pk = created.pk
            return
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in pipeline.FACTS
        }
        pipeline.change_item(item_id=obj.pk, by=request.user, changes=changes)


@admin.register(DutyException)
class DutyExceptionAdmin(DutyExceptionAdminMixin, OrganisationScopedAdmin):
    """The policy on separation of duties (eia/accounts/admin.py)."""


@admin.register(User)
class ScopedUserAdmin(AccountsAdminMixin, OrganisationScopedAdmin, UserAdmin):
    """Leads invite people by email and never see or set a password (eia/accounts/admin.py)."""

    list_display = ["username", "first_name", "last_name", "email", "job_title", "is_active"]
    list_filter = ["groups", "is_active"]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            fieldsets = super().get_fieldsets(request, obj)
            if obj is not None:
                fieldsets = (
                    *fieldsets,
                    ("Organisation", {"fields": ("organisation", "job_title")}),
                )
            return fieldsets
        if obj is None:
            return ((None, {"fields": INVITE_FIELDS}),)
        return (
            (None, {"fields": ("username", "first_name", "last_name", "email", "job_title")}),
            ("Roles", {"fields": ("groups", "is_active")}),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=[role.value for role in Role])
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(OrganisationScopedAdmin):
    """The lead reads what the service emailed, and sees what could not be delivered after
    every retry (eia/outbox.py); nobody edits or resends here."""

    list_display = ["created_at", "recipient", "subject", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
