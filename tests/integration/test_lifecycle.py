"""Every path of the lifecycle, through HTTP, as the people who should act.

After every step: the record's state, who holds the active task, and the audit event written.
Journey.expect() also checks the invariant that the active viewflow task is exactly the task of
the record's stage (workflows.services.moves.check_consistent).
"""

import datetime

import pytest
from django.core import mail
from viewflow.workflow.status import PROCESS

from eia.events import EventType
from eia.models import State
from tests.factories import PipelineItemFactory
from tests.support import builders

from .conftest import process_status

pytestmark = pytest.mark.django_db


def test_screened_out_without_rurality_goes_straight_to_sign_off(journey):
    j = journey.start()
    j.expect("screening", holder="pm", event=EventType.ASSESSMENT_STARTED)
    j.answer_screening(rurality=False, outcome="screened_out")
    j.expect("screening", holder="pm", event=EventType.SECTION_EDITED)
    j.submit()
    j.expect(
        "screening_review",
        holder="queue",
        event=EventType.SCREENING_SUBMITTED,
        from_state="screening",
    )
    j.review_screening("screened_out", reasons="No differential impact: a back-office change.")
    j.expect("awaiting_sign_off", holder="dm", event=EventType.SCREENING_CONFIRMED_OUT)
    assert j.refresh().screening_outcome == "screened_out"
    j.sign_off()
    j.expect("signed_off", holder="queue", event=EventType.SIGNED_OFF)
    j.publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)
    assert process_status(j.assessment) == PROCESS.DONE
    assert j.refresh().review_date is not None


def test_screened_out_with_mitigation_and_rurality_proofing(journey):
    j = journey.start().answer_screening(rurality=True, outcome="screened_out_with_mitigation")
    j.submit()
    j.review_screening(
        "screened_out_with_mitigation",
        reasons="Minor impact on older people.",
        mitigation="Paper forms stay available on request.",
    )
    j.expect("rurality_proofing", holder="pm", event=EventType.SCREENING_CONFIRMED_OUT)
    assert j.refresh().mitigation_summary == "Paper forms stay available on request."
    assert j.assessment.screening_outcome == "screened_out_with_mitigation"
    j.submit()
    # Screened out: the officer already confirmed it, so rurality findings go to sign-off.
    j.expect(
        "awaiting_sign_off",
        holder="dm",
        event=EventType.RURALITY_PROOFING_SUBMITTED,
        from_state="rurality_proofing",
    )
    j.sign_off().publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)


def test_screened_out_with_mitigation_needs_the_mitigation(journey):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    response = j.as_("officer").client.post(
        j.url("review-screening/"),
        j.stale_guard() | {"decision": "screened_out_with_mitigation", "reasons": "x"},
    )
    assert response.status_code == 400
    assert "Enter the mitigation" in response.content.decode()
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)


def test_screened_in_without_rurality(journey):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    j.review_screening("full_assessment", reasons="Major impact on disabled people.")
    j.expect("full_assessment", holder="pm", event=EventType.SCREENING_CONFIRMED_FULL)
    j.submit()
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    j.review("approve")
    j.expect("awaiting_sign_off", holder="dm", event=EventType.ASSESSMENT_APPROVED)
    j.sign_off()
    j.expect("signed_off", holder="queue", event=EventType.SIGNED_OFF)
    j.publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)


def test_screened_in_with_rurality(journey):
    j = journey.start().answer_screening(rurality=True)
    j.submit()
    j.review_screening("full_assessment", reasons="Library closures affect rural areas.")
    j.submit()  # the full assessment with its rurality proofing: one submission
    j.expect(
        "officer_review",
        holder="queue",
        event=EventType.FULL_ASSESSMENT_SUBMITTED,
        from_state="full_assessment",
    )
    j.review("approve").sign_off().publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)
    events = list(j.assessment.audit_events.values_list("event_type", flat=True))
    assert EventType.RURALITY_PROOFING_SUBMITTED not in events


def test_every_return_loop(journey):
    j = journey.start().answer_screening(rurality=True)
    j.submit()
    j.review_screening("return", reasons="Say which branches close.")
    j.expect("screening", holder="pm", event=EventType.SCREENING_RETURNED)
    page = j.as_("pm").client.get(j.url("")).content.decode()
    assert "Returned for changes" in page and "Say which branches close." in page
    j.submit()
    j.review_screening("full_assessment", reasons="Major impact.")
    j.submit()  # the full assessment with its rurality proofing
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    j.review("return", comment="Add the bus timetable evidence.")
    j.expect(
        "full_assessment",
        holder="pm",
        event=EventType.ASSESSMENT_RETURNED,
        from_state="officer_review",
    )
    j.submit()
    j.expect("officer_review", holder="officer", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    j.review("approve")
    j.sign_off("refer_back", comment="What about carers?")
    j.expect(
        "full_assessment",
        holder="pm",
        event=EventType.REFERRED_BACK,
        from_state="awaiting_sign_off",
    )
    j.submit()
    j.review("approve").sign_off().publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)
    events = list(j.assessment.audit_events.values_list("event_type", flat=True))
    assert events.count(EventType.FULL_ASSESSMENT_SUBMITTED) == 3
    assert EventType.RURALITY_PROOFING_SUBMITTED not in events


