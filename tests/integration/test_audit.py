"""The audit trail is append-only, hash-chained and written only inside the change's transaction."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from eia import audit
from eia.events import EventType
from eia.models import AppendOnlyError, AuditEvent, AuditHead
from tests.support import builders, tampering

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(organisation):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(people, organisation)
    return assessment


def test_every_event_records_actor_name_roles_time_states(trail):
    events = list(trail.audit_events.order_by("sequence"))
    assert [e.event_type for e in events] == [
        EventType.ASSESSMENT_STARTED,
        EventType.SECTION_EDITED,
        EventType.SCREENING_SUBMITTED,
    ]
    submitted = events[-1]
    assert submitted.actor_name == submitted.actor.display_name
    assert submitted.actor_roles == "Project manager"
    assert (submitted.from_state, submitted.to_state) == ("screening", "screening_review")
    assert submitted.organisation_id == trail.organisation_id
    assert [e.sequence for e in events] == [1, 2, 3]


def test_actor_name_is_kept_as_it_was(trail):
    event = trail.audit_events.first()
    event.actor.first_name = "Renamed"
    event.actor.save()
    assert AuditEvent.objects.get(pk=event.pk).actor_name != event.actor.display_name


def test_model_and_queryset_refuse_changes(trail):
    event = trail.audit_events.first()
    event.comment = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(comment="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_refuses_update_even_with_raw_sql(trail):
    event = trail.audit_events.first()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE eia_auditevent SET comment = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).comment == event.comment


def test_database_refuses_raw_delete(trail):
    event = trail.audit_events.first()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM eia_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_postgresql_refuses_truncate(trail):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    for table in ("eia_auditevent", "eia_audithead", "eia_auditdigest"):
        with transaction.atomic(), connection.cursor() as cursor:
            # The test's own inserts leave deferred foreign-key checks pending; run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            with (
                pytest.raises(DatabaseError, match="append-only|only move forward"),
                transaction.atomic(),
            ):
                cursor.execute(f"TRUNCATE {table} CASCADE")
    assert trail.audit_events.count() == 3


def test_database_refuses_to_move_an_anchor_back_or_delete_it(trail):
    for sql in (
        "UPDATE eia_audithead SET sequence = 1 WHERE assessment_id = %s",
        "DELETE FROM eia_audithead WHERE assessment_id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="only move forward"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [trail.pk])
    assert AuditHead.objects.get(assessment=trail).sequence == 3


def test_chain_is_intact_then_detects_a_removed_or_rewritten_row(trail):
    check = audit.verify_chain(trail)
    assert (check.intact, check.events) == (True, 3)
    middle = trail.audit_events.get(sequence=2)
    # Only a database superuser can bypass the triggers; the chain still exposes it.
    tampering.run("UPDATE eia_auditevent SET comment = 'forged' WHERE id = %s", [middle.pk])
    check = audit.verify_chain(trail)
    assert not check.intact
    assert check.first_broken_sequence == 2
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [middle.pk])
    check = audit.verify_chain(trail)
    assert (check.intact, check.first_broken_sequence) == (False, 3)


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction(trail):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(EventType.COMMENT_ADDED, assessment=trail, by=None, comment="x")


def test_two_writers_cannot_append_the_same_sequence(trail):
    last = trail.audit_events.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            organisation_id=trail.organisation_id,
            assessment=trail,
            sequence=last.sequence,
            actor_name="x",
            event_type="x",
            previous_hash="0" * 64,
            hash="0" * 64,
        )


def test_audit_trail_page_of_another_organisation_is_404(trail, client, other_organisation):
    from eia.authorization import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD]))
    assert client.get(f"/assessments/{trail.pk}/").status_code == 404
