"""Django admin for reference data, scoped to the admin's own organisation.

An equality lead (staff, not superuser) sees and edits only their organisation's directorates,
pipeline items and users; a superuser sees everything. Assessments are not edited here: their
state changes only through the workflow.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from .authorization import Permission, has_permission
from .models import Directorate, Organisation, PipelineItem, User


def _is_lead(request) -> bool:
    return has_permission(
        request.user, Permission.MANAGE_REFERENCE_DATA, organisation_id=request.user.organisation_id
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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "nation"]
    prepopulated_fields = {"slug": ["short_name"]}

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Directorate)
class DirectorateAdmin(OrganisationScopedAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(PipelineItem)
class PipelineItemAdmin(OrganisationScopedAdmin):
    list_display = ["reference", "title", "directorate", "decision_body", "decision_date"]
    list_filter = ["kind", "decision_body"]
    search_fields = ["reference", "title"]
    date_hierarchy = "decision_date"


@admin.register(User)
class ScopedUserAdmin(OrganisationScopedAdmin, UserAdmin):
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
            return ((None, {"fields": ("username", "password1", "password2")}),)
        return (
            (None, {"fields": ("username", "first_name", "last_name", "email", "job_title")}),
            ("Roles", {"fields": ("groups", "is_active")}),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            from .authorization import Role

            kwargs["queryset"] = Group.objects.filter(name__in=[role.value for role in Role])
        return super().formfield_for_manytomany(db_field, request, **kwargs)
