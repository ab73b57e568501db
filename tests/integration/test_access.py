"""Who may reach what: signing in and out, every page needs a login unless deliberately
public, and an organisation sees only its own pipeline."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from eia.models import User
from tests.factories import PipelineItemFactory

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_public_and_home_needs_login(client):
    assert client.get("/sign-in/").status_code == 200
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


def test_sign_in_with_bad_password_shows_error_and_keeps_username(client, project_manager):
    response = client.post("/sign-in/", {"username": project_manager.username, "password": "wrong"})
    assert response.status_code == 200
    assert b"Enter a correct username and password" in response.content
    assert f'value="{project_manager.username}"'.encode() in response.content


def test_sign_in_and_out(client, project_manager):
    response = client.post(
        "/sign-in/", {"username": project_manager.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Priya Sharma" in home.content.decode()
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def _public_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _public_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


# The pages the public may reach without signing in. Anything else must demand a login.
PUBLIC_PREFIXES = (
    "sign-in/",
    "public/",
    "accessibility/",
    "admin/",
    # Forgotten passwords and invitations: the person cannot sign in yet (eia/accounts/).
    "password-reset/",
    "invitation/",
)


def test_every_view_requires_login_unless_deliberately_public():
    from django.contrib.auth.middleware import LoginRequiredMiddleware  # noqa: F401

    leaks = []
    for route, pattern in _public_patterns():
        callback = pattern.callback
        is_public = getattr(callback, "login_required", True) is False
        if is_public and not route.startswith(PUBLIC_PREFIXES):
            leaks.append(route)
    assert leaks == [], f"Views open to the public by mistake: {leaks}"


def test_pipeline_lists_only_own_organisation(client, pipeline_item, other_organisation):
    foreign = PipelineItemFactory(organisation=other_organisation, title="Eastdale secret plan")
    client.force_login(pipeline_item.owner)
    page = client.get("/pipeline/").content.decode()
    assert pipeline_item.title in page
    assert foreign.title not in page


def test_other_organisations_pipeline_item_is_404(client, pipeline_item, other_organisation):
    foreign = PipelineItemFactory(organisation=other_organisation)
    client.force_login(pipeline_item.owner)
    assert client.get(f"/pipeline/{pipeline_item.pk}/").status_code == 200
    response = client.get(f"/pipeline/{foreign.pk}/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_user_without_organisation_sees_no_pipeline(client, pipeline_item):
    stray = User.objects.create_user("stray", password="correct-horse-battery")
    client.force_login(stray)
    assert pipeline_item.title not in client.get("/pipeline/").content.decode()
    assert client.get(f"/pipeline/{pipeline_item.pk}/").status_code == 404
