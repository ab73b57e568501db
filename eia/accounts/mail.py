"""The one function the accounts emails go through: the durable outbox (eia.outbox), so an
invitation or a reset link is written in the same transaction as the change that caused it and
delivered, with retries, by the worker."""

from eia.outbox import queue_email


def send(*, subject: str, body: str, to: str, organisation_id: int | None = None) -> None:
    queue_email(subject=subject, body=body, recipients=[to], organisation_id=organisation_id)