def test_refer_back_on_screened_out_path_returns_to_screening(journey):
    j = journey.start().answer_screening(rurality=False, outcome="screened_out")
    j.submit()
    j.review_screening("screened_out", reasons="No impact.")
    j.sign_off("refer_back", comment="I am not convinced: consult the disability forum.")
    j.expect("screening", holder="pm", event=EventType.REFERRED_BACK)
    j.submit()
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)


def test_return_without_comment_is_refused_and_nothing_moves(journey):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    j.review_screening("full_assessment")
    j.submit()
    response = j.as_("officer").client.post(
        j.url("review/"), j.stale_guard() | {"decision": "return", "comment": "  "}
    )
    assert response.status_code == 400
    assert "Enter comments for the author" in response.content.decode()
    j.expect("officer_review", holder="queue", event=EventType.FULL_ASSESSMENT_SUBMITTED)


@pytest.mark.parametrize(
    "stop_at",
    [
        "screening",
        "screening_review",
        "full_assessment",
        "rurality_proofing",
        "officer_review",
        "awaiting_sign_off",
    ],
)
def test_withdrawal_from_every_unfinished_state(journey, stop_at):
    # Rurality proofing is a stage of its own only on a screened-out proposal's short path.
    decision = "screened_out" if stop_at == "rurality_proofing" else "full_assessment"
    j = journey.start().answer_screening(rurality=True, outcome=decision)
    steps = [
        ("screening_review", lambda: j.submit()),
        (
            "rurality_proofing" if stop_at == "rurality_proofing" else "full_assessment",
            lambda: j.review_screening(decision),
        ),
        ("officer_review", lambda: j.submit()),
        ("awaiting_sign_off", lambda: j.review("approve")),
    ]
    for state, step in steps:
        if j.refresh().state == stop_at:
            break
        step()
        assert j.refresh().state == state
    response = j.as_("pm").client.post(j.url("withdraw/"), j.stale_guard() | {"reason": ""})
    assert response.status_code == 400  # a reason is required
    j.as_("pm").post(j.url("withdraw/"), j.stale_guard() | {"reason": "Proposal dropped."})
    j.expect("withdrawn", holder=None, event=EventType.WITHDRAWN, from_state=stop_at)
    assert process_status(j.assessment) == PROCESS.CANCELED
    assert j.refresh().withdrawal_reason == "Proposal dropped."


def test_signed_off_cannot_be_withdrawn(journey):
    j = journey.start().answer_screening(rurality=False, outcome="screened_out")
    j.submit()
    j.review_screening("screened_out").sign_off()
    response = j.as_("lead").client.post(
        j.url("withdraw/"), j.stale_guard() | {"reason": "Changed mind"}
    )
    assert response.status_code == 403
    j.expect("signed_off", holder="queue", event=EventType.SIGNED_OFF)


def _publish_version(j):
    j.answer_screening(rurality=False)
    j.submit()
    j.review_screening("full_assessment")
    j.submit()
    j.review("approve").sign_off().publish()


def test_review_creates_version_two_which_supersedes_version_one(journey):
    j = journey.start()
    _publish_version(j)
    version_one = j.refresh()
    assert version_one.state == "published"
    j.as_("officer").post(j.url("start-review/"), j.stale_guard())
    version_two = version_one.review_under_way
    assert (version_two.version, version_two.state) == (2, "screening")
    assert version_two.previous_id == version_one.pk
    assert version_one.audit_events.first().event_type == EventType.REVIEW_STARTED
    # Version 1 stays published (and readable) while version 2 is worked on.
    assert j.refresh().state == "published"
    j.assessment = version_two
    j.expect("screening", holder="pm", event=EventType.ASSESSMENT_STARTED)
    _publish_version(j)
    j.expect("published", holder=None, event=EventType.PUBLISHED)
    version_one.refresh_from_db()
    assert version_one.state == "superseded"
    assert version_one.audit_events.first().event_type == EventType.SUPERSEDED
    page = j.as_("viewer").client.get(f"/assessments/{version_one.pk}/")
    assert page.status_code == 200 and "Superseded" in page.content.decode()


def test_second_review_of_the_same_version_is_refused(journey):
    j = journey.start()
    _publish_version(j)
    j.as_("officer").post(j.url("start-review/"), j.stale_guard())
    j.as_("officer").post(j.url("start-review/"), j.stale_guard(), status=409)


def test_one_live_assessment_per_item(journey):
    j = journey.start()
    j.as_("pm").post(f"/pipeline/{j.item.pk}/start/", status=409)
    assert j.item.assessments.count() == 1


