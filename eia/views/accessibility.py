"""Pages of the service that belong to no workflow."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def accessibility(request):
    return render(
        request,
        "eia/accessibility.html",
        {"statement": settings.ACCESSIBILITY, "site_url": settings.SITE_URL},
    )
