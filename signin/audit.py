"""note(): the one writer of sign-in events (signin.models.SignInEvent)."""

from .models import SignInEvent


def note(kind: SignInEvent.Kind, *, user=None, organisation=None, **details) -> SignInEvent:
    if not isinstance(kind, SignInEvent.Kind):
        raise TypeError(f"note() takes a SignInEvent.Kind, not {kind!r}")
    if organisation is None and user is not None:
        organisation = user.organisation
    return SignInEvent.objects.create(
        kind=kind, user=user, organisation=organisation, details=details
    )
