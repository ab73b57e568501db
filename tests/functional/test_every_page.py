"""Every page a person can reach, checked: the demo councils' data, then a crawl from the
home page as each role (and from the public register as a resident), following every link in
the service. Each page is checked by axe (WCAG 2.2 AA) and for reflow at 320 px (no sideways
scrolling). Pages are distinct by URL pattern: the first role to reach a pattern checks it.

Downloads (PDF, CSV, JSON, XLSX, zip, feeds) and the Django admin are not pages of the service
and are skipped; `SKIP` names them.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from eia.authorization import Role
from eia.models import User
from workflows.demo import organisations as demo

pytestmark = pytest.mark.django_db(transaction=True)

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/sign-out", "/logout")
SKIP_ENDINGS = (".pdf", ".csv", ".json", ".xlsx", ".zip", ".atom", ".xml", ".svg", ".txt")
ROLES = (
    Role.EQUALITY_LEAD,
    Role.EQUALITY_OFFICER,
    Role.DECISION_MAKER,
    Role.PROJECT_MANAGER,
    Role.VIEWER,
)
# Every assessment and pipeline item is opened (each stage links to different pages); other
# pages once per URL pattern.
EACH_ONE = {"assessments/<int:pk>/", "pipeline/<int:pk>/"}
LIMIT = 300  # distinct URL patterns; the crawl fails if the service outgrows it unnoticed


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path
        if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_ENDINGS):
            continue
        found.append(path)
    return found


def _is_html_page(client: Client, path: str) -> bool:
    response = client.get(path)
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_every_page_passes_axe_and_reflows_at_320_px(browse):
    demo.seed()
    visited: dict[str, str] = {}
    failures: list[str] = []
    base = browse.base_url
    people = [None] + [
        User.objects.filter(groups__name=role.value, is_active=True).order_by("pk").first()
        for role in ROLES
    ]
    for user in people:
        client = Client()
        browse.page.context.clear_cookies()
        if user is not None:
            client.force_login(user)
            browse.sign_in_as(user)
        who = user.username if user else "anonymous"
        queue = ["/public/", "/accessibility/"] if user is None else ["/"]
        seen_paths = set()
        while queue:
            path = queue.pop(0)
            route = _route(path)
            key = path if route in EACH_ONE else route
            if path in seen_paths or route is None or key in visited:
                continue
            seen_paths.add(path)
            if not _is_html_page(client, path):
                continue
            visited[key] = f"{path} as {who}"
            assert len(visited) <= LIMIT, "More page patterns than LIMIT: raise it knowingly"
            try:
                browse.goto(path)
            except Exception as error:  # noqa: BLE001 - every page's problem is collected
                failures.append(f"{path} as {who}: {str(error)[:1500]}")
                browse.checked.append(browse.page.url)  # reported here, not at teardown
            try:
                browse.check_reflow(320)
            except AssertionError as error:
                failures.append(f"{path} as {who}: {error}")
            queue.extend(_links(browse.page, base))
    assert not failures, f"{len(failures)} of {len(visited)} pages failed:\n" + "\n\n".join(
        failures
    )
    # The crawl reached the pages each role works on, not just the home page.
    assert len(visited) >= 30, "\n".join(f"{k}: {v}" for k, v in visited.items())
