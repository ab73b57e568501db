"""A PDF document as an HTTP response, for every page that offers one.

The public register and the committee's PDFs before publication both serve `eia.pdf` renderings
this way, so a document too large to render is the same readable page everywhere, never a 500.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from .pdf import DocumentTooLarge, render_full, render_summary


def pdf_response(request, document, *, full: bool, name: str, page_url: str, title: str):
    """The PDF, inline; or a readable page saying why there is none (never a 500)."""
    try:
        pdf = render_full(document) if full else render_summary(document)
    except DocumentTooLarge as error:
        return render(
            request,
            "register/pdf_too_large.html",
            {"title": title, "message": error.message, "page_url": page_url},
            status=422,
        )
    return inline_pdf(pdf, name)


def inline_pdf(pdf: bytes, name: str) -> HttpResponse:
    """Rendered PDF bytes, shown in the browser, saved as `name`.pdf."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf")
    return response
