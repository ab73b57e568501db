"""What the decision-maker signs is the whole picture, never cut: the sign-off page and its PDF
come from the same summary data, which is what the sign-off freezes and hashes."""

import datetime

import pytest
from django.test import Client

from eia import summary
from eia.audit import head
from eia.services import evidence
from tests.support import builders
from tests.support.pdfs import pdf_text
from workflows import services
from workflows.demo.stories import Story, complete_full

pytestmark = pytest.mark.django_db

LONG = " ".join(f"word{n:04d}" for n in range(460))[:3991] + " THE-END."


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def _awaiting_sign_off(people, organisation):
    assessment = builders.at_screening_review(people, organisation, title="Hawford library")
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )
    assessment.refresh_from_db()
    evidence.declare_gap(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["pm"],
        description="No data on how carers use the branch",
        owner_id=people["pm"].pk,
        target_date=datetime.date(2027, 9, 1),
    )
    complete_full(assessment, by=people["pm"], story=Story(adverse_who=LONG))
    assessment = services.submit_full_assessment(
        assessment_id=assessment.pk, seen=head(assessment), by=people["pm"]
    )
    return services.review_assessment(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        approve=True,
        comment="",
    )


def test_a_4000_character_impact_is_whole_on_the_sign_off_page_and_in_its_pdf(people, organisation):
    assert len(LONG) >= 4000
    assessment = _awaiting_sign_off(people, organisation)
    dm = Client()
    dm.force_login(people["dm"])
    page = dm.get(f"/assessments/{assessment.pk}/sign-off/").content.decode()
    assert LONG in page
    pdf = _text(dm.get(f"/assessments/{assessment.pk}/sign-off/summary.pdf"))
    assert LONG in pdf
    for words in (
        "At a glance",
        "Northshire Disability Forum",  # the engagement
        "The mobile library will have a wheelchair lift.",  # and what it changed
        "No data on how carers use the branch",  # the evidence gap
        "Run a mobile library with a wheelchair lift",  # the mitigation
        people["pm"].display_name,  # its owner
        "RAG: Amber",
        "Longer waits between visits.",  # what remains
        "Advance equality of opportunity",  # the aims of the duty
    ):
        assert words in pdf, words
        assert words in page or words == "RAG: Amber", words
    assert "Amber" in page
    due = (assessment.actions.get(kind="mitigation").target_date).strftime("%-d %B %Y")
    assert f"Due: {due}" in pdf and due in page
    # The committee's PDF, redacted as the public register is, is whole too.
    assert LONG in _text(dm.get(f"/assessments/{assessment.pk}/summary.pdf"))


def test_what_is_frozen_is_what_the_page_and_the_pdf_showed(people, organisation):
    assessment = _awaiting_sign_off(people, organisation)
    shown = summary.decision_summary(assessment)
    builders.sign(people, assessment)
    assessment.refresh_from_db()
    record = assessment.sign_off_record
    assert record.snapshot == summary.canonical(shown)
    assert record.content_hash == summary.content_hash(shown)
    assert record.snapshot["adverse"][0]["who"] == LONG
    assert record.snapshot["facts"]["title"] == "Hawford library"
    assert record.snapshot["glance"]["adverse"] == 1
    officer = Client()
    officer.force_login(people["officer"])
    pdf = _text(officer.get(f"/assessments/{assessment.pk}/sign-off/summary.pdf"))
    assert LONG in pdf
    # The page of what was signed reads the snapshot's dates (ISO strings) as GOV.UK dates.
    seen = officer.get(f"/assessments/{assessment.pk}/sign-off/record/").content.decode()
    due = assessment.actions.get(kind="mitigation").target_date
    assert LONG in seen and f"{due.day} {due:%B %Y}" in seen
    assert record.decision_maker_name in pdf and "Signed off" in pdf
