"""Rate limits on the anonymous register, per address, counted in the cache (django-ratelimit).

Pages and feeds allow RATES["page"] requests a minute from one address and downloads
RATES["download"]; past that the address gets a 429 page saying when to try again
(eia.views.errors.rate_limited). Signed-in people are not limited. Behind a proxy, set
DUE_REGARD_CLIENT_IP_HEADER so the limit counts people rather than the proxy.
"""

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit


def client_address(group, request) -> str:
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate(kind: str):
    def rate(group, request):
        if request.user.is_authenticated:
            return None  # no limit
        return settings.REGISTER_RATES[kind]

    return rate


def limited(kind: str):
    """Limit a register view: kind is "page" or "download"."""
    return ratelimit(group=f"register:{kind}", key=client_address, rate=_rate(kind), method=ALL)
