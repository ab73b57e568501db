"""Drafts of long sections (issue 13, "never lose typed work"), through HTTP: the endpoint
saves and overwrites the person's own draft, refuses what the page would refuse (another
organisation's record is a 404, someone who may not edit gets a 403, text over its limit is
refused whole), never answers a 500; the page offers the draft back, restores it without
saving, discards it; the draft goes when the form is saved, when the assessment leaves the
authors' stages, and after the retention period."""

import datetime
import json

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from eia.audit import head
from eia.authorization import Role
from eia.limits import LONG_TEXT
from eia.models import Draft, FullAssessment
from eia.services import co_authors
from eia.services import drafts as draft_services
from eia.services import screening as screening_services
from eia.services import sections as section_services
from tests.factories import UserFactory
from tests.support import builders
from tests.support.screening_answers import answers_for, as_post_data
from workflows import services
from workflows.views.drafts import DRAFT_BODY_BYTES

pytestmark = pytest.mark.django_db

PROPOSAL = "full/proposal/"


def _client(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _full(people, organisation):
    assessment = builders.at_screening_review(people, organisation)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


@pytest.fixture
def full(people, organisation):
    return _full(people, organisation)


def _draft(client, assessment, page=PROPOSAL, **fields):
    data = {"page": page, "seen": head(assessment)} | fields
    return client.post(f"/assessments/{assessment.pk}/draft/", data)


def test_a_draft_is_saved_and_overwritten_with_a_time_the_page_can_say(people, full):
    pm = _client(people["pm"])
    first = _draft(pm, full, aims="My first words about the aims")
    assert first.status_code == 200
    answer = first.json()
    assert answer["saved"] is True
    assert answer["message"].startswith("Draft saved at ")
    second = _draft(pm, full, aims="My second words", budget="A saving of £2m")
    assert second.status_code == 200
    draft = Draft.objects.get()
    assert draft.user == people["pm"]
    assert draft.page == PROPOSAL
    assert draft.fields == {"aims": "My second words", "budget": "A saving of £2m"}
    # A draft is not the record: no audit event, no content.
    assert full.audit_events.filter(sequence__gt=draft.seen).count() == 0
    assert not FullAssessment.objects.filter(assessment=full, aims="My second words").exists()


def test_a_draft_over_the_limit_is_refused_whole_with_a_message(people, full):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Kept")
    response = _draft(pm, full, aims="x" * (LONG_TEXT + 1))
    assert response.status_code == 400
    answer = response.json()
    assert answer["saved"] is False
    assert f"must be {LONG_TEXT:,} or fewer" in answer["message"]
    assert "not saved" in answer["message"]
    assert Draft.objects.get().fields == {"aims": "Kept"}  # nothing cut, nothing overwritten


def test_another_organisations_assessment_is_a_404(people, full, other_organisation):
    stranger = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD])
    response = _draft(_client(stranger), full, aims="Not mine")
    assert response.status_code == 404
    assert response.json()["saved"] is False
    assert not Draft.objects.exists()


@pytest.mark.parametrize("who", ["officer", "lead", "dm", "other_pm"])
def test_someone_who_may_not_edit_the_section_is_refused(people, full, organisation, who):
    user = (
        UserFactory(organisation=organisation, roles=[Role.PROJECT_MANAGER])
        if who == "other_pm"
        else people[who]
    )
    response = _draft(_client(user), full, aims="Not theirs to write")
    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_a_section_outside_the_authors_stages_is_refused(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    response = _draft(_client(people["pm"]), assessment, aims="Too late")
    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_get_is_refused(people, full):
    assert _client(people["pm"]).get(f"/assessments/{full.pk}/draft/").status_code == 405


def test_the_draft_endpoint_needs_the_csrf_token(people, full):
    pm = _client(people["pm"], enforce_csrf_checks=True)
    assert _draft(pm, full, aims="No token").status_code == 403
    assert not Draft.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"page": ""},
        {"page": "full/no-such-page/", "aims": "x"},
        {"page": "../../../etc/passwd", "aims": "x"},
        {"page": "full/proposal/?next=//evil.example", "aims": "x"},
        {"page": "full/proposal/\n", "aims": "x"},
        {"page": "x" * 300, "aims": "x"},
        {"page": "full/evidence/", "completed": "yes"},  # a page with no long text
        {"page": PROPOSAL, "no_such_field": "x"},
        {"page": PROPOSAL, "aims": "x", "seen": "not a number"},
        {"page": PROPOSAL, "aims": "x", "seen": "-1"},
        {"page": PROPOSAL, "aims": ["one", "two"]},
    ],
)
def test_bad_input_is_a_clear_json_error_never_a_500(people, full, data):
    response = _client(people["pm"]).post(f"/assessments/{full.pk}/draft/", data)
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert response.json()["message"]
    assert not Draft.objects.exists()


