"""Separation of every duty: who wrote, approved, signed off and published one version are four
different people, unless the organisation's written policy allows a named exception, confirmed
by a second person; each use of an exception is on the assessment's trail."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from eia.audit import head
from eia.authorization import Role
from eia.errors import NotAllowed
from eia.events import EventType, SecurityEventType
from eia.models import Duty, DutyException, SecurityEvent
from eia.services import duty_policy, pipeline
from tests.factories import UserFactory
from tests.support import builders
from workflows import services
from workflows.demo import stories as demo
from workflows.selectors import tasks as selectors

pytestmark = pytest.mark.django_db


def _allow(organisation, first, second, *, by, confirmer, reference="Constitution 4.2"):
    exception = duty_policy.record_exception(
        organisation_id=organisation.pk,
        first=first,
        second=second,
        policy_reference=reference,
        by=by,
    )
    return duty_policy.confirm_exception(exception_id=exception.pk, by=confirmer)


def test_the_lead_cannot_make_themselves_decision_maker_then_approve_sign_and_publish(
    people, organisation
):
    """The finding, through the services: the lead gave themselves the decision-maker role,
    named themselves decision-maker, and approved, signed off and published one assessment."""
    lead = people["lead"]
    assessment = builders.at_officer_review(people, organisation)
    lead.groups.add(Group.objects.get(name=Role.DECISION_MAKER))
    pipeline.change_item(
        item_id=assessment.pipeline_item_id, by=lead, changes={"decision_maker": lead.pk}
    )
    with pytest.raises(NotAllowed, match="approve it for sign-off and sign it off"):
        demo.officer_approves(assessment, by=lead)
    assessment.refresh_from_db()
    assert assessment.state == "officer_review"


def test_whoever_approved_cannot_then_be_named_to_sign_or_publish(people, organisation):
    lead = people["lead"]
    lead.groups.add(Group.objects.get(name=Role.DECISION_MAKER))
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=lead)
    pipeline.change_item(
        item_id=assessment.pipeline_item_id, by=lead, changes={"decision_maker": lead.pk}
    )
    with pytest.raises(NotAllowed, match="approve it for sign-off and sign it off"):
        demo.decision_maker_signs(assessment, by=lead)
    pipeline.change_item(
        item_id=assessment.pipeline_item_id, by=lead, changes={"decision_maker": people["dm"].pk}
    )
    demo.decision_maker_signs(assessment, by=people["dm"])
    with pytest.raises(NotAllowed, match="approve it for sign-off and publish it"):
        demo.officer_publishes(assessment, by=lead)
    published = demo.officer_publishes(assessment, by=people["officer2"])
    assert published.state == "published"


def test_the_approver_is_refused_publication_over_http_with_the_reason(people, organisation):
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    builders.sign(people, assessment)
    client = Client()
    client.force_login(people["officer"])
    response = client.post(f"/assessments/{assessment.pk}/publish/", {"seen": head(assessment)})
    assert response.status_code == 403
    assert "separation of duties" in response.content.decode()
    task = services.active_task(assessment)
    assert client.post(f"/tasks/{task.pk}/claim/").status_code == 403
    # The team queue offers its publication to the other officer only.
    assert [row.task.pk for row in selectors.team_queue(user=people["officer"])] == []
    assert [row.task.pk for row in selectors.team_queue(user=people["officer2"])] == [task.pk]


def test_an_exception_in_the_written_policy_allows_it_and_each_use_is_on_the_trail(
    people, organisation
):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    _allow(organisation, Duty.PUBLISH, Duty.REVIEW, by=people["lead"], confirmer=superuser)
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    builders.sign(people, assessment)
    published = demo.officer_publishes(assessment, by=people["officer"])
    assert published.state == "published"
    used = published.audit_events.get(event_type=EventType.DUTY_EXCEPTION_USED)
    assert used.actor == people["officer"]
    assert used.comment == "Constitution 4.2"
    assert used.details["duties"] == ["Approve it for sign-off", "Publish it"]
    # The move's own event is still the last, after the exception it relied on.
    assert published.audit_events.order_by("-sequence").first().event_type == EventType.PUBLISHED


def test_an_exception_takes_effect_only_once_someone_else_confirms_it(people, organisation):
    lead = people["lead"]
    exception = duty_policy.record_exception(
        organisation_id=organisation.pk,
        first=Duty.REVIEW,
        second=Duty.PUBLISH,
        policy_reference="Scheme of delegation, para 9",
        by=lead,
    )
    with pytest.raises(NotAllowed, match="Someone other than the person who recorded"):
        duty_policy.confirm_exception(exception_id=exception.pk, by=lead)
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    builders.sign(people, assessment)
    with pytest.raises(NotAllowed):
        demo.officer_publishes(assessment, by=people["officer"])
    second_lead = UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD])
    duty_policy.confirm_exception(exception_id=exception.pk, by=second_lead)
    assert demo.officer_publishes(assessment, by=people["officer"]).state == "published"
    logged = SecurityEvent.objects.filter(organisation=organisation).order_by("occurred_at")
    assert [e.event_type for e in logged] == [
        SecurityEventType.DUTY_EXCEPTION_RECORDED,
        SecurityEventType.DUTY_EXCEPTION_CONFIRMED,
    ]
    assert [e.actor for e in logged] == [lead, second_lead]
    assert logged[0].details["policy_reference"] == "Scheme of delegation, para 9"


def test_an_ended_exception_no_longer_allows_it(people, organisation):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    exception = _allow(
        organisation, Duty.REVIEW, Duty.PUBLISH, by=people["lead"], confirmer=superuser
    )
    duty_policy.end_exception(exception_id=exception.pk, by=people["lead"])
    assessment = builders.at_officer_review(people, organisation)
    demo.officer_approves(assessment, by=people["officer"])
    builders.sign(people, assessment)
    with pytest.raises(NotAllowed):
        demo.officer_publishes(assessment, by=people["officer"])


def test_only_leads_and_superusers_keep_the_policy_and_never_for_another_organisation(
    people, organisation, other_organisation
):
    for outsider in (
        people["officer"],
        UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD]),
    ):
        with pytest.raises(NotAllowed):
            duty_policy.record_exception(
                organisation_id=organisation.pk,
                first=Duty.REVIEW,
                second=Duty.PUBLISH,
                policy_reference="x",
                by=outsider,
            )


def test_the_admin_records_an_exception_and_only_someone_else_can_confirm_it(people, organisation):
    lead = people["lead"]
    client = Client()
    client.force_login(lead)
    response = client.post(
        "/admin/eia/dutyexception/add/",
        {"first_duty": "publish", "second_duty": "review", "policy_reference": "Para 9"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    exception = DutyException.objects.get()
    assert (exception.first_duty, exception.second_duty) == ("review", "publish")
    assert exception.organisation == organisation and exception.recorded_by == lead
    confirm = {"action": "confirm", "_selected_action": [exception.pk]}
    client.post("/admin/eia/dutyexception/", confirm)
    exception.refresh_from_db()
    assert exception.confirmed_at is None
    second_lead = UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD], is_staff=True)
    other = Client()
    other.force_login(second_lead)
    other.post("/admin/eia/dutyexception/", confirm)
    exception.refresh_from_db()
    assert exception.confirmed_by == second_lead
    # Never edited, only recorded, confirmed and ended.
    edit = {"first_duty": "review", "second_duty": "publish", "policy_reference": "Changed"}
    assert client.post(f"/admin/eia/dutyexception/{exception.pk}/change/", edit).status_code == 403
    assert DutyException.objects.get().policy_reference == "Para 9"
