"""The demo data: built through the services, idempotent, and every documented login works."""

import pytest
from django.core.management import call_command

from eia.authorization import Role
from eia.models import Organisation, PipelineItem, User
from workflows.demo import organisations as demo

pytestmark = pytest.mark.django_db


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
