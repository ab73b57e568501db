"""The decision-maker reads the impacts, attests to them by name, and what they saw is frozen."""

import pytest
from django.db import transaction
from django.test import Client

from eia import summary
from eia.audit import head
from eia.authorization import Role
from eia.events import EventType
from eia.models import SignOff
from eia.services import authorship
from tests.factories import UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def dm(people):
    client = Client()
    client.force_login(people["dm"])
    return client


def _post(client, assessment, **data):
    page_hash = summary.content_hash(summary.decision_summary(assessment))
    return client.post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "seen_hash": page_hash,
        }
        | data,
    )


def test_the_summary_puts_the_impacts_in_front_of_the_decision_maker(awaiting, dm, people):
    page = dm.get(f"/assessments/{awaiting.pk}/sign-off/").content.decode()
    assert "Adverse impacts" in page
    assert "Disability" in page and "Major" in page
    assert "Run a mobile library with a wheelchair lift" in page  # the mitigation
    assert "Longer waits between visits." in page  # what remains
    for aim in (
        "Eliminate discrimination",
        "Advance equality of opportunity",
        "Foster good relations",
    ):
        assert aim in page
    assert "Adjust the proposal" in page
    assert f"I, {people['dm'].display_name}, have read this equality impact assessment" in page
    assert "I accept the remaining adverse impacts on disabled people (major)." in page


def test_signing_needs_the_attestation(awaiting, dm):
    response = _post(dm, awaiting, decision="sign")
    assert response.status_code == 400
    assert "Confirm that you have read the impacts" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.state == "awaiting_sign_off"
    assert not SignOff.objects.exists()


def test_signing_freezes_what_was_shown_with_its_hash(awaiting, dm, people):
    shown = summary.decision_summary(awaiting)
    response = _post(dm, awaiting, decision="sign", attested="on")
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.state == "signed_off"
    record = SignOff.objects.get(assessment=awaiting)
    assert record.snapshot == summary.canonical(shown)
    assert record.content_hash == summary.content_hash(shown)
    assert record.accepted_impacts == ["disability"]
    assert "disabled people (major)" in record.attestation
    assert record.decision_maker == people["dm"]
    event = awaiting.audit_events.first()
    assert event.event_type == EventType.SIGNED_OFF
    assert event.details == {
        "snapshot_hash": record.content_hash,
        "accepted_impacts": ["disability"],
    }
    page = dm.get(f"/assessments/{awaiting.pk}/sign-off/record/").content.decode()
    assert "This record is intact" in page
    assert "Run a mobile library with a wheelchair lift" in page


def test_a_changed_snapshot_is_detected(awaiting, dm):
    _post(dm, awaiting, decision="sign", attested="on")
    record = SignOff.objects.get(assessment=awaiting)
    snapshot = dict(record.snapshot)
    snapshot["adverse"] = []
    SignOff.objects.filter(pk=record.pk).update(snapshot=snapshot)
    page = dm.get(f"/assessments/{awaiting.pk}/sign-off/record/").content.decode()
    assert "does not match its fingerprint" in page


def test_signing_what_you_did_not_see_is_refused(awaiting, dm):
    response = dm.post(
        f"/assessments/{awaiting.pk}/sign-off/",
        {
            "seen": head(awaiting),
            "seen_hash": "0" * 64,
            "decision": "sign",
            "attested": "on",
        },
    )
    assert response.status_code == 409
    assert "changed while you were reading it" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.state == "awaiting_sign_off"


def test_screened_out_summary_says_so(people, organisation, dm):
    assessment = builders.at_screening_review(people, organisation, outcome="screened_out")
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("screened_out", "No differential impact."),
    )
    page = dm.get(f"/assessments/{assessment.pk}/sign-off/").content.decode()
    assert "No adverse impact is recorded." in page
    assert "No differential impact." in page
    assert "The assessment records no adverse impact." in page


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_only_the_currently_named_decision_maker_can_sign(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    new_dm = UserFactory(organisation=organisation, roles=[Role.DECISION_MAKER])
    item = assessment.pipeline_item
    item.decision_maker = new_dm
    with transaction.atomic():
        item.save()
        authorship.sync_decision_maker(item)  # as the admin does when the lead names someone
    assessment.refresh_from_db()
    shown = summary.content_hash(summary.decision_summary(assessment))
    response = _client(people["dm"]).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "seen_hash": shown,
            "decision": "sign",
            "attested": "on",
        },
    )
    assert response.status_code == 403
    assert "Only the named decision-maker" in response.content.decode()


def test_signing_without_having_loaded_the_summary_is_refused(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    response = _client(people["dm"]).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {
            "seen": head(assessment),
            "decision": "sign",
            "attested": "on",
        },
    )
    assert response.status_code == 400
    assert "Reload the page and read the summary before you sign" in response.content.decode()
