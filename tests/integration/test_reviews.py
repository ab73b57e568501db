"""A review starts from the content of the version it reviews, as a draft the author confirms
section by section; a review that ends screened out carries none of the earlier full assessment
into its summary, sign-off or publication."""

import pytest
from django.test import Client

from eia import summary
from eia.audit import head
from eia.models import Assessment
from eia.redaction import public_record
from eia.register.links import record_url
from eia.services import screening as screening_services
from eia.services import sections as sections_services
from tests.support import builders
from tests.support.content import sign_and_publish
from tests.support.pdfs import pdf_text
from tests.support.screening_answers import answers_for
from workflows import presenters, services

pytestmark = pytest.mark.django_db


def _review(people, organisation, *, outcome):
    first = builders.published(people, organisation, title="Hawford library closure")
    assert first.impacts.filter(size="major").exists()
    review = services.start_review(assessment_id=first.pk, seen=head(first), by=people["pm"])
    screening_services.save_screening_answers(
        assessment_id=review.pk, by=people["pm"], seen=head(review), answers=answers_for(outcome)
    )
    review = services.submit_screening(assessment_id=review.pk, seen=head(review), by=people["pm"])
    reasons = "No longer relevant." if outcome == "screened_out" else "Still a major impact."
    return services.review_screening(
        assessment_id=review.pk,
        seen=head(review),
        by=people["officer"],
        decision=services.ScreeningDecision(outcome, reasons),
    )


def test_a_review_screened_out_shows_none_of_version_ones_impacts(people, organisation):
    review = _review(people, organisation, outcome="screened_out")
    assert review.impacts.exists()  # the copied content is still there, unused
    shown = summary.decision_summary(review)
    assert shown["screened_out"] and shown["adverse"] == [] and shown["actions"] == []
    assert shown["glance"]["adverse"] == 0
    dm = Client()
    dm.force_login(people["dm"])
    page = dm.get(f"/assessments/{review.pk}/sign-off/").content.decode()
    assert "Screened out: no full assessment" in page
    assert "Major" not in page and "Disabled people who cannot travel" not in page
    assert "The assessment records no adverse impact." in page  # the attestation
    sign_pdf = pdf_text(dm.get(f"/assessments/{review.pk}/sign-off/summary.pdf").content)
    assert "Adverse impacts: 0 (0 major)" in sign_pdf and "(major)" not in sign_pdf

    published = sign_and_publish(people, review)
    assert published.sign_off_record.accepted_impacts == []
    record = public_record(published)
    assert record.impacts == () and record.actions == () and record.engagement == ()
    assert record.is_screening_decision
    public = Client()
    page = public.get(record_url(record)).content.decode()
    assert "Disabled people who cannot travel" not in page and ">Major<" not in page
    for kind in ("summary_pdf", "full_pdf"):
        text = pdf_text(public.get(record_url(record, kind)).content)
        assert "Disabled people who cannot travel" not in text
        assert "(major)" not in text and ": major" not in text.lower()


def test_a_review_shows_each_copied_section_as_check_and_confirm(people, organisation):
    review = _review(people, organisation, outcome="full_assessment")
    rows = {row.id: row.status for row in presenters.task_list(review)}
    assert rows["impacts"] == presenters.CHECK
    assert rows["evidence"] == presenters.CHECK
    sections_services.mark_section(
        assessment_id=review.pk,
        by=people["pm"],
        seen=head(review),
        section="impacts",
        completed=True,
    )
    review = Assessment.objects.get(pk=review.pk)
    rows = {row.id: row.status for row in presenters.task_list(review)}
    assert rows["impacts"] == presenters.COMPLETED and rows["evidence"] == presenters.CHECK
    author = Client()
    author.force_login(people["pm"])
    page = author.get(f"/assessments/{review.pk}/").content.decode()
    assert "Check and confirm" in page
