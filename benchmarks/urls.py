"""The project's URLs plus /bench/bare/: one query and a tiny page, the yardstick every page is
measured against on the same server in the same run. Never in production URLs."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from due_regard.urls import handler400  # noqa: F401
from due_regard.urls import urlpatterns as project_urls


@login_not_required
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urls]
