"""Signing on or after the decision date: refused without the decision-maker's reason; with
it, the attestation says so truthfully and the record is flagged wherever it is shown."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eia import summary
from eia.audit import head
from eia.calendar import add_working_days
from eia.errors import InvalidInput
from eia.events import EventType
from eia.models import SignOff
from tests.support import builders
from workflows import services

pytestmark = pytest.mark.django_db
REASON = "The cabinet met early because of the flood emergency"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _awaiting(people, organisation, decision_date):
    assessment = builders.at_officer_review(people, organisation, decision_date=decision_date)
    services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )
    assessment.refresh_from_db()
    return assessment


def _sign(client, assessment, **data):
    shown = summary.content_hash(summary.decision_summary(assessment))
    return client.post(
        f"/assessments/{assessment.pk}/sign-off/",
        {"seen": head(assessment), "seen_hash": shown, "decision": "sign", "attested": "on"} | data,
    )


@pytest.fixture
def passed():
    return add_working_days(timezone.localdate(), -8)


def test_signing_after_the_decision_date_needs_a_reason(people, organisation, passed):
    assessment = _awaiting(people, organisation, passed)
    dm = _client(people["dm"])
    page = dm.get(f"/assessments/{assessment.pk}/sign-off/").content.decode()
    assert f"The decision date, {passed.day} {passed:%B %Y}, has passed" in page
    assert 'id="conditional-late-reason"' in page
    assert "Why are you signing on or after the decision date?" in page
    response = _sign(dm, assessment)
    assert response.status_code == 400
    assert "Enter why you are signing on or after the decision date" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == "awaiting_sign_off"
    assert not SignOff.objects.exists()


def test_the_service_refuses_a_late_sign_off_without_a_reason(people, organisation, passed):
    assessment = _awaiting(people, organisation, passed)
    with pytest.raises(InvalidInput, match="has come: say why"):
        services.decide_sign_off(
            assessment_id=assessment.pk,
            seen=head(assessment),
            by=people["dm"],
            sign=True,
            comment="",
            attested=True,
            seen_hash=summary.content_hash(summary.decision_summary(assessment)),
            late_reason="   ",
        )
    assessment.refresh_from_db()
    assert assessment.state == "awaiting_sign_off"


def test_a_late_sign_off_says_so_truthfully(people, organisation, passed):
    assessment = _awaiting(people, organisation, passed)
    today = timezone.localdate()
    response = _sign(_client(people["dm"]), assessment, late_reason=REASON)
    assert response.status_code == 302
    record = SignOff.objects.get(assessment=assessment)
    assert record.signed_late and record.late_reason == REASON
    assert record.decision_date == passed
    assert "before taking the decision" not in record.attestation
    assert (
        f"signed it on {today.day} {today:%B %Y}, after the decision date of "
        f"{passed.day} {passed:%B %Y}" in record.attestation
    )
    assert f"My reason: {REASON}." in record.attestation
    event = assessment.audit_events.first()
    assert event.event_type == EventType.SIGNED_OFF_LATE
    assert event.details["late_reason"] == REASON
    assert event.details["decision_date"] == passed.isoformat()


def test_signing_on_the_decision_date_itself_is_late_too(people, organisation):
    today = timezone.localdate()
    if today.weekday() >= 5:
        pytest.skip("the decision date must be a working day")
    assessment = _awaiting(people, organisation, today)
    response = _sign(_client(people["dm"]), assessment, late_reason=REASON)
    assert response.status_code == 302
    record = SignOff.objects.get(assessment=assessment)
    assert record.signed_late
    assert "on the decision date itself" in record.attestation


def test_signing_before_the_decision_date_needs_no_reason(people, organisation):
    decision = add_working_days(timezone.localdate(), 20)
    assessment = _awaiting(people, organisation, decision)
    page = _client(people["dm"]).get(f"/assessments/{assessment.pk}/sign-off/").content.decode()
    assert "conditional-late-reason" not in page
    response = _sign(_client(people["dm"]), assessment, late_reason="ignored")
    assert response.status_code == 302
    record = SignOff.objects.get(assessment=assessment)
    assert not record.signed_late and record.late_reason == ""
    assert "before taking the decision" in record.attestation
    assert assessment.audit_events.first().event_type == EventType.SIGNED_OFF
    assert datetime.date.today() < decision