def test_bad_bodies_are_refused_never_a_500(people, full):
    pm = _client(people["pm"])
    url = f"/assessments/{full.pk}/draft/"
    as_json = pm.post(url, json.dumps({"page": PROPOSAL, "aims": "x"}), "application/json")
    assert as_json.status_code == 400
    broken = pm.post(url, "{not json", "application/json")
    assert broken.status_code == 400
    garbled = pm.post(url, b"\xff\xfe\x00", "multipart/form-data; boundary=xyz")
    assert garbled.status_code == 400
    huge = pm.post(url, {"page": PROPOSAL, "aims": "x" * (DRAFT_BODY_BYTES + 10)})
    assert huge.status_code == 413
    assert not Draft.objects.exists()


def test_a_person_has_at_most_so_many_drafts(people, full):
    for number in range(draft_services.DRAFTS_PER_PERSON):
        draft_services.save_draft(
            by=people["pm"],
            assessment=full,
            page=f"elsewhere/{number}/",
            fields={},
            limits={},
            seen=0,
        )
    pm = _client(people["pm"])
    refused = _draft(pm, full, aims="One too many")
    assert refused.status_code == 400
    assert "unsaved drafts" in refused.json()["message"]
    # An existing draft can still be kept up to date.
    Draft.objects.filter(page="elsewhere/0/").update(page=PROPOSAL)
    assert _draft(pm, full, aims="Still kept").status_code == 200


def test_the_page_offers_the_draft_and_restores_it_without_saving(people, full):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Words I typed before the crash")
    page = pm.get(f"/assessments/{full.pk}/{PROPOSAL}").content.decode()
    assert "You have a draft from" in page
    assert "that was not saved" in page
    assert "Restore the draft" in page
    assert "Discard the draft" in page
    assert "Words I typed before the crash" not in page  # offered, not filled in
    assert 'data-draft-page="full/proposal/"' in page
    restored = pm.get(f"/assessments/{full.pk}/{PROPOSAL}?draft=restore").content.decode()
    assert "Words I typed before the crash</textarea>" in restored
    assert "It is not saved yet" in restored
    assert "What is saved now" not in restored  # nothing changed since
    assert not FullAssessment.objects.filter(assessment=full, aims__contains="crash").exists()
    assert Draft.objects.count() == 1  # restoring keeps the draft until the page is saved


def test_nobody_else_sees_a_draft(people, full, organisation):
    co_author = UserFactory(organisation=organisation, roles=[Role.PROJECT_MANAGER])
    co_authors.add_co_author(assessment_id=full.pk, by=people["pm"], user_id=co_author.pk)
    _draft(_client(people["pm"]), full, aims="Private words")
    for user in (co_author, people["officer"], people["lead"]):
        for url in (PROPOSAL, f"{PROPOSAL}?draft=restore"):
            page = _client(user).get(f"/assessments/{full.pk}/{url}").content.decode()
            assert "Private words" not in page
            assert "You have a draft" not in page
    for url in ("", "whole/", "summary.pdf", "audit-trail.csv"):
        response = _client(people["lead"]).get(f"/assessments/{full.pk}/{url}")
        body = b"".join(response) if response.streaming else response.content
        assert b"Private words" not in body


def test_a_change_since_the_draft_is_said_and_shown_beside_it(people, full, organisation):
    co_author = UserFactory(organisation=organisation, roles=[Role.PROJECT_MANAGER])
    co_authors.add_co_author(assessment_id=full.pk, by=people["pm"], user_id=co_author.pk)
    pm = _client(people["pm"])
    _draft(pm, full, aims="My draft of the aims")
    section_services.save_proposal(
        assessment_id=full.pk,
        seen=head(full),
        by=co_author,
        data={"aims": "The co-author's saved aims"},
    )
    page = pm.get(f"/assessments/{full.pk}/{PROPOSAL}").content.decode()
    assert f"{co_author.display_name} changed this on" in page
    assert "after you started the draft" in page
    restored = pm.get(f"/assessments/{full.pk}/{PROPOSAL}?draft=restore").content.decode()
    assert "What is saved now" in restored
    assert "The co-author&#x27;s saved aims" in restored
    assert "My draft of the aims</textarea>" in restored
    # Saving the restored page keeps the person's text, as after a 409.
    seen = int(restored.split('name="seen" value="')[1].split('"')[0])
    saved = pm.post(f"/assessments/{full.pk}/{PROPOSAL}", {"seen": seen, "aims": "Merged aims"})
    assert saved.status_code == 302
    full.refresh_from_db()
    assert full.full.aims == "Merged aims"
    assert not Draft.objects.exists()


