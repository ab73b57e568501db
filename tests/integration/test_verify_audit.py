"""`manage.py verify_audit` catches every kind of tampering a database superuser could do, on
SQLite and PostgreSQL, printing the first broken event per assessment and exiting 1."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from eia import audit
from eia.chain import digests, seal
from eia.errors import TrailAltered
from eia.events import EventType
from eia.models import AuditEvent, AuditHead
from tests.support import builders, tampering

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):
    return builders.team(organisation)


@pytest.fixture
def trail(people, organisation):
    return builders.at_screening_review(people, organisation)  # events 1, 2, 3


def verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def event(assessment, sequence) -> AuditEvent:
    return AuditEvent.objects.get(assessment=assessment, sequence=sequence)


def comment_on(assessment, text="A comment"):
    with transaction.atomic():
        return audit.record(EventType.COMMENT_ADDED, assessment=assessment, by=None, comment=text)


def test_an_untouched_database_verifies(trail, people, organisation):
    builders.at_screening_review(people, organisation)
    code, out = verify()
    assert code == 0
    assert "2 chains, 6 events: intact (seals checked with the key; no digest yet)" in out


def test_deleting_the_newest_event_is_caught(trail):
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [event(trail, 3).pk])
    code, out = verify()
    assert code == 1
    assert f"BROKEN assessment {trail.pk}" in out
    assert "anchored at event 3 but the trail ends at event 2" in out


def test_deleting_the_last_events_and_the_anchor_is_caught(trail):
    tampering.run(
        "DELETE FROM eia_auditevent WHERE assessment_id = %s AND sequence > 1", [trail.pk]
    )
    tampering.run("DELETE FROM eia_audithead WHERE assessment_id = %s", [trail.pk])
    code, out = verify()
    assert code == 1
    assert "chain has no anchor (the trail ends at event 1)" in out


def test_deleting_a_middle_event_is_caught(trail):
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [event(trail, 2).pk])
    code, out = verify()
    assert code == 1
    assert "event 3: expected event 2 here, found 3 (deleted or reordered)" in out


def test_deleting_a_whole_trail_is_caught(trail, people, organisation):
    other = builders.at_screening_review(people, organisation)
    tampering.run("DELETE FROM eia_auditevent WHERE assessment_id = %s", [trail.pk])
    tampering.run("DELETE FROM eia_audithead WHERE assessment_id = %s", [trail.pk])
    code, out = verify()
    assert code == 1
    assert f"BROKEN assessment {trail.pk}" in out
    assert "has no events: the whole trail is missing" in out
    assert f"BROKEN assessment {other.pk}" not in out


def test_editing_an_event_is_caught(trail):
    tampering.run(
        "UPDATE eia_auditevent SET actor_name = 'Someone else' WHERE id = %s", [event(trail, 2).pk]
    )
    code, out = verify()
    assert code == 1
    assert "event 2: its seal does not match its content" in out


def test_reordering_events_is_caught(trail):
    first, second = event(trail, 2), event(trail, 3)
    with tampering.as_superuser() as cursor:
        cursor.execute("UPDATE eia_auditevent SET sequence = 100 WHERE id = %s", [first.pk])
        cursor.execute("UPDATE eia_auditevent SET sequence = 2 WHERE id = %s", [second.pk])
        cursor.execute("UPDATE eia_auditevent SET sequence = 3 WHERE id = %s", [first.pk])
    code, out = verify()
    assert code == 1
    assert "event 2:" in out


def test_rewriting_and_re_hashing_without_the_key_is_caught(trail):
    """The attacker edits event 2 and recomputes every later hash and the anchor, as the old
    unkeyed chain allowed: without the key the seals cannot be made to match."""
    previous = event(trail, 1).hash
    with tampering.as_superuser() as cursor:
        for number in (2, 3):
            row = event(trail, number)
            if number == 2:
                row.comment = "Nothing to see"
            row.previous_hash = previous
            forged = seal.content_hash(seal.of_event(row))
            cursor.execute(
                "UPDATE eia_auditevent SET comment = %s, previous_hash = %s, hash = %s "
                "WHERE id = %s",
                [row.comment, previous, forged, row.pk],
            )
            previous = forged
        cursor.execute(
            "UPDATE eia_audithead SET hash = %s WHERE assessment_id = %s", [previous, trail.pk]
        )
    code, out = verify()
    assert code == 1
    assert (
        "event 2: its seal does not match its content (edited, or re-sealed without the key)" in out
    )


def test_moving_events_to_another_organisation_is_caught(trail, other_organisation):
    tampering.run(
        "UPDATE eia_auditevent SET organisation_id = %s WHERE assessment_id = %s",
        [other_organisation.pk, trail.pk],
    )
    code, out = verify()
    assert code == 1
    assert f"event 1: belongs to organisation {other_organisation.pk}" in out


def test_moving_an_assessment_to_another_organisation_is_caught(trail, other_organisation):
    tampering.run(
        "UPDATE eia_assessment SET organisation_id = %s WHERE id = %s",
        [other_organisation.pk, trail.pk],
    )
    code, out = verify()
    assert code == 1
    assert "(moved)" in out


def test_an_anchor_rolled_back_with_the_events_after_it_is_caught_by_the_last_digest(trail):
    old = AuditHead.objects.values("sequence", "hash", "key_id", "seal").get(assessment=trail)
    comment_on(trail)
    digest = digests.make_digest()
    assert verify()[0] == 0
    # Delete event 4 and put back the anchor exactly as it was at event 3 (a valid seal).
    with tampering.as_superuser() as cursor:
        cursor.execute(
            "DELETE FROM eia_auditevent WHERE assessment_id = %s AND sequence = 4", [trail.pk]
        )
        cursor.execute(
            "UPDATE eia_audithead SET sequence = %s, hash = %s, key_id = %s, seal = %s "
            "WHERE assessment_id = %s",
            [old["sequence"], old["hash"], old["key_id"], old["seal"], trail.pk],
        )
    assert audit.verify_chain(trail).intact  # the chain and its anchor agree on their own
    code, out = verify()
    assert code == 1
    assert "the last digest saw event 4, but the trail ends at event 3" in out
    assert f"against digest {digest.digest[:16]}" in out


def test_verifying_against_an_archived_digest_file(trail, tmp_path):
    comment_on(trail)
    path = digests.write_file(digests.make_digest(), tmp_path)
    # A superuser removes the stored digest too: the archived file still catches the rollback.
    old_head = AuditHead.objects.values("sequence", "hash", "key_id", "seal").get(assessment=trail)
    comment_on(trail)
    with tampering.as_superuser() as cursor:
        cursor.execute("DELETE FROM eia_auditdigest")
        cursor.execute(
            "DELETE FROM eia_auditevent WHERE assessment_id = %s AND sequence >= 4", [trail.pk]
        )
        cursor.execute(
            "UPDATE eia_audithead SET sequence = 3, hash = %s, key_id = %s, seal = %s "
            "WHERE assessment_id = %s",
            [event(trail, 3).hash, old_head["key_id"], _seal_anchor(trail, 3), trail.pk],
        )
    assert verify()[0] == 0  # nothing in the database says otherwise...
    code, out = verify("--digest", str(path))
    assert code == 1  # ...but the archived digest does
    assert "the last digest saw event 4" in out


def _seal_anchor(assessment, sequence) -> str:
    # What an attacker with the key could forge; used to show the digest file is independent.
    key_id, key = audit.keys.current()
    return seal.sign(
        seal.anchor_payload(
            organisation=assessment.organisation_id,
            assessment=assessment.pk,
            sequence=sequence,
            hash=event(assessment, sequence).hash,
            key_id=key_id,
        ),
        key,
    )


def test_a_digest_deleted_from_the_middle_is_caught(trail):
    first = digests.make_digest()
    digests.make_digest()
    digests.make_digest()
    tampering.run("DELETE FROM eia_auditdigest WHERE id = %s", [first.pk + 1])
    code, out = verify()
    assert code == 1
    assert "the digest before it is missing" in out


def test_the_first_broken_event_of_each_assessment_is_printed(trail, people, organisation):
    other = builders.at_screening_review(people, organisation)
    tampering.run(
        "UPDATE eia_auditevent SET comment = 'x' WHERE assessment_id = %s AND sequence >= 2",
        [trail.pk],
    )
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [event(other, 1).pk])
    code, out = verify()
    assert code == 1
    broken = [line for line in out.splitlines() if line.startswith("BROKEN")]
    assert len(broken) == 2
    assert f"assessment {trail.pk}" in broken[0] and "event 2:" in broken[0]
    assert f"assessment {other.pk}" in broken[1] and "event 2: expected event 1" in broken[1]


def test_nothing_more_is_recorded_on_an_altered_trail(trail):
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [event(trail, 3).pk])
    with pytest.raises(TrailAltered):
        comment_on(trail)


def test_keys_rotate_and_old_events_still_verify(trail):
    with override_settings(
        AUDIT_KEYS={"2027": "a new secret", "dev": "due-regard-development-audit-key-NOT-SECRET"}
    ):
        comment_on(trail)
        assert event(trail, 4).key_id == "2027"
        assert event(trail, 3).key_id == "dev"
        assert verify()[0] == 0
    with override_settings(AUDIT_KEYS={"2027": "a new secret"}):
        code, out = verify()
    assert code == 1
    assert "event 1: sealed with key 'dev', which is not configured" in out


def test_a_forged_key_id_does_not_verify(trail):
    tampering.run("UPDATE eia_auditevent SET key_id = 'other' WHERE id = %s", [event(trail, 1).pk])
    with override_settings(
        AUDIT_KEYS={"dev": "due-regard-development-audit-key-NOT-SECRET", "other": "x"}
    ):
        code, out = verify()
    assert code == 1
    assert "event 1: its seal does not match" in out


def _delete_assessment_and_verify(assessment) -> tuple[int, str]:
    """Inside a savepoint undone afterwards: the rows that point at the assessment stay."""
    found = {}
    try:
        with transaction.atomic():
            with tampering.as_superuser() as cursor:
                for sql in (
                    "DELETE FROM eia_auditevent WHERE assessment_id = %s",
                    "DELETE FROM eia_audithead WHERE assessment_id = %s",
                    "DELETE FROM eia_assessment WHERE id = %s",
                ):
                    cursor.execute(sql, [assessment.pk])
            found["result"] = verify()
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    return found["result"]


def test_an_assessment_deleted_with_its_whole_trail_is_caught_by_the_last_digest(trail):
    digests.make_digest()
    code, out = _delete_assessment_and_verify(trail)
    assert code == 1
    assert f"BROKEN assessment {trail.pk} (deleted)" in out
    assert "its assessment and its whole trail are gone" in out
