"""Out of turn is 403, stale is 409, other organisations see 404, failures leave no trace."""

import pytest
from django.test import Client
from viewflow.workflow.models import Task

from eia.audit import head
from eia.authorization import Role
from eia.errors import InvalidInput
from eia.events import EventType
from eia.models import AuditEvent
from eia.services import co_authors as co_authors_services
from tests.factories import OrganisationFactory, PipelineItemFactory, UserFactory
from workflows import notifications, services
from workflows.selectors import tasks as selectors
from workflows.services import moves

pytestmark = pytest.mark.django_db


def _at_screening_review(journey, outcome="full_assessment"):
    return journey.start().answer_screening(rurality=False, outcome=outcome).submit()


def test_acting_out_of_turn_is_403_with_a_message(journey):
    j = _at_screening_review(journey)
    guard = j.stale_guard()
    response = j.as_("pm").client.post(
        j.url("review-screening/"), guard | {"decision": "full_assessment", "reasons": "x"}
    )
    assert response.status_code == 403
    assert "You are an author of this assessment" in response.content.decode()
    response = j.as_("viewer").client.post(
        j.url("review-screening/"), guard | {"decision": "full_assessment", "reasons": "x"}
    )
    assert response.status_code == 403
    assert "Only an equality officer can do this." in response.content.decode()
    response = j.as_("dm").client.post(j.url("submit/"), guard)
    assert response.status_code == 403
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)


def test_only_the_named_decision_maker_signs_off(journey, make_user):
    j = _at_screening_review(journey, outcome="screened_out")
    j.review_screening("screened_out")
    other_dm = make_user(Role.DECISION_MAKER)
    response = j.as_(other_dm).client.post(
        j.url("sign-off/"), j.stale_guard() | {"decision": "sign", "comment": ""}
    )
    assert response.status_code == 403
    assert "Only the named decision-maker" in response.content.decode()
    j.expect("awaiting_sign_off", holder="dm", event=EventType.SCREENING_CONFIRMED_OUT)


def test_decision_maker_who_co_authored_cannot_receive_sign_off(journey, people):
    j = journey.start()
    dm = people["dm"]
    response = j.as_("pm").client.post(j.url("co-authors/"), {"user": dm.pk})
    assert response.status_code == 400  # not even offered: not a valid choice
    with pytest.raises(InvalidInput, match="named decision-maker cannot be a co-author"):
        co_authors_services.add_co_author(
            assessment_id=j.assessment.pk, by=people["pm"], user_id=dm.pk
        )


def test_author_named_as_decision_maker_blocks_approval_with_a_clear_message(journey, people):
    j = journey.start()
    j.item.decision_maker = people["pm"]
    j.item.save()
    j.answer_screening(rurality=False, outcome="screened_out").submit()
    response = j.as_("officer").client.post(
        j.url("review-screening/"),
        j.stale_guard() | {"decision": "screened_out", "reasons": "No impact."},
    )
    assert response.status_code == 400
    assert "also an author of this assessment and cannot sign off" in response.content.decode()
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)


