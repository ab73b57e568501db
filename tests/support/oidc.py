"""A real OpenID Connect provider process for the council sign-in tests (node's
`oidc-provider`, tests/support/oidc_provider.mjs), and a person's browser walking its
authorization-code flow over HTTP."""

import json
import os
import shutil
import socket
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from django.conf import settings

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "oidc-provider" / "package.json"
CLIENT_ID = "due-regard-tests"
CLIENT_SECRET = "tests-only-client-secret"
CALLBACK = "/sign-in/council/callback/"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, *, base_url: str, accounts: dict[str, dict]):
        node = shutil.which("node")
        if node is None or not PACKAGE.exists():
            message = (
                "The council sign-in tests need node and the oidc-provider package "
                "(`npm ci` installs it from package.json)."
            )
            if _in_ci():
                pytest.fail(message + " They must run in CI.")
            pytest.skip(message)
        self.port = int(os.environ.get("DUE_REGARD_TEST_OIDC_PORT") or _free_port())
        self.issuer = f"http://127.0.0.1:{self.port}"
        environment = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_REDIRECT_URI": base_url + CALLBACK,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_ACCOUNTS": json.dumps(accounts),
        }
        self.process = subprocess.Popen(
            [node, str(SCRIPT)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []
        ready = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(ready,), daemon=True)
        self.reader.start()
        if not ready.wait(90):
            self.stop()
            pytest.fail("The OpenID Connect provider did not start:\n" + "".join(self.output))

    def _read(self, ready: threading.Event):
        for line in self.process.stdout:
            self.output.append(line)
            if line.startswith("ready "):
                ready.set()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.reader.join(10)
        self.process.stdout.close()


class _Forms(HTMLParser):
    """The forms on a page: action and the values of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


def sign_in_with_council_account(
    provider: Provider, base_url: str, login: str
) -> tuple[requests.Session, requests.Response]:
    """Press "Sign in with your council account", then fill in the provider's own pages
    (its login form, and its consent form when it asks) as a person would, following every
    redirect back to Due Regard."""
    browser = requests.Session()
    response = browser.get(base_url + "/sign-in/council/", timeout=30)
    for _ in range(5):
        if not response.url.startswith(provider.issuer):
            break
        parser = _Forms()
        parser.feed(response.text)
        assert parser.forms, f"The provider showed no form: {response.text[:500]}"
        form = parser.forms[0]
        fields = form["fields"]
        if "login" in fields:
            fields.update(login=login, password="any password: the test provider")
        response = browser.post(urljoin(response.url, form["action"]), data=fields, timeout=30)
    return browser, response
