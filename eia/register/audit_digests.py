"""The register's audit digest page: every digest `manage.py audit_digest` made, newest first,
with its SHA-256, so anyone can keep a copy outside the council's database (eia.chain.digests).
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from eia.models import AuditDigest
from eia.pagination import numbered

from .limits import limited


@login_not_required
@limited("page")
def audit_digests(request):
    digests = AuditDigest.objects.order_by("-made_at", "-pk").only(
        "made_at", "chains", "events", "digest", "previous_digest"
    )
    return render(
        request, "register/audit_digests.html", {"pagination": numbered(request, digests)}
    )
