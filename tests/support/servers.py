"""Real app servers for the system tests: gunicorn processes on one database, and a browser-like
HTTP client (cookies, the CSRF token, no automatic redirects) that signs in as a real person."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "correct-horse-battery-staple-2026"


class Gunicorn:
    """One app server: a gunicorn master and its workers, serving the project's WSGI app."""

    def __init__(self, *, port: int, database_url: str, log: Path, workers: int = 2):
        self.port = port
        self.log = log
        env = dict(
            os.environ,
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="due_regard.settings",
            # Both servers must accept each other's sessions: the same key, as in production.
            DJANGO_SECRET_KEY="two-servers-test-key-not-a-secret-" + "x" * 20,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        with log.open("wb") as output:  # the child keeps its own copy of the file
            self.process = self._start(output, env, workers)

    def _start(self, output, env, workers):
        return subprocess.Popen(  # noqa: S603 - our own server on loopback
            [
                sys.executable, "-m", "gunicorn", "due_regard.wsgi", "--workers", str(workers),
                "--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.log.read_text(errors="replace")
                raise RuntimeError(f"gunicorn on {self.port} exited: {output[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/sign-in/", timeout=5) as response:  # noqa: S310
                    if response.status == 200 and len(self.worker_pids()) > 0:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {self.port} did not answer in {timeout} s")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill_a_worker(self) -> int:
        """kill -9 one worker, as an out-of-memory killer or a crashed host would."""
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser against one server."""

    def __init__(self, server: Gunicorn):
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def request(self, path: str, data: dict | None = None, timeout: float = 120):
        """(status, body) of a GET, or of a POST when `data` is given."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.server.base + path, data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form(self, path: str) -> dict:
        """The hidden fields of the page's form (CSRF token, staleness token `seen`)."""
        status, page = self.request(path)
        assert status == 200, f"GET {path} gave {status}: {page[:2000]}"
        fields = {}
        for name in ("csrfmiddlewaretoken", "seen", "seen_hash"):
            found = re.search(rf'name="{name}" value="([^"]*)"', page)
            if found:
                fields[name] = found.group(1)
        return fields

    def sign_in(self, username: str) -> None:
        fields = self.form("/sign-in/")
        status, page = self.request(
            "/sign-in/", fields | {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"signing in as {username} gave {status}: {page[:2000]}"
