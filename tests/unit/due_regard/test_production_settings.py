"""Production settings, read in a fresh process with the environment a deployment sets:
`manage.py check --deploy` is clean, HSTS covers subdomains, and the session timeouts read
their environment variables."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
PRODUCTION = {
    "DJANGO_HTTPS": "1",
    "DJANGO_SECRET_KEY": "tests-only-" + "k3y-Zq9!x" * 8,
    "DJANGO_ALLOWED_HOSTS": "due-regard.northshire.example",
    "DJANGO_DEBUG": "",
    "DUE_REGARD_AUDIT_KEYS": "prod-2026:" + "s3cret-" * 8,
}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "due_regard.settings", **env}
    environment.pop("DATABASE_URL", None)  # the check needs no database
    # The browser tests' switch (tests/functional/conftest.py) is no deployment's setting.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE, env=environment, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        DUE_REGARD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_https(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **{**PRODUCTION, "DJANGO_HTTPS": ""},
        DUE_REGARD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


SHOW = """
import django; django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/sign-in/", secure=True, HTTP_HOST="due-regard.northshire.example")
print(response["Strict-Transport-Security"])
print(settings.DUE_REGARD_SESSION_IDLE_SECONDS, settings.DUE_REGARD_SESSION_ABSOLUTE_SECONDS)
print(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, settings.SESSION_COOKIE_SECURE)
"""


def test_hsts_includes_subdomains_and_timeouts_come_from_the_environment(tmp_path):
    result = _run(
        ["-c", SHOW],
        **PRODUCTION,
        DUE_REGARD_VAR_DIR=str(tmp_path),
        DUE_REGARD_SESSION_IDLE_MINUTES="15",
        DUE_REGARD_SESSION_HOURS="8",
    )
    assert result.returncode == 0, result.stderr
    hsts, timeouts, cookies = result.stdout.strip().splitlines()
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert timeouts == f"{15 * 60} {8 * 3600}"
    assert cookies == "True True"


def test_defaults_are_30_minutes_idle_and_12_hours():
    assert settings.DUE_REGARD_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.DUE_REGARD_SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
