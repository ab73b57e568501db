from django.conf import settings
from django.urls import reverse

from .authorization import Role, roles_of

# (label, url name, roles that see it; None = every signed-in user). Order is display order.
NAVIGATION = [
    ("Home", "home", None),
    ("Your tasks", "workflows:my_tasks", None),
    ("Team queue", "workflows:team_queue", {Role.EQUALITY_OFFICER, Role.EQUALITY_LEAD}),
    ("Policy pipeline", "pipeline_list", None),
    ("Decision calendar", "decision_calendar", None),
    ("Organisation's lists", "organisation_lists", {Role.EQUALITY_LEAD}),
    ("Security log", "security_log", {Role.EQUALITY_LEAD, Role.AUDITOR}),
    # The equality duty's pages (the equality app, named by URL only: eia imports nothing above)
    ("Action plan", "equality:action_plan", None),
    ("Dashboard", "equality:dashboard", {Role.EQUALITY_OFFICER, Role.EQUALITY_LEAD, Role.VIEWER}),
]


def service(request):
    user = getattr(request, "user", None)
    context = {"service_name": settings.SERVICE_NAME, "navigation": [], "organisation": None}
    if user is None or not user.is_authenticated:
        return context
    roles = roles_of(user)
    current = getattr(getattr(request, "resolver_match", None), "view_name", None)
    for label, url_name, allowed in NAVIGATION:
        if allowed is None or roles & allowed:
            context["navigation"].append(
                {"text": label, "href": reverse(url_name), "current": url_name == current}
            )
    context["organisation"] = user.organisation
    context["user_roles"] = [role.label for role in Role if role in roles]
    return context
