"""The decision record: an officer records the decision once it is taken, corrects it with a
reason (the history is kept), and another organisation cannot see or touch it."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from eia.audit import head, verify_chain
from eia.events import EventType
from eia.models import Assessment, DecisionBody, DecisionRecord
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def signed(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Hawford library")
    demo.officer_approves(assessment, by=people["officer"])
    assessment.refresh_from_db()
    demo.decision_maker_signs(assessment, by=people["dm"])
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def cabinet(organisation):
    return DecisionBody.objects.create(organisation=organisation, name="Cabinet")


def _form(body, **data):
    taken = timezone.localdate() - datetime.timedelta(days=2)
    return {
        "taken_on_0": taken.day,
        "taken_on_1": taken.month,
        "taken_on_2": taken.year,
        "outcome": "approved_with_changes",
        "body": body.pk,
        "minute_reference": "Cabinet minute 47/2027",
        "minute_url": "https://democracy.example.gov.uk/minutes/47",
    } | data


def test_an_officer_records_the_decision_from_the_assessment_page(signed, people, cabinet):
    officer = _client(people["officer"])
    page = officer.get(f"/assessments/{signed.pk}/").content.decode()
    assert f"/assessments/{signed.pk}/decision/" in page and "Not recorded yet" in page
    form_page = officer.get(f"/assessments/{signed.pk}/decision/").content.decode()
    assert "Record the decision" in form_page
    response = officer.post(f"/assessments/{signed.pk}/decision/", _form(cabinet))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = DecisionRecord.objects.get(assessment=signed)
    assert (record.outcome, record.body_name) == ("approved_with_changes", "Cabinet")
    assert record.recorded_by == people["officer"]
    event = signed.audit_events.first()
    assert event.event_type == EventType.DECISION_RECORDED
    assert event.details["changes"]["outcome"] == ["", "approved_with_changes"]
    assert event.details["changes"]["minute_reference"] == ["", "Cabinet minute 47/2027"]
    page = officer.get(f"/assessments/{signed.pk}/").content.decode()
    assert "Approved with changes by Cabinet on" in page
    assert verify_chain(signed).intact


def test_a_correction_needs_a_reason_and_keeps_the_history(signed, people, cabinet):
    lead = _client(people["lead"])
    lead.post(f"/assessments/{signed.pk}/decision/", _form(cabinet, current=""))
    first = DecisionRecord.objects.get()
    corrected = _form(cabinet, outcome="deferred", current=first.pk)
    response = lead.post(f"/assessments/{signed.pk}/decision/", corrected)
    assert response.status_code == 400
    assert "Enter why you are correcting the decision record" in response.content.decode()
    response = lead.post(
        f"/assessments/{signed.pk}/decision/",
        corrected | {"reason": "The minute was misread: the item was deferred."},
    )
    assert response.status_code == 302
    newest = DecisionRecord.objects.order_by("-pk").first()
    assert newest.corrects == first and newest.outcome == "deferred"
    assert DecisionRecord.objects.count() == 2  # the first is kept, unchanged
    event = signed.audit_events.first()
    assert event.event_type == EventType.DECISION_CORRECTED
    assert event.details["changes"] == {"outcome": ["approved_with_changes", "deferred"]}
    assert event.comment == "The minute was misread: the item was deferred."
    page = lead.get(f"/assessments/{signed.pk}/decision/").content.decode()
    assert "History of this record" in page and "the item was deferred" in page
    # A page opened before the correction cannot overwrite it.
    stale = _form(cabinet, outcome="rejected", current=first.pk, reason="Again.")
    assert lead.post(f"/assessments/{signed.pk}/decision/", stale).status_code == 409


@pytest.mark.parametrize(
    "bad",
    [
        {"minute_url": "javascript:alert(1)"},
        {"minute_url": "file:///etc/passwd"},
        {"minute_url": "ftp://example.org/minute"},
        {"minute_url": "https://exa mple.org/"},
        {"minute_reference": "", "minute_url": ""},
        {"outcome": "approved_by_magic"},
        {"taken_on_2": "2999"},
        {"taken_on_1": "13"},
        {"minute_reference": "x" * 201},
        {"minute_reference": "line\nbreak"},
    ],
)
def test_bad_decision_input_is_a_form_error_not_a_500(signed, people, cabinet, bad):
    response = _client(people["officer"]).post(
        f"/assessments/{signed.pk}/decision/", _form(cabinet) | bad
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not DecisionRecord.objects.exists()


def test_a_body_of_another_organisation_is_refused(signed, people, cabinet, other_organisation):
    theirs = DecisionBody.objects.create(organisation=other_organisation, name="Their cabinet")
    response = _client(people["officer"]).post(
        f"/assessments/{signed.pk}/decision/", _form(cabinet) | {"body": theirs.pk}
    )
    assert response.status_code == 400
    assert not DecisionRecord.objects.exists()


def test_only_officers_record_and_only_after_sign_off(signed, people, organisation, cabinet):
    for who in ("pm", "dm"):
        client = _client(people[who])
        assert client.get(f"/assessments/{signed.pk}/decision/").status_code == 200  # read
        assert client.post(f"/assessments/{signed.pk}/decision/", _form(cabinet)).status_code == 403
    unsigned = builders.started(people, organisation)
    officer = _client(people["officer"])
    page = officer.get(f"/assessments/{unsigned.pk}/").content.decode()
    assert f"/assessments/{unsigned.pk}/decision/" not in page
    assert officer.post(f"/assessments/{unsigned.pk}/decision/", _form(cabinet)).status_code == 403
    assert not DecisionRecord.objects.exists()


def test_another_organisations_decision_record_is_a_404(signed, cabinet, other_organisation):
    stranger = builders.team(other_organisation)["officer"]
    client = _client(stranger)
    assert client.get(f"/assessments/{signed.pk}/decision/").status_code == 404
    assert client.post(f"/assessments/{signed.pk}/decision/", _form(cabinet)).status_code == 404
    assert not DecisionRecord.objects.exists()


def test_recording_the_decision_does_not_make_the_publish_page_stale(signed, people, cabinet):
    seen = head(signed)
    _client(people["lead"]).post(f"/assessments/{signed.pk}/decision/", _form(cabinet))
    # The lead publishes: the officer approved it, and separation of duties stops them.
    services.publish(assessment_id=signed.pk, seen=seen, by=people["lead"])
    signed.refresh_from_db()
    assert signed.state == "published"


def test_the_demo_has_a_late_sign_off_with_its_decision_recorded():
    call_command("seed_demo")
    assessment = Assessment.objects.get(pipeline_item__reference="NCC-2027-012")
    assert assessment.state == "published"
    assert assessment.sign_off_record.signed_late
    assert "after the decision date of" in assessment.sign_off_record.attestation
    decision = DecisionRecord.objects.get(assessment=assessment)
    assert decision.outcome == "approved_with_changes" and decision.body_name == "Cabinet"
    assert verify_chain(assessment).intact
