from django.shortcuts import render

from .errors import DomainError, NotFound


class RejectNulMiddleware:
    """A NUL character in the address is never meaningful; PostgreSQL cannot even compare it.
    Answer 400 with a page instead of letting it reach a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            return render(
                request,
                "400.html",
                {"problem_title": "This address is not valid",
                 "problem_detail": "The address contains a character that cannot be used. "
                 "Check the link, or go back and try again."},
                status=400,
            )  # fmt: skip
        return self.get_response(request)


class DomainErrorMiddleware:
    """Turns a domain error that reaches the top into its status code and a readable page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            return render(request, "404.html", status=404)
        if not isinstance(exception, DomainError):
            return None
        return render(
            request,
            "errors/domain_error.html",
            {"error_title": exception.title, "error_message": exception.message},
            status=exception.status,
        )