def test_claim_release_and_reassign(journey, people):
    j = _at_screening_review(journey)
    task = j.task()
    j.as_("officer").post(f"/tasks/{task.pk}/claim/")
    j.expect("screening_review", holder="officer", event=EventType.TASK_CLAIMED)
    # Another officer cannot act on or release a claimed task.
    response = j.as_("officer2").client.post(
        j.url("review-screening/"), j.stale_guard() | {"decision": "screened_out", "reasons": "x"}
    )
    assert response.status_code == 403
    assert "has claimed this task" in response.content.decode()
    assert j.as_("officer2").client.post(f"/tasks/{task.pk}/release/").status_code == 403
    # A second claim is a conflict, not a silent steal.
    assert j.as_("officer2").client.post(f"/tasks/{task.pk}/claim/").status_code == 409
    j.as_("officer").post(f"/tasks/{task.pk}/release/")
    j.expect("screening_review", holder="queue", event=EventType.TASK_RELEASED)
    # The lead reassigns; authors are not eligible.
    response = j.as_("lead").client.post(
        f"/assessments/{j.assessment.pk}/tasks/{task.pk}/reassign/", {"to": people["pm"].pk}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    j.as_("lead").post(
        f"/assessments/{j.assessment.pk}/tasks/{task.pk}/reassign/", {"to": people["officer2"].pk}
    )
    j.expect("screening_review", holder="officer2", event=EventType.TASK_REASSIGNED)
    event = j.assessment.audit_events.first()
    assert event.details == {
        "task": "screening_review",
        "from": None,
        "to": people["officer2"].display_name,
    }
    assert (
        j.as_("officer")
        .client.post(
            f"/assessments/{j.assessment.pk}/tasks/{task.pk}/reassign/",
            {"to": people["officer"].pk},
        )
        .status_code
        == 403
    )


def test_only_the_lead_sees_claimed_tasks_to_reassign(journey, people):
    j = _at_screening_review(journey)
    services.claim_task(task_id=j.task().pk, by=people["officer"])
    assert [row.task.pk for row in selectors.claimed_by_colleagues(user=people["lead"])] == [
        j.task().pk
    ]
    assert selectors.claimed_by_colleagues(user=people["officer2"]) == []
    assert selectors.team_queue(user=people["officer2"]) == []


def _snapshot(assessment):
    tasks = list(
        Task.objects.filter(process__pk=assessment.process.pk)
        .order_by("pk")
        .values_list("pk", "status", "owner_id")
    )
    return (
        type(assessment).objects.get(pk=assessment.pk).state,
        tasks,
        AuditEvent.objects.filter(assessment=assessment).count(),
    )


@pytest.mark.parametrize("failure_point", ["audit", "notification", "invariant"])
def test_a_failure_mid_transition_leaves_state_task_and_trail_unchanged(
    journey, people, monkeypatch, failure_point
):
    j = _at_screening_review(journey)
    before = _snapshot(j.assessment)

    def explode(*args, **kwargs):
        raise RuntimeError("injected failure")

    target = {
        "audit": (moves.audit, "record"),
        "notification": (notifications, "task_created"),
        "invariant": (moves, "check_consistent"),
    }[failure_point]
    monkeypatch.setattr(*target, explode)
    with pytest.raises(RuntimeError, match="injected failure"):
        services.review_screening(
            assessment_id=j.assessment.pk,
            seen=head(j.assessment),
            by=people["officer"],
            decision=services.ScreeningDecision("full_assessment", "Major impact."),
        )
    assert _snapshot(j.assessment) == before


def test_other_organisations_assessment_is_404_everywhere(journey):
    j = _at_screening_review(journey)
    task = j.task()
    outsider_org = OrganisationFactory()
    outsider = UserFactory(
        organisation=outsider_org, roles=[Role.EQUALITY_LEAD, Role.EQUALITY_OFFICER]
    )
    client = Client()
    client.force_login(outsider)
    pk = j.assessment.pk
    for url in [
        f"/assessments/{pk}/",
        f"/assessments/{pk}/screening/",
        f"/assessments/{pk}/review-screening/",
        f"/assessments/{pk}/withdraw/",
        f"/assessments/{pk}/co-authors/",
        f"/assessments/{pk}/tasks/{task.pk}/reassign/",
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (
            f"/assessments/{pk}/review-screening/",
            {"seen": head(j.assessment), "decision": "screened_out", "reasons": "x"},
        ),
        (f"/assessments/{pk}/withdraw/", {"reason": "x", "seen": head(j.assessment)}),
        (f"/assessments/{pk}/comment/", {"text": "x"}),
        (f"/tasks/{task.pk}/claim/", {}),
        (f"/assessments/{pk}/start-review/", {"seen": head(j.assessment)}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert selectors.team_queue(user=outsider) == []
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)


def test_comments_are_audited_and_limited(journey):
    j = journey.start()
    j.as_("officer").post(j.url("comment/"), {"text": "Have you spoken to the carers' forum?"})
    event = j.assessment.audit_events.first()
    assert (event.event_type, event.comment) == (
        EventType.COMMENT_ADDED,
        "Have you spoken to the carers' forum?",
    )
    response = j.as_("officer").client.post(j.url("comment/"), {"text": "x" * 5001})
    assert response.status_code == 400
    assert "must be 5,000 characters or fewer" in response.content.decode()
    assert j.as_("viewer").client.post(j.url("comment/"), {"text": "hi"}).status_code == 403


def test_withdraw_needs_author_or_lead(journey):
    j = journey.start()
    for who in ("officer", "viewer", "dm"):
        response = j.as_(who).client.post(j.url("withdraw/"), j.stale_guard() | {"reason": "x"})
        assert response.status_code == 403, who
    j.as_("lead").post(
        j.url("withdraw/"), j.stale_guard() | {"reason": "Duplicate of another item."}
    )
    j.expect("withdrawn", holder=None, event=EventType.WITHDRAWN)


def test_pipeline_item_without_decision_maker_cannot_go_to_sign_off(journey):
    j = journey.start()
    j.item.decision_maker = None
    j.item.save()
    j.answer_screening(rurality=False, outcome="screened_out").submit()
    response = j.as_("officer").client.post(
        j.url("review-screening/"), j.stale_guard() | {"decision": "screened_out", "reasons": "x"}
    )
    assert response.status_code == 400
    assert "No decision-maker is named for this proposal" in response.content.decode()


def test_nul_characters_get_a_clear_message_and_the_text_is_kept(journey):
    j = journey.start()
    response = j.as_("officer").client.post(j.url("comment/"), {"text": "before\x00after"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Null characters are not allowed" in page
    assert "before" in page
    assert j.assessment.audit_events.filter(event_type=EventType.COMMENT_ADDED).count() == 0


def test_items_from_factories_belong_to_one_org():
    item = PipelineItemFactory()
    assert item.owner.organisation_id == item.organisation_id == item.directorate.organisation_id
