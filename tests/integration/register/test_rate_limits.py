"""The anonymous register is rate-limited per address, with a clear 429 page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_too_many_requests_from_one_address_get_a_429_page(settings):
    settings.RATELIMIT_ENABLE = True
    settings.REGISTER_RATES = {"page": "3/m", "download": "1/m"}
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert [client.get("/public/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/public/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many requests from your connection" in refused.content.decode()
    # Another address is counted on its own.
    assert Client(REMOTE_ADDR="192.0.2.11").get("/public/").status_code == 200
