"""The objectives' refresh warning on every signed-in page that wants it (the home page and
the dashboard include `templates/equality/_refresh_warning.html`). Lazy: the one query runs
only on a page that shows it."""

from django.utils.functional import SimpleLazyObject

from eia.authorization import Permission, has_permission

from .selectors.objectives import refresh_for


def duty(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.organisation_id is None:
        return {}
    if not has_permission(user, Permission.VIEW_DASHBOARD, organisation_id=user.organisation_id):
        return {}
    return {
        "objectives_refresh": SimpleLazyObject(
            lambda: refresh_for(organisation_id=user.organisation_id)
        ),
        # The lead compiles the duty modules' monitoring returns (equality/views/monitoring.py).
        "compiles_returns": has_permission(
            user, Permission.LEAD_ASSESSMENTS, organisation_id=user.organisation_id
        ),
    }
