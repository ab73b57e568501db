"""A record signed after the decision date says so on every page, output and pack, and the
decision taken is on the public page and in every public output; the late reason stays
internal."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from eia import summary
from eia.audit import head
from eia.calendar import add_working_days
from eia.models import DecisionBody
from eia.register import published_file
from eia.services import decisions
from tests.integration.register.support import body
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo

pytestmark = pytest.mark.django_db
REASON = "Papers were late because of the ballot-box recount"


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def late(people, organisation):
    """Signed eight working days after its decision date, the decision recorded, published."""
    passed = add_working_days(timezone.localdate(), -8)
    assessment = builders.at_officer_review(
        people, organisation, decision_date=passed, title="Hawford library"
    )
    demo.officer_approves(assessment, by=people["officer"])
    assessment.refresh_from_db()
    services.decide_sign_off(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["dm"],
        sign=True,
        comment="",
        attested=True,
        seen_hash=summary.content_hash(summary.decision_summary(assessment)),
        late_reason=REASON,
    )
    cabinet = DecisionBody.objects.create(organisation=organisation, name="Cabinet")
    decisions.record_decision(
        assessment_id=assessment.pk,
        by=people["officer"],
        taken_on=passed,
        outcome="approved_with_changes",
        body_id=cabinet.pk,
        minute_reference="CAB 47/2026",
        minute_url="https://democracy.example.gov.uk/minutes/47",
    )
    demo.officer_publishes(assessment, by=people["officer2"])
    assessment.refresh_from_db()
    return assessment, passed


def _public_url(assessment):
    item = assessment.pipeline_item
    return f"/public/{assessment.organisation.slug}/{item.reference}/v{assessment.version}/"


def test_the_officers_pages_flag_a_late_sign_off(late, people):
    assessment, passed = late
    officer = _client(people["officer"])
    page = officer.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Signed after the decision date" in page
    assert "Approved with changes by Cabinet" in page
    record = officer.get(f"/assessments/{assessment.pk}/sign-off/record/").content.decode()
    assert "Signed after the decision date" in record and REASON in record
    assert f"after the decision date of {passed.day} {passed:%B %Y}" in record
    for kind in ("summary", "full"):
        text = _text(officer.get(f"/assessments/{assessment.pk}/{kind}.pdf").content)
        assert "Signed after the decision date" in text, kind
        assert "Approved with changes by Cabinet" in text, kind


def test_the_public_page_and_outputs_show_the_flag_and_the_decision(late):
    assessment, passed = late
    public = _client()
    url = _public_url(assessment)
    response = public.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert "Signed after the decision date" in page
    assert f"Approved with changes by Cabinet on {passed.day} {passed:%B %Y}" in page
    assert 'href="https://democracy.example.gov.uk/minutes/47"' in page
    assert REASON not in page  # the reason is internal
    for kind in ("summary", "full"):
        text = _text(public.get(f"{url}{kind}.pdf").content)
        assert "Signed after the decision date" in text and "CAB 47/2026" in text, kind
        assert "ballot-box" not in text
    published_file.regenerate()
    csv_text = body(public.get("/public/register.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert rows[0]["Signed after the decision date"] == "Yes"
    assert rows[0]["Decision taken"] == "Approved with changes"
    assert rows[0]["Decision taken on"] == passed.isoformat()
    data = json.loads(body(public.get("/public/register.json")))
    entry = data["results"][0]
    assert entry["signed_after_decision_date"] is True
    assert entry["decision"]["outcome"] == "approved_with_changes"
    assert entry["decision"]["minute_reference"] == "CAB 47/2026"
    feed = public.get("/public/feed.atom").content.decode()
    assert "Signed after the decision date" in feed and "Approved with changes by Cabinet" in feed
    assert REASON not in json.dumps(data) + feed + csv_text


def test_the_jr_pack_says_it_was_signed_late_and_carries_the_decision(late, people):
    assessment, _passed = late
    response = _client(people["officer"]).get(
        f"/pipeline/{assessment.pipeline_item_id}/jr-pack.zip"
    )
    pack = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    brown = _text(pack.read("brown-principles.pdf"))
    assert "SIGNED AFTER THE DECISION DATE" in brown and REASON in brown
    decision = _text(pack.read("decision.pdf"))
    assert "Signed after the decision date" in decision
    assert "Approved with changes" in decision and "CAB 47/2026" in decision


def test_a_record_signed_in_time_is_not_flagged(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    builders.approve_sign_and_publish(people, assessment)
    assessment.refresh_from_db()
    page = _client().get(_public_url(assessment)).content.decode()
    assert "Signed after the decision date" not in page
    assert "Not recorded yet" in page
    assert datetime.date.today() < assessment.pipeline_item.decision_date
