"""Browser harness: headless system Chromium driven by Playwright, with axe-core on every page.

Playwright's own browser download does not work on our machines, so we drive Debian's
`chromium`. Locally the browser tests skip with a message when it is missing; in CI (CI=true)
they fail instead, so a missing browser can never pass silently.

Every navigation is recorded; a test fails at teardown if any page it reached was not checked
by axe against WCAG 2.2 AA.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same
# test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    if executable is None:
        message = (
            "No Chromium found (looked for $CHROMIUM_PATH, /usr/bin/chromium). "
            "Install Debian's `chromium` package to run the browser tests."
        )
        if _in_ci():
            pytest.fail(message + " Browser tests must run in CI.")
        pytest.skip(message)
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does this).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class AccessibilityViolation(AssertionError):
    pass


def axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        AXE_TAGS,
    )
    return result


# The innermost elements that stick out past the viewport, to say what makes a page too wide.
WIDEST_JS = """(width) => {
    const out = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.right > width + 1 && r.width > 0;
    });
    const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
    return innermost.slice(0, 3).map(e => e.tagName.toLowerCase()
        + (typeof e.className === 'string' && e.className
            ? '.' + e.className.split(' ').join('.') : '')
        + ' "' + (e.innerText || '').slice(0, 60).replace(/\\s+/g, ' ') + '"');
}"""


class Browse:
    """A page plus the rule that every page reached is checked by axe."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.unchecked: list[str] = []
        self.checked: list[str] = []
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        # A jump within the page (a skip link, an error summary link) is not a new page.
        if frame == self.page.main_frame and frame.url.split("#")[0] not in self._checked_bases():
            self.unchecked.append(frame.url)

    def _checked_bases(self) -> set[str]:
        return {url.split("#")[0] for url in self.checked[-1:]}

    def check(self):
        """Run axe on the current page; fail with the violations listed."""
        self.page.wait_for_load_state("load")
        violations = axe_violations(self.page)
        if violations:
            raise AccessibilityViolation(
                f"axe found WCAG 2.2 AA violations on {self.page.url}:\n"
                + json.dumps(violations, indent=2)
            )
        self.checked.append(self.page.url)
        self.unchecked.clear()

    def check_reflow(self, width: int = 320):
        """WCAG 1.4.10: at 320 CSS pixels wide the page must not scroll sideways."""
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": width, "height": 900})
        try:
            scroll = self.page.evaluate("() => document.documentElement.scrollWidth")
            culprits = self.page.evaluate(WIDEST_JS, width) if scroll > width else []
        finally:
            if size:
                self.page.set_viewport_size(size)
        if scroll > width:
            raise AssertionError(
                f"{self.page.url} scrolls sideways at {width} px: {scroll} px, because of "
                + "; ".join(culprits)
            )

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def press_and_load(self, key: str = "Enter"):
        """Press a key that submits or follows a link, wait for the new page, check it."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.check()

    # -- keyboard-only helpers: focus moves only by Tab and arrow keys, never by clicking

    def tab_until(self, predicate_js: str, arg, what: str, limit: int = 250):
        """Press Tab until `predicate_js(activeElement, arg)` is true."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(
                f"(arg) => {{ const e = document.activeElement; if (!e || e === document.body) "
                f"return false; return ({predicate_js})(e, arg); }}",
                arg,
            ):
                return
        raise AssertionError(f"Could not reach {what} with the Tab key")

    def type_into(self, name: str, text: str):
        """Tab to the field called `name`, replace its text by typing."""
        self.tab_until("(e, n) => e.name === n", name, f"field {name}")
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def choose(self, name: str, value: str):
        """Tab into a radio group, then move with the arrow keys to `value` (which selects)."""
        self.tab_until("(e, n) => e.name === n", name, f"radio group {name}")
        active = "() => document.activeElement.value"
        if self.page.evaluate(active) == value:
            self.page.keyboard.press("Space")
            return
        for _ in range(10):
            self.page.keyboard.press("ArrowDown")
            if self.page.evaluate(active) == value:
                return
        raise AssertionError(f"Could not choose {value} in {name} with the arrow keys")

    def tick(self, name: str, value: str):
        self.tab_until(
            "(e, a) => e.name === a[0] && e.value === a[1]",
            [name, value],
            f"checkbox {name}={value}",
        )
        self.page.keyboard.press("Space")

    def select(self, name: str, label: str):
        self.tab_until("(e, n) => e.name === n", name, f"select {name}")
        for _ in range(50):
            text = self.page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.options[e.selectedIndex].text; }"
            )
            if label in text:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"Could not select {label} in {name}")

    def activate(self, text: str):
        """Tab to a link or button whose text contains `text`, press Enter, check the new page."""
        self.tab_until(
            "(e, t) => ['A', 'BUTTON'].includes(e.tagName) && e.innerText.includes(t)",
            text,
            f"link or button {text!r}",
        )
        self.press_and_load("Enter")

    def url_path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def sign_in_as(self, user):
        """Put a real session cookie for `user` in the browser (fast path; the sign-in form
        itself is tested separately by keyboard)."""
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        self.page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": self.base_url,
                }
            ]
        )

    def tab_to(self, name: str, role: str | None = None, limit: int = 80):
        """Press Tab until the focused element's accessible text contains `name`."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            text = self.page.evaluate(
                """() => { const e = document.activeElement;
                    if (!e || e === document.body) return '';
                    const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
                    return [e.innerText, e.value, e.getAttribute('aria-label'), label]
                        .filter(Boolean).join(' '); }"""
            )
            if name in (text or ""):
                return
        raise AssertionError(f"Could not reach {name!r} with the Tab key")


@pytest.fixture
def browse(browser, live_server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    # The browser itself loads axe into each page: the site's CSP refuses an added inline script.
    page.add_init_script(path=str(AXE_JS))
    helper = Browse(page, live_server.url)
    yield helper
    unchecked = [url for url in helper.unchecked if url != "about:blank"]
    context.close()
    assert not unchecked, f"Pages reached without an axe check: {unchecked}"
