"""The one function the accounts emails go through: Django's normal mail API, so a durable
outbox can take its place without the callers changing."""

from django.conf import settings
from django.core.mail import send_mail


def one_line(text: str) -> str:
    """A header value on one line: a newline in a subject would end the header."""
    return " ".join(str(text).split())


def send(*, subject: str, body: str, to: str) -> None:
    send_mail(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [one_line(to)])
