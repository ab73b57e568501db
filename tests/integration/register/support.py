"""Helpers for the register tests: addresses, publication dates, reading CSV downloads."""

import csv
import datetime
import io

from django.core.signals import request_finished
from django.db import close_old_connections
from django.utils import timezone

from eia.models import Assessment
from eia.register import published_file


def url_of(assessment, suffix=""):
    return (
        f"/public/{assessment.organisation.slug}/{assessment.pipeline_item.reference}"
        f"/v{assessment.version}/{suffix}"
    )


def published_on(assessment, day: datetime.date):
    """Move a publication to another day (tests of date filters and quarters)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Assessment.objects.filter(pk=assessment.pk).update(published_at=moment)
    return assessment


def decided_on(assessment, day: datetime.date, *, published: datetime.date | None = None):
    """Move a screening decision (and, if given, its publication) to other days."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Assessment.objects.filter(pk=assessment.pk).update(screening_decided_at=moment)
    return published_on(assessment, published) if published else assessment


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def body(response) -> bytes:
    """A response's bytes, whether it was built whole, streamed or sent from a file."""
    data = response.getvalue()
    close(response)
    return data


def close(response) -> None:
    """Close a file or stream as the server does after sending it, without the end-of-request
    signal closing the test's database connection (Django's test client does the same)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def titles_in(response) -> set[str]:
    return {row[2] for row in csv_rows(response)[1:]}


# The titles the `register` fixture publishes.
ALL = {
    "Hawford library opening hours",
    "Bin collection day change",
    "Parking permit prices",
    "Eastdale leisure centre",
}


def whole_register(client, kind: str = "csv"):
    """The whole-register download after the background task has rebuilt it, as publishing
    queues it to (tests run inside a transaction that never commits, so it is run here)."""
    published_file.regenerate()
    return client.get(f"/public/register.{kind}")
