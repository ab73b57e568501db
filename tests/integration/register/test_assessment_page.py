"""One published assessment: its page and its PDFs."""

import io

import pypdf
import pytest

from eia.models import EvidenceItem
from tests.integration.register.support import url_of
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def test_assessment_page_shows_the_published_record(client, register):
    html = client.get(url_of(register["library"])).content.decode()
    for text in (
        "Hawford library opening hours",
        "Libraries and Culture",
        "Full assessment required",
        "Major impact on disabled people.",
        "Library user survey 2026",
        "We do not know how carers use the library.",
        "Northshire Disability Forum",
        "Disability: negative (major)",
        "Run a mobile library with a wheelchair lift",
        "Head of Libraries",
        "Adjust the proposal",
        "Equality implications",
        "not tagged for screen readers",
        "<caption",
    ):
        assert text in html, text
    assert 'href="' + url_of(register["library"], "summary.pdf") + '"' in html
    assert 'href="' + url_of(register["library"], "full.pdf") + '"' in html


def test_screening_decision_page_shows_reasons_and_mitigation(client, register):
    html = client.get(url_of(register["parking"])).content.decode()
    assert "Screening decision, version 1" in html
    assert "Screened out with mitigation" in html
    assert "Minor impact on older drivers, mitigated." in html
    assert "Blue badge bays stay free." in html
    assert "What the screening rules found" in html


def test_user_text_is_escaped_and_only_web_links_are_links(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(
        people, organisation, title='<script>alert("x")</script> & <b>bold'
    )
    EvidenceItem.objects.create(
        assessment=assessment, title="Trick", shows="<img src=x>", link="javascript:alert(1)"
    )
    html = client.get(url_of(assessment)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html
    assert "<img src=x>" not in html
    assert 'href="javascript:' not in html


def test_public_evidence_files_are_linked_without_their_names(client, organisation):
    people = builders.team(organisation)
    # Evidence belongs to a full assessment: a screened-out record publishes none.
    assessment = builders.published(people, organisation)
    public = EvidenceItem.objects.create(
        assessment=assessment,
        title="Survey results",
        shows="Shows.",
        file="evidence/2026/01/abc123.pdf",
        file_name="zq-person-name.pdf",
        file_size=2048,
    )
    internal = EvidenceItem.objects.create(
        assessment=assessment,
        title="Internal file",
        shows="Shows.",
        is_public=False,
        file="evidence/2026/01/def456.pdf",
        file_name="internal.pdf",
    )
    html = client.get(url_of(assessment)).content.decode()
    assert f'href="/public/evidence/{public.pk}/"' in html
    assert "2.0\xa0KB" in html
    assert "zq-person-name" not in html
    assert f"/public/evidence/{internal.pk}/" not in html
    assert "Internal file" not in html


def test_references_with_slashes_and_spaces_have_working_addresses(client, organisation):
    people = builders.team(organisation)
    assessment = content.published_screened_out(
        people, organisation, reference="NCC/2026 014", title="Odd reference"
    )
    index = client.get("/public/").content.decode()
    assert f'href="/public/{organisation.slug}/NCC/2026%20014/v1/"' in index
    assert client.get(url_of(assessment)).status_code == 200
    assert client.get(url_of(assessment, "summary.pdf")).status_code == 200
    response = client.get(url_of(assessment, "full.pdf"))
    assert response["Content-Disposition"].endswith('-ncc2026-014-v1-full.pdf"')


def test_pdfs_are_served_inline(client, register):
    for suffix, kind in (("summary.pdf", "summary"), ("full.pdf", "full")):
        response = client.get(url_of(register["library"], suffix))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        reference = register["library"].pipeline_item.reference.lower()
        assert response["Content-Disposition"] == (
            f'inline; filename="{register["library"].organisation.slug}-{reference}-v1-{kind}.pdf"'
        )
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert "Hawford library opening hours" in text
        assert "Head of Libraries" in text or kind == "summary"


def test_a_document_too_large_for_a_pdf_is_a_readable_page(client, organisation):
    people = builders.team(organisation)
    assessment = builders.published(people, organisation, title="Enormous record")
    EvidenceItem.objects.bulk_create(
        EvidenceItem(assessment=assessment, title=f"Evidence {n}", shows="word " * 1000)
        for n in range(90)
    )
    response = client.get(url_of(assessment, "full.pdf"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is no PDF of this assessment" in html
    assert "too much text" in html
    assert f'href="{url_of(assessment)}"' in html
    # The summary never cuts either, so it too is the readable page.
    assert client.get(url_of(assessment, "summary.pdf")).status_code == 422
