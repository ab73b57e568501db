"""`manage.py seed_scale` makes only what the services could make, and its bulk trail writer
(eia.audit.record_trails) seals events exactly as record() does."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from eia import audit, quality
from eia.errors import TrailAltered
from eia.events import EventType
from eia.models import Assessment, AuditEvent, AuditHead, State
from tests.support import tampering
from workflows import diagram
from workflows.demo import scale
from workflows.services.moves import check_consistent
from workflows.stages import stage_of

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_scale", assessments=150, events=3000, stdout=out)
    return out.getvalue()


def test_the_counts_asked_for_are_the_counts_written(seeded):
    assert "Wrote" in seeded
    assessments = Assessment.objects.filter(organisation__slug__startswith="scale-")
    assert 140 <= assessments.count() <= 160
    events = AuditEvent.objects.filter(organisation__slug__startswith="scale-").count()
    assert 2900 <= events <= 3000
    # Every state of the mix is there, in roughly its share.
    states = set(assessments.values_list("state", flat=True))
    assert {State.PUBLISHED, State.SCREENING, State.OFFICER_REVIEW} <= states
    published = assessments.filter(state=State.PUBLISHED).count()
    assert 0.35 < published / assessments.count() < 0.7


def test_every_record_has_its_stage_task_and_a_whole_chain(seeded):
    for assessment in Assessment.objects.filter(organisation__slug__startswith="scale-"):
        task = check_consistent(assessment)
        assert (task is not None) == stage_of(assessment.state).has_task
        check = audit.verify_chain(assessment)
        assert check.intact, (assessment.pk, check.reason)
        first = assessment.audit_events.order_by("sequence").first()
        assert first.event_type == EventType.ASSESSMENT_STARTED
        last_move = assessment.audit_events.exclude(to_state="").order_by("-sequence").first()
        assert last_move.to_state == assessment.state


def test_verify_audit_finds_the_seeded_database_intact(seeded):
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_record_many_chains_on_from_record_and_record_chains_on_from_it(seeded):
    assessment = Assessment.objects.filter(state=State.SCREENING).first()
    before = audit.head(assessment)
    with transaction.atomic():
        written = audit.record_many(
            assessment,
            [
                audit.Entry(EventType.COMMENT_ADDED, assessment.author, comment="one"),
                audit.Entry(EventType.COMMENT_ADDED, None, comment="two"),
            ],
        )
        audit.record(EventType.COMMENT_ADDED, assessment=assessment, by=None, comment="three")
    assert written == 2
    assert audit.head(assessment) == before + 3
    assert AuditHead.objects.get(assessment=assessment).sequence == before + 3
    assert audit.verify_chain(assessment).intact


def test_record_many_refuses_what_record_refuses(seeded):
    assessment = Assessment.objects.filter(state=State.SCREENING).first()
    with transaction.atomic(), pytest.raises(TypeError):
        audit.record_many(assessment, [audit.Entry("comment_added", None)])
    newest = assessment.audit_events.order_by("-sequence").first()
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [newest.pk])
    with transaction.atomic(), pytest.raises(TrailAltered):
        audit.record_many(assessment, [audit.Entry(EventType.COMMENT_ADDED, None)])


def test_record_trails_writes_many_chains_at_once_and_refuses_them_all_if_one_is_altered(seeded):
    old, other = Assessment.objects.filter(state=State.SCREENING)[:2]
    fresh = Assessment.objects.create(
        organisation=old.organisation, pipeline_item=old.pipeline_item, author=old.author,
        version=99, state=State.WITHDRAWN,
    )  # fmt: skip
    before = audit.head(old)
    comment = [audit.Entry(EventType.COMMENT_ADDED, None, comment="batched")]
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        written = audit.record_trails([(old, comment * 2), (fresh, comment * 3), (other, [])])
    assert written == 5
    assert (audit.head(old), audit.head(fresh)) == (before + 2, 3)
    assert AuditHead.objects.get(assessment=fresh).sequence == 3
    assert audit.verify_chain(old).intact and audit.verify_chain(fresh).intact
    # Two reads of the chains' ends, one INSERT of events, one of new anchors, one update.
    assert len(queries) <= 8
    newest = fresh.audit_events.order_by("-sequence").first()
    tampering.run("DELETE FROM eia_auditevent WHERE id = %s", [newest.pk])
    with transaction.atomic(), pytest.raises(TrailAltered):
        audit.record_trails([(old, comment), (fresh, comment)])
    assert audit.head(old) == before + 2


def test_the_seed_is_fast_enough_for_the_benchmarks_to_build_it_in_minutes():
    """Not a timing: the queries do not grow with the length of the trails."""
    with CaptureQueriesContext(connection) as small:
        scale.seed(assessments=50, events=500, organisations=1, log=lambda _line: None)
    with CaptureQueriesContext(connection) as long:
        scale.seed(assessments=50, events=5000, organisations=1, log=lambda _line: None)
    assert len(long) < len(small) * 1.5


def test_every_move_is_one_the_transition_table_has_and_rurality_proofing_is_one_submission(
    seeded,
):
    table = {(move.source, move.target) for move in diagram.moves()}
    seen_rural = set()
    for assessment in Assessment.objects.filter(organisation__slug__startswith="scale-"):
        moves = list(
            assessment.audit_events.exclude(to_state="")
            .exclude(from_state="")
            .exclude(from_state=F("to_state"))
            .order_by("sequence")
            .values_list("event_type", "from_state", "to_state")
        )
        for _event, source, target in moves:
            assert (source, target) in table, (assessment.pk, source, target)
        if not assessment.rurality_proofing_required:
            continue
        through_stage = any(State.RURALITY_PROOFING in (s, t) for _e, s, t in moves)
        # Screened in, rurality proofing is a section of the full assessment: the services
        # never put a new record at the rurality proofing stage; screened out, they always do.
        assert through_stage == (not assessment.screened_in), assessment.pk
        seen_rural.add((assessment.screened_in, assessment.state))
        submitted = any(
            event in (EventType.FULL_ASSESSMENT_SUBMITTED, EventType.RURALITY_PROOFING_SUBMITTED)
            for event, _s, _t in moves
        )
        if submitted:
            assert quality.rurality_problems(assessment) == [], assessment.pk
    assert (False, State.RURALITY_PROOFING) in seen_rural
    assert any(screened_in for screened_in, _state in seen_rural)
