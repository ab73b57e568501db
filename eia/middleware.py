from django.template.response import TemplateResponse

from .errors import DomainError


class DomainErrorMiddleware:
    """Turns a domain error that reaches the top into its status code and a readable page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        response = TemplateResponse(
            request,
            "errors/domain_error.html",
            {"error_title": exception.title, "error_message": exception.message},
            status=exception.status,
        )
        return response.render()
