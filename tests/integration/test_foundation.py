import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from eia.authorization import Role
from eia.models import Organisation, PipelineItem, User
from tests.factories import PipelineItemFactory
from workflows.demo import organisations as demo

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
PUBLIC_PREFIXES = ("sign-in/", "public/", "accessibility/", "admin/")


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


def test_styled_404_for_unknown_address(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"govuk-heading-l" in response.content


def test_oversized_post_gets_a_clear_400_not_a_500(client, project_manager, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(project_manager)
    response = client.post("/sign-out/", {"text": "x" * 5000})
    assert response.status_code == 400
    assert b"too large" in response.content


def test_admin_is_scoped_to_the_leads_organisation(client, lead, pipeline_item, other_organisation):
    foreign = PipelineItemFactory(organisation=other_organisation, title="Not yours")
    client.force_login(lead)
    listing = client.get("/admin/eia/pipelineitem/").content.decode()
    assert pipeline_item.title in listing
    assert foreign.title not in listing
    # The change page of another organisation's item does not exist for this lead.
    response = client.get(f"/admin/eia/pipelineitem/{foreign.pk}/change/")
    assert response.status_code == 302  # admin redirects "doesn't exist" to its index
    assert client.get(f"/admin/eia/pipelineitem/{pipeline_item.pk}/change/").status_code == 200


def test_admin_refuses_non_leads(client, project_manager):
    project_manager.is_staff = True
    project_manager.save()
    client.force_login(project_manager)
    assert client.get("/admin/eia/pipelineitem/").status_code == 403


def test_seed_demo_is_idempotent_and_every_login_works(client):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Organisation.objects.count() == 2
    for org in Organisation.objects.all():
        assert PipelineItem.objects.filter(organisation=org).count() >= 6
    assert PipelineItem.objects.filter(organisation__slug="northshire").count() >= 10
    for _organisation, role_label, username in demo.logins():
        assert client.login(username=username, password=demo.DEMO_PASSWORD), username
        user = User.objects.get(username=username)
        assert {g.name for g in user.groups.all()} == {
            next(r for r in Role if r.label == role_label).value
        }
        client.logout()


def test_seed_demo_if_empty_leaves_existing_data_alone(organisation):
    call_command("seed_demo", "--if-empty")
    assert Organisation.objects.count() == 1
