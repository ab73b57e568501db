"""The public register: published assessments, no sign-in needed."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from ..models import Organisation


@login_not_required
def index(request):
    return render(
        request, "register/index.html", {"organisations": Organisation.objects.order_by("name")}
    )
