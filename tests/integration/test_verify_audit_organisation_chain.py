"""An organisation's own chain (its equality duty: events with no assessment) is sealed,
anchored and checked like an assessment's: `manage.py verify_audit` catches it edited or cut
short, the organisation's trail export carries it and re-verifies, and nothing more is
recorded on it once altered. On SQLite and PostgreSQL."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from eia import audit
from eia.chain import digests
from eia.errors import TrailAltered
from eia.events import EventType
from eia.models import AuditEvent, AuditHead
from tests.integration.register.support import close
from tests.support import builders, tampering

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return builders.team(organisation)


def duty_event(organisation, by=None, comment="Objective 1 agreed"):
    with transaction.atomic():
        return audit.record(
            EventType.OBJECTIVE_ADDED,
            assessment=None,
            organisation=organisation,
            by=by,
            comment=comment,
            details={"objective": comment},
        )


@pytest.fixture
def own_chain(organisation, people):
    for number in (1, 2, 3):
        duty_event(organisation, by=people["lead"], comment=f"Objective {number} agreed")
    return organisation


def verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def own_event(organisation, sequence) -> AuditEvent:
    return AuditEvent.objects.get(
        organisation=organisation, assessment__isnull=True, sequence=sequence
    )


def test_the_organisations_chain_is_anchored_and_verifies(own_chain, people):
    builders.at_screening_review(people, own_chain)
    head = AuditHead.objects.get(organisation=own_chain, assessment__isnull=True)
    assert (head.sequence, head.hash) == (3, own_event(own_chain, 3).hash)
    code, out = verify()
    assert code == 0
    assert "2 chains, 6 events: intact" in out
    assert audit.verify_chain(None, organisation=own_chain).intact


def test_a_second_organisation_has_a_chain_of_its_own(own_chain, other_organisation):
    duty_event(other_organisation)
    assert own_event(other_organisation, 1).previous_hash == "0" * 64
    assert AuditHead.objects.filter(assessment__isnull=True).count() == 2
    assert verify()[0] == 0


def test_editing_an_organisation_event_is_caught(own_chain):
    tampering.run(
        "UPDATE eia_auditevent SET comment = 'Nothing agreed' WHERE id = %s",
        [own_event(own_chain, 2).pk],
    )
    code, out = verify()
    assert code == 1
    assert f"BROKEN organisation {own_chain.pk} ({own_chain.slug})" in out
    assert "event 2: its seal does not match its content" in out
    assert not audit.verify_chain(None, organisation=own_chain).intact


def test_deleting_the_newest_organisation_event_is_caught(own_chain):
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [own_event(own_chain, 3).pk])
    code, out = verify()
    assert code == 1
    assert f"BROKEN organisation {own_chain.pk}" in out
    assert "anchored at event 3 but the trail ends at event 2" in out
    with pytest.raises(TrailAltered):
        duty_event(own_chain)


def test_deleting_the_whole_chain_and_its_anchor_is_caught_by_the_last_digest(own_chain):
    digests.make_digest()
    tampering.run(
        "DELETE FROM eia_auditevent WHERE organisation_id = %s AND assessment_id IS NULL",
        [own_chain.pk],
    )
    tampering.run(
        "DELETE FROM eia_audithead WHERE organisation_id = %s AND assessment_id IS NULL",
        [own_chain.pk],
    )
    code, out = verify()
    assert code == 1
    assert f"BROKEN organisation {own_chain.pk}" in out
    assert "chain has no events: the whole trail is missing" in out


def test_the_organisations_export_carries_its_chain_and_re_verifies(
    client, own_chain, people, tmp_path
):
    builders.at_screening_review(people, own_chain)
    client.force_login(people["lead"])
    response = client.get("/organisation/audit-trail.json")
    body = b"".join(response.streaming_content)
    close(response)
    data = json.loads(body)
    own = [e for e in data["events"] if e["assessment"] is None]
    assert [e["sequence"] for e in own] == [1, 2, 3]
    assert any(a["assessment"] is None for a in data["anchors"])
    path = tmp_path / "organisation.json"
    path.write_bytes(body)
    code, out = verify("--file", str(path))
    assert (code, "2 chains, 6 events: intact" in out) == (0, True)
    own[1]["comment"] = "Nothing agreed"
    path.write_text(json.dumps(data))
    code, out = verify("--file", str(path))
    assert code == 1
    assert "event 2: its content does not match its content hash (edited)" in out
    response = client.get("/organisation/audit-trail.csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    close(response)
    assert sum("Objective 2 agreed" in row for row in rows) == 1
