"""PDFs for the committee report, before publication: redacted as the public register is,
marked as drafts, and only for the organisation."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from eia.authorization import Role
from eia.services import comments as comments_services
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_draft_summary_pdf_for_the_committee_report(organisation):
    people = builders.team(organisation)
    assessment = builders.at_officer_review(people, organisation, title="Hawford library closure")
    comments_services.add_comment(
        assessment_id=assessment.pk, by=people["officer"], text="INTERNAL-MARKER-COMMENT"
    )
    client = Client()
    client.force_login(people["dm"])
    text = _text(client.get(f"/assessments/{assessment.pk}/summary.pdf"))
    assert "Hawford library closure" in text
    assert "Draft" in text
    assert "Disab" in text  # the adverse impact's group
    assert "INTERNAL-MARKER-COMMENT" not in text
    full = _text(client.get(f"/assessments/{assessment.pk}/full.pdf"))
    assert "Run a mobile library with a wheelchair lift" in full


def test_another_organisation_gets_404_for_the_pdfs(organisation):
    people = builders.team(organisation)
    assessment = builders.at_officer_review(people, organisation)
    client = Client()
    client.force_login(UserFactory(organisation=OrganisationFactory(), roles=[Role.EQUALITY_LEAD]))
    for kind in ("summary", "full"):
        assert client.get(f"/assessments/{assessment.pk}/{kind}.pdf").status_code == 404
    assert Client().get(f"/assessments/{assessment.pk}/summary.pdf").status_code == 302  # sign in