def test_discarding_the_draft_deletes_it_and_goes_back_to_the_page(people, full):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Not wanted")
    response = pm.post(f"/assessments/{full.pk}/draft/discard/", {"page": PROPOSAL})
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{full.pk}/{PROPOSAL}"
    assert not Draft.objects.exists()
    page = pm.get(response["Location"]).content.decode()
    assert "Draft discarded." in page
    assert "You have a draft" not in page
    assert pm.get(f"/assessments/{full.pk}/draft/discard/").status_code == 405
    bad = pm.post(f"/assessments/{full.pk}/draft/discard/", {"page": "//evil.example/"})
    assert bad.status_code == 400


def test_one_person_cannot_discard_anothers_draft(people, full, organisation):
    _draft(_client(people["pm"]), full, aims="Mine")
    _client(people["officer"]).post(f"/assessments/{full.pk}/draft/discard/", {"page": PROPOSAL})
    assert Draft.objects.count() == 1


def test_saving_the_form_deletes_its_draft_and_a_409_keeps_it(people, full):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Draft")
    _draft(pm, full, page="full/impacts/disability/", who_affected="Another form's draft")
    stale = head(full)
    section_services.save_proposal(
        assessment_id=full.pk, seen=stale, by=people["pm"], data={"budget": "Elsewhere"}
    )
    conflict = pm.post(f"/assessments/{full.pk}/{PROPOSAL}", {"seen": stale, "aims": "Mine"})
    assert conflict.status_code == 409
    assert Draft.objects.filter(page=PROPOSAL).exists()
    saved = pm.post(f"/assessments/{full.pk}/{PROPOSAL}", {"seen": head(full), "aims": "Mine"})
    assert saved.status_code == 302
    assert list(Draft.objects.values_list("page", flat=True)) == ["full/impacts/disability/"]


def test_drafts_go_when_the_assessment_leaves_the_authors_stages(people, full, organisation):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Draft")
    _draft(pm, full, page="full/impacts/disability/", who_affected="Draft")
    assert Draft.objects.count() == 2
    builders.submit_full(people, full)
    assert not Draft.objects.exists()


def test_drafts_older_than_the_retention_period_are_purged(people, full, capsys):
    pm = _client(people["pm"])
    _draft(pm, full, aims="Old")
    _draft(pm, full, page="full/conclusion/", monitoring="Recent")
    old = timezone.now() - draft_services.DRAFT_RETENTION - datetime.timedelta(minutes=1)
    Draft.objects.filter(page=PROPOSAL).update(saved_at=old)
    call_command("purge_drafts")
    assert "Deleted 1 draft." in capsys.readouterr().out
    assert list(Draft.objects.values_list("page", flat=True)) == ["full/conclusion/"]


def test_the_admin_shows_no_draft(people, full):
    assert Draft not in admin.site._registry


def test_the_screening_keeps_a_draft_until_it_is_saved(people, organisation):
    assessment = builders.started(people, organisation)
    answers = answers_for("screened_out_with_mitigation")
    screening_services.save_screening_answers(
        assessment_id=assessment.pk, seen=head(assessment), by=people["pm"], answers=answers
    )
    pm = _client(people["pm"])
    response = _draft(pm, assessment, page="screening/", mitigation="Paper forms stay")
    assert response.status_code == 200, response.content
    page = pm.get(f"/assessments/{assessment.pk}/screening/").content.decode()
    assert "You have a draft from" in page
    restored = pm.get(f"/assessments/{assessment.pk}/screening/?draft=restore").content.decode()
    assert "Paper forms stay</textarea>" in restored
    # A section of the full assessment cannot be drafted at screening, as it cannot be saved.
    assert _draft(pm, assessment, aims="Too early").status_code == 403
    saved = pm.post(
        f"/assessments/{assessment.pk}/screening/",
        as_post_data(answers | {"mitigation": "Paper forms stay"})
        | {"seen": head(assessment), "action": "save"},
    )
    assert saved.status_code == 302
    assert not Draft.objects.exists()


def test_an_impact_page_and_a_missing_group(people, full):
    pm = _client(people["pm"])
    ok = _draft(pm, full, page="full/impacts/disability/", who_affected="Blue badge holders")
    assert ok.status_code == 200
    assert _draft(pm, full, page="full/impacts/no-such-group/", who_affected="x").status_code == 404
