"""Sign-off freezes the pipeline facts the decision-maker saw: published pages, PDFs and
downloads read the frozen facts, and a later change (the admin's included) marks the record
"changed since sign-off" until it is signed again or an officer records why it need not be."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from eia.errors import NotAllowed
from eia.events import EventType
from eia.facts import facts_status
from eia.redaction import public_record
from eia.register.links import record_url
from eia.services.pipeline import change_item
from eia.services.signoff import explain_fact_change
from tests.integration.register.support import body
from tests.support import builders
from tests.support.content import publish_review

pytestmark = pytest.mark.django_db


def _fresh(assessment):
    assessment.refresh_from_db()
    return assessment


def _status(assessment):
    assessment.refresh_from_db()
    return facts_status(assessment)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_an_admin_edit_of_a_published_title_leaves_the_frozen_title_and_a_notice(
    people, organisation
):
    published = builders.published(people, organisation, title="Hawford library closure")
    item = published.pipeline_item
    lead = people["lead"]
    lead.is_staff = True
    lead.save()
    response = _client(lead).post(
        f"/admin/eia/pipelineitem/{item.pk}/change/",
        builders.admin_item_form(item, title="Hawford library reshaping"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    public = Client()
    url = record_url(public_record(published))
    page = public.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Hawford library closure</h1>' in page
    assert "Changed since sign-off" in page
    assert "Title: now “Hawford library reshaping” (signed as “Hawford library closure”)" in page
    assert "It awaits a fresh sign-off" in page
    event = published.audit_events.order_by("-sequence").first()
    assert event.event_type == EventType.PIPELINE_CHANGED
    assert event.details["changes"]["title"] == [
        "Hawford library closure",
        "Hawford library reshaping",
    ]
    # Every public output reads the frozen facts.
    assert public_record(published).title == "Hawford library closure"
    pdf = _pdf_text(public.get(record_url(public_record(published), "summary_pdf")))
    assert "Hawford library closure" in pdf and "Changed since sign-off" in pdf
    download = public.get(reverse("register:csv"), {"organisation": organisation.slug})
    csv = body(download).decode("utf-8-sig")
    assert "Hawford library closure" in csv and "Hawford library reshaping" not in csv
    # The officers and the decision-maker are told, with what changed.
    officer_page = _client(people["officer"]).get(f"/assessments/{published.pk}/").content
    assert b"Changed since sign-off" in officer_page
    assert b"Record why no fresh sign-off is needed" in officer_page
    dm_page = _client(people["dm"]).get(f"/assessments/{published.pk}/sign-off/record/")
    assert b"Hawford library reshaping" in dm_page.content
    assert b"Changed since sign-off" in dm_page.content


def test_an_officer_records_why_and_a_further_change_flags_it_again(people, organisation):
    published = builders.published(people, organisation, title="Hawford library closure")
    item = published.pipeline_item
    change_item(item_id=item.pk, by=people["lead"], changes={"title": "Hawford library: closure"})
    assert _status(published).needs_attention

    response = _client(people["officer"]).post(
        f"/assessments/{published.pk}/sign-off/changed/",
        {"reason": "A punctuation fix: the decision is the same."},
    )
    assert response.status_code == 302
    status = _status(published)
    assert status.changed and not status.needs_attention
    event = published.audit_events.order_by("-sequence").first()
    assert event.event_type == EventType.FACTS_CHANGE_EXPLAINED
    assert event.comment == "A punctuation fix: the decision is the same."
    assert event.details["changes"]["title"] == [
        "Hawford library closure",
        "Hawford library: closure",
    ]
    page = Client().get(record_url(public_record(published))).content.decode()
    assert "recorded why this does not need a fresh sign-off" in page
    assert "A punctuation fix" not in page  # officers' words stay internal

    change_item(item_id=item.pk, by=people["lead"], changes={"decision_body": "Full Council"})
    assert _status(published).needs_attention


def test_only_an_officer_records_a_reason(people, organisation):
    published = builders.published(people, organisation)
    change_item(item_id=published.pipeline_item_id, by=people["lead"], changes={"title": "New"})
    with pytest.raises(NotAllowed):
        explain_fact_change(assessment_id=published.pk, by=people["pm"], reason="Fine.")
    page = _client(people["pm"]).get(f"/assessments/{published.pk}/").content
    assert b"Record why no fresh sign-off is needed" not in page


def test_the_public_is_told_an_officer_fact_changed_but_not_who(people, organisation):
    published = builders.published(people, organisation)
    change_item(
        item_id=published.pipeline_item_id, by=people["lead"], changes={"owner": people["lead"]}
    )
    page = Client().get(record_url(public_record(published))).content.decode()
    assert "Owner changed" in page
    assert people["lead"].display_name not in page


def test_a_fresh_sign_off_of_a_review_settles_the_earlier_versions_flag(people, organisation):
    first = builders.published(people, organisation, title="Hawford library closure")
    change_item(
        item_id=first.pipeline_item_id, by=people["lead"], changes={"title": "Hawford library"}
    )
    assert _status(first).needs_attention
    second = publish_review(people, first)
    status = _status(first)
    assert status.changed and status.signed_again and not status.needs_attention
    assert second.sign_off_record.snapshot["facts"]["title"] == "Hawford library"
    assert not _status(second).changed
    page = Client().get(record_url(public_record(_fresh(first)))).content.decode()
    assert "A later version has been signed off" in page
