"""Addresses of a public record's page and PDFs, reversed by name from the register's URLs."""

from django.urls import reverse

from eia.public_listing import PublicListing
from eia.redaction import PublicRecord


def record_url(record: PublicRecord | PublicListing, name: str = "assessment") -> str:
    """The address of the record's page, or with `name` its "summary_pdf" or "full_pdf"."""
    return reverse(
        f"register:{name}",
        kwargs={
            "organisation": record.organisation_slug,
            "reference": record.reference,
            "version": record.version,
        },
    )


def record_rows(records) -> list[dict]:
    """Rows for a list template: each record with the address of its page."""
    return [{"record": record, "url": record_url(record)} for record in records]
