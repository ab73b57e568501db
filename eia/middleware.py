from django.shortcuts import render

from .errors import DomainError, NotFound


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
