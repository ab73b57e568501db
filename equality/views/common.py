"""What the equality pages share: who may see them (staff of the organisation; another
organisation's rows are simply not found) and the 400 status of a form with errors."""

from eia.authorization import Permission, has_permission
from eia.errors import NotAllowed


def require(request, permission: Permission, refusal: str) -> int:
    """The user's organisation when they hold `permission` there, else NotAllowed (403)."""
    user = request.user
    if not has_permission(user, permission, organisation_id=user.organisation_id):
        raise NotAllowed(refusal)
    return user.organisation_id


def staff_organisation(request) -> int:
    return require(request, Permission.VIEW_RECORDS, "Only the organisation's staff see this.")


def status_of(form) -> int:
    return 400 if form.errors else 200


def posted(request):
    """The form's data on a POST (an empty POST too: it is refused, not shown blank)."""
    return request.POST if request.method == "POST" else None
