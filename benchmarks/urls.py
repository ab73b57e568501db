"""The project's URLs plus the two yardsticks every page is measured against on the same server
in the same run: /bench/bare/ (one query and a tiny page, anonymous) and /bench/floor/ (the
least any signed-in page does: the session, the user, the MFA and headers middleware, and the
GOV.UK layout with nothing in it). Never in production URLs."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from due_regard.urls import handler400  # noqa: F401
from due_regard.urls import urlpatterns as project_urls


@login_not_required
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


FLOOR = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
    '{% block content %}<h1 class="govuk-heading-l">Floor</h1>{% endblock %}'
)


def floor(request):
    return HttpResponse(FLOOR.render({}, request))


urlpatterns = [path("bench/bare/", bare), path("bench/floor/", floor), *project_urls]