def test_emails_for_assignment_return_sign_off_request_and_publication(
    journey, people, django_capture_on_commit_callbacks
):
    j = journey.start().answer_screening(rurality=False, outcome="screened_out")
    with django_capture_on_commit_callbacks(execute=True):
        j.submit()
    queue_mail = mail.outbox[-1]
    assert "team queue" in queue_mail.subject
    assert people["officer"].email in [m.to[0] for m in mail.outbox]
    assert people["pm"].email not in [m.to[0] for m in mail.outbox]  # authors are not told
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        j.review_screening("return", reasons="Please add detail.")
    assert [m.to for m in mail.outbox] == [[people["pm"].email]]
    assert "Please add detail." in mail.outbox[0].body
    j.submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        j.review_screening("screened_out")
    assert [m.subject for m in mail.outbox] == [f"Sign-off requested: {j.item.title}"]
    assert mail.outbox[0].to == [people["dm"].email]
    j.sign_off()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        j.publish()
    assert {m.to[0] for m in mail.outbox} == {
        people["pm"].email,
        people["officer2"].email,  # the publisher: not the officer who screened it out
        people["dm"].email,
    }
    assert all(m.subject == f"Published: {j.item.title}" for m in mail.outbox)


def test_no_email_when_the_transition_fails(journey, django_capture_on_commit_callbacks):
    j = journey.start().answer_screening(rurality=False)
    j.submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        j.as_("pm").client.post(j.url("review/"), {"decision": "approve"})  # out of turn
    assert mail.outbox == []


def test_start_needs_the_items_owner_or_the_lead(pipeline_item, people, client):
    client.force_login(people["officer"])
    assert client.post(f"/pipeline/{pipeline_item.pk}/start/").status_code == 403
    client.force_login(people["lead"])
    assert client.post(f"/pipeline/{pipeline_item.pk}/start/").status_code == 302


def test_another_organisations_item_cannot_be_started(people, client, other_organisation):
    foreign = PipelineItemFactory(organisation=other_organisation)
    client.force_login(people["lead"])
    assert client.post(f"/pipeline/{foreign.pk}/start/").status_code == 404
    assert not foreign.assessments.exists()


def test_assessment_page_shows_task_list_diagram_and_trail(journey):
    j = journey.start().answer_screening(rurality=True)
    j.submit()
    page = j.as_("officer").client.get(j.url("")).content.decode()
    assert 'class="govuk-task-list"' in page
    assert "app-diagram__stage--current" in page
    assert "Screening review (now)" in page
    assert "(the current stage)" in page
    assert "Screening submitted for review" in page
    assert "Claim this task" in page
    assert "matches its anchor and its seal checks" in page
    # Newest first.
    assert page.index("Screening submitted for review") < page.index("Assessment started")


def test_every_state_is_reachable():
    """Every state is the target of some transition (screening via the return loops)."""
    from workflows.diagram import moves

    assert {move.target for move in moves()} == set(State)


def test_a_withdrawn_review_does_not_block_the_next_one(journey):
    j = journey.start()
    _publish_version(j)
    version_one = j.refresh()
    j.as_("officer").post(j.url("start-review/"), j.stale_guard())
    version_two = version_one.review_under_way
    j.assessment = version_two
    j.as_("pm").post(j.url("withdraw/"), j.stale_guard() | {"reason": "Started too early."})
    assert version_one.review_under_way is None
    j.assessment = version_one
    j.as_("officer").post(j.url("start-review/"), j.stale_guard())
    version_three = version_one.review_under_way
    assert (version_three.version, version_three.state) == (3, "screening")
    assert version_one.reviews.count() == 2


def test_the_authors_proposed_review_date_is_used_at_publication(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    proposed = datetime.date.today() + datetime.timedelta(days=200)
    full = assessment.full
    full.review_date = proposed
    full.save()
    published = builders.approve_sign_and_publish(people, assessment)
    assert published.review_date == proposed
    assert published.audit_events.first().details == {"review_date": proposed.isoformat()}


def test_a_new_version_only_from_the_published_one_after_a_confirmation(journey):
    j = journey.start()
    _publish_version(j)
    item_page = j.as_("pm").client.get(f"/pipeline/{j.item.pk}/").content.decode()
    assert "Start the equality impact assessment" not in item_page
    assert "Version 1 is published" in item_page
    # The old one-click start is refused: a fresh version 2 would drop version 1's content.
    j.post(f"/pipeline/{j.item.pk}/start/", status=409)
    assert j.item.assessments.count() == 1
    # The assessment page links to a confirmation page; only its POST starts version 2.
    page = j.as_("officer").client.get(j.url("")).content.decode()
    assert f'href="/assessments/{j.assessment.pk}/start-review/"' in page
    confirm = j.client.get(j.url("start-review/")).content.decode()
    assert "Start a review of version 1?" in confirm and "Start version 2" in confirm
    assert j.item.assessments.count() == 1
    j.post(j.url("start-review/"), j.stale_guard())
    assert j.item.assessments.count() == 2
    # Someone who may not start a review gets no confirmation page either.
    assert j.as_("dm").client.get(j.url("start-review/")).status_code == 403
