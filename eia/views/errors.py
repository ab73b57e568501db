"""Error pages: plain words for what went wrong and what was kept."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request, exception=None):
    context = {}
    if isinstance(exception, RequestDataTooBig):
        context = {
            "problem_title": "What you sent is too large",
            "problem_detail": (
                "A form can send up to 2 MB of text at once. Shorten the longest answers, "
                "or save the section in parts, then try again."
            ),
        }
    elif isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        context = {
            "problem_title": "What you sent has too many parts",
            "problem_detail": "Send fewer items at once, then try again.",
        }
    return render(request, "400.html", context, status=400)


def rate_limited(request, exception=None):
    """Too many register requests from one address: say so, and when to try again."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
