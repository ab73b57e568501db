"""Returns that are easy to follow: the "Returned" tag and the officer's comments stay with the
record while the authors work, the resubmission goes back to the officer who returned it, and
that officer sees what the authors changed since."""

import pytest

from eia.audit import head
from eia.authorization import Role
from eia.events import EventType
from eia.services import sections
from workflows import services

pytestmark = pytest.mark.django_db


def _returned_with_section_comment(journey):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    j.review_screening("full_assessment", reasons="Major impact.")
    j.submit()  # the full assessment
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    j.as_("officer").post(
        j.url("review/"),
        j.stale_guard()
        | {
            "decision": "return",
            "comment": "Nearly there.",
            "section_proposal": "Say which branches close and when.",
        },
    )
    j.expect("full_assessment", holder="pm", event=EventType.ASSESSMENT_RETURNED)
    return j


def test_the_returned_tag_and_section_comments_stay_while_the_author_edits(journey):
    j = _returned_with_section_comment(journey)
    # The author edits a section: the return is no longer the newest event, but still shown.
    sections.save_proposal(
        assessment_id=j.assessment.pk,
        seen=head(j.refresh()),
        by=j.people["pm"],
        data={"aims": "Keep every branch open three days a week, Millbrook from May."},
    )
    page = j.as_("pm").client.get(j.url("")).content.decode()
    assert 'govuk-tag--red">Returned</strong>' in page
    assert "Nearly there." in page
    assert "Say which branches close and when." in page
    assert f'href="/assessments/{j.assessment.pk}/full/proposal/"' in page
    tasks = j.client.get("/tasks/").content.decode()
    assert "Returned</strong>" in tasks


def test_a_resubmission_goes_back_to_the_officer_who_returned_it(journey):
    j = _returned_with_section_comment(journey)
    sections.save_proposal(
        assessment_id=j.assessment.pk,
        seen=head(j.refresh()),
        by=j.people["pm"],
        data={"aims": "Keep every branch open three days a week."},
    )
    j.submit()
    j.expect("officer_review", holder="officer", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    last = j.assessment.audit_events.order_by("-sequence").first()
    assert last.details["assigned_to"] == j.people["officer"].display_name
    # Another officer does not find it in the queue; the returning officer may release it.
    queue = j.as_("officer2").client.get("/tasks/team/").content.decode()
    assert j.assessment.title not in queue
    services.release_task(task_id=j.task().pk, by=j.people["officer"])
    j.expect("officer_review", holder="queue", event=EventType.TASK_RELEASED)


def test_the_officer_sees_what_changed_since_the_return(journey, make_user, other_organisation):
    j = _returned_with_section_comment(journey)
    sections.save_proposal(
        assessment_id=j.assessment.pk,
        seen=head(j.refresh()),
        by=j.people["pm"],
        data={"aims": "Keep every branch open three days a week."},
    )
    j.submit()
    review = j.as_("officer").client.get(j.url("review/")).content.decode()
    assert "returned this on" in review and "Since then the authors made 1 change" in review
    changes = j.client.get(j.url("since-return/")).content.decode()
    assert "Keep every branch open three days a week." in changes
    # Another organisation's officer gets a 404, as everywhere.
    stranger = make_user(Role.EQUALITY_OFFICER, organisation=other_organisation)
    assert j.as_(stranger).client.get(j.url("since-return/")).status_code == 404
    j.as_("officer")
    j.review("approve")
    assert j.client.get(j.url("since-return/")).status_code == 404


def test_after_a_referral_the_review_goes_to_the_queue(journey):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    j.review_screening("full_assessment", reasons="Major impact.")
    j.submit()
    j.review("approve")
    j.sign_off("refer_back", comment="What about carers?")
    j.submit()
    # The officer approved it last time: a referral from sign-off goes to the whole team.
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)


def test_a_deactivated_returner_leaves_the_resubmission_in_the_queue(journey):
    j = _returned_with_section_comment(journey)
    officer = j.people["officer"]
    officer.is_active = False
    officer.save()
    j.submit()
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)
