"""The equality lead maps their provider's groups to roles, and reads the sign-in log, in the
admin, each scoped to their own organisation (eia.admin.OrganisationScopedAdmin)."""

from django.contrib import admin

from eia.admin import OrganisationScopedAdmin

from .models import ProviderGroupRole, ProviderIdentity, SignInEvent


@admin.register(ProviderGroupRole)
class ProviderGroupRoleAdmin(OrganisationScopedAdmin):
    list_display = ["group", "role"]
    search_fields = ["group"]

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)  # a mapping is configuration, not a record


class ReadOnlyScopedAdmin(OrganisationScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProviderIdentity)
class ProviderIdentityAdmin(ReadOnlyScopedAdmin):
    list_display = ["user", "issuer", "subject", "linked_at", "last_signed_in_at"]
    search_fields = ["user__username", "user__email", "subject"]


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyScopedAdmin):
    list_display = ["occurred_at", "kind", "user"]
    list_filter = ["kind"]
    search_fields = ["user__username", "user__email"]
