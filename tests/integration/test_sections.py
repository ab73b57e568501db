"""The full assessment's sections: submission rules, quality flags, edits and their limits."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eia import quality
from eia.audit import head
from eia.calendar import add_working_days
from eia.events import EventType
from eia.models import Action, Direction, Impact, Section, State
from eia.services import actions as actions_services
from eia.services import engagement as engagement_services
from eia.services import evidence as evidence_services
from eia.services import impacts as impacts_services
from eia.services import rurality as rurality_services
from eia.services import sections as sections_services
from tests.factories import OrganisationFactory, PipelineItemFactory, UserFactory
from tests.support import builders
from tests.support.sections import complete_full, complete_rurality
from workflows import services

pytestmark = pytest.mark.django_db


def _at_full_assessment(people, organisation, **item_fields):
    assessment = builders.at_screening_review(people, organisation, **item_fields)
    return services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )


@pytest.fixture
def full(people, organisation):
    assessment = _at_full_assessment(people, organisation)
    complete_full(assessment, by=people["pm"])
    assessment.refresh_from_db()
    return assessment


def _args(assessment, people):
    """A section service call as the author makes it from a page loaded now."""
    return {"assessment_id": assessment.pk, "by": people["pm"], "seen": head(assessment)}


def _fresh(assessment):
    return type(assessment).objects.get(pk=assessment.pk)


def _messages(assessment):
    return [problem.message for problem in quality.full_assessment_problems(_fresh(assessment))]


# ---- submission rules: each fires once and stays silent once --------------------------------


def test_a_complete_record_has_no_problems(full):
    assert _messages(full) == []


def test_unfinished_sections_are_listed(full, people):
    sections_services.mark_section(
        **_args(full, people), section=Section.ENGAGEMENT, completed=False
    )
    assert _messages(full) == [
        "Complete the 'Engagement and consultation' section and mark it as completed"
    ]


def test_every_group_in_scope_needs_its_impact(full):
    Impact.objects.filter(assessment=full, characteristic="age").delete()
    assert _messages(full) == ["Record the likely impact on people of different ages"]


def test_negative_impact_needs_mitigation_or_justification(full, people):
    impact = full.impacts.get(characteristic="disability")
    impact.actions.clear()
    assert _messages(full) == [
        "Add a mitigation or a justification for the negative impact on disabled people"
    ]
    impacts_services.save_impact(
        **_args(full, people),
        characteristic="disability",
        data={"justification": "Statutory duty leaves no alternative."},
        evidence_ids=list(impact.evidence.values_list("pk", flat=True)),
    )
    assert _messages(full) == []


def test_major_impact_must_cite_evidence(full):
    full.impacts.get(characteristic="disability").evidence.clear()
    assert _messages(full) == ["Cite the evidence for the major impact on disabled people"]


def test_minor_impact_needs_no_evidence(full, people):
    impact = full.impacts.get(characteristic="disability")
    impacts_services.save_impact(
        **_args(full, people), characteristic="disability", data={"size": "minor"}, evidence_ids=[]
    )
    impact.refresh_from_db()
    assert impact.size == "minor"
    assert _messages(full) == []


def test_conclusion_must_exist_and_continuing_must_be_justified(full, people):
    sections_services.save_conclusion(**_args(full, people), data={"conclusion": ""})
    assert _messages(full) == ["Choose a conclusion"]
    sections_services.save_conclusion(**_args(full, people), data={"conclusion": "continue"})
    assert _messages(full) == ["Explain why it is justified to continue despite the adverse impact"]
    sections_services.save_conclusion(
        **_args(full, people), data={"justification": "The saving protects statutory care."}
    )
    assert _messages(full) == []


def test_actions_need_an_owner_and_a_target_date(full, people):
    evidence_services.declare_gap(**_args(full, people), description="No data on carers' use.")
    assert _messages(full) == [
        "Give the action 'Close the evidence gap: No data on carers' use.' an owner and a "
        "target date"
    ]


def test_submit_page_lists_every_problem_with_links(people, organisation):
    assessment = _at_full_assessment(people, organisation)
    client = Client()
    client.force_login(people["pm"])
    response = client.post(
        f"/assessments/{assessment.pk}/submit/",
        {"seen": head(assessment)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "things to finish before you can submit" in page
    assert f'href="/assessments/{assessment.pk}/full/impacts/disability/"' in page
    assert "Choose a conclusion" in page
    assert services.active_task(assessment).flow_task.name == "full_assessment"


def test_rurality_rules_each_fire_and_stay_silent(people, organisation):
    assessment = builders.at_screening_review(people, organisation, rurality=True)
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "x"),
    )
    assessment.refresh_from_db()
    complete_full(assessment, by=people["pm"])

    # Screened in, the rurality problems are part of the full assessment's lawful minimum.
    messages = [p.message for p in quality.rurality_problems(_fresh(assessment))]
    assert "Say whether there is a rural impact on 'access to services and travel'" in messages
    assert "Say how the rural effects will be monitored and evaluated" in messages
    assert "Mark the rurality proofing as completed" in messages
    assert _messages(assessment) == messages
    complete_rurality(assessment, by=people["pm"])
    assert quality.rurality_problems(_fresh(assessment)) == []
    assert _messages(assessment) == []
    args = _args(assessment, people)
    rurality_services.save_rurality(
        **args,
        themes={"digital": {"kind": "indirect", "description": "", "scale": ""}},
        data={"tailoring": ""},
    )
    messages = [p.message for p in quality.rurality_problems(_fresh(assessment))]
    assert messages == [
        "Describe the rural impact on 'digital connectivity (broadband and mobile)' and its scale",
        "Say how the proposal was tailored for rural areas, or add a rural tailoring action",
    ]
    actions_services.save_action(
        **args,
        data={
            "kind": "rural",
            "title": "Mobile library in parishes",
            "description": "",
            "status": "not_started",
            "rag": "",
            "target_date": datetime.date(2027, 6, 1),
        },
        owner_id=people["pm"].pk,
    )
    messages = [p.message for p in quality.rurality_problems(_fresh(assessment))]
    assert messages == [
        "Describe the rural impact on 'digital connectivity (broadband and mobile)' and its scale"
    ]


# ---- quality flags: warnings, each triggered and not ----------------------------------------


def _flags(assessment):
    return {flag.key for flag in quality.quality_flags(_fresh(assessment))}


def test_all_neutral_without_evidence_is_flagged(full, people):
    assert "all_neutral" not in _flags(full)
    args = _args(full, people)
    impacts_services.save_impact(
        **args, characteristic="disability", data={"direction": Direction.NEUTRAL}, evidence_ids=[]
    )
    assert "all_neutral" not in _flags(full)  # evidence is still listed
    for item in full.evidence.all():
        evidence_services.remove_evidence(**args, evidence_id=item.pk)
    assert "all_neutral" in _flags(full)


def test_text_copied_from_another_proposal_is_flagged(full, people, organisation):
    other = _at_full_assessment(people, organisation)
    long_text = "Disabled people who rely on the number 12 bus cannot reach the next branch."
    long_text += " They would lose their library."
    impacts_services.save_impact(
        **_args(other, people),
        characteristic="age",
        data={"direction": "negative", "size": "minor", "who_affected": long_text},
    )
    assert "copied" not in _flags(full)
    impacts_services.save_impact(
        **_args(full, people),
        characteristic="age",
        data={"direction": "negative", "size": "minor", "who_affected": long_text},
    )
    assert "copied" in _flags(full)
    message = next(f.message for f in quality.quality_flags(_fresh(full)) if f.key == "copied")
    assert "Who is affected and how" in message


def test_late_start_is_flagged(people, organisation):
    today = timezone.localdate()
    soon = add_working_days(today, 5)
    late = builders.started(people, organisation, decision_date=soon)
    assert "late_start" in _flags(late)
    message = next(f.message for f in quality.quality_flags(late) if f.key == "late_start")
    assert "only 5 working days before the decision date" in message
    after = builders.started(people, organisation, decision_date=today - datetime.timedelta(days=3))
    assert "started after the decision date" in " ".join(
        f.message for f in quality.quality_flags(after)
    )
    early = builders.started(people, organisation, decision_date=add_working_days(today, 30))
    assert "late_start" not in _flags(early)


def test_major_impact_without_engagement_is_flagged(full, people):
    assert "no_engagement" not in _flags(full)
    for record in full.engagement.all():
        engagement_services.remove_engagement(**_args(full, people), engagement_id=record.pk)
    assert "no_engagement" in _flags(full)


def test_officer_review_page_shows_flags_and_the_whole_record(full, people):
    for record in full.engagement.all():
        engagement_services.remove_engagement(**_args(full, people), engagement_id=record.pk)
    services.submit_full_assessment(
        assessment_id=full.pk,
        seen=head(full),
        by=people["pm"],
    )
    client = Client()
    client.force_login(people["officer"])
    page = client.get(f"/assessments/{full.pk}/review/").content.decode()
    assert "There is a major impact but no engagement or consultation is recorded." in page
    assert "Run a mobile library with a wheelchair lift" in page
    assert "Disabled people who cannot travel to the next branch." in page


# ---- edits: who, when, and bad input ------------------------------------------------------


def test_section_comments_on_return_reach_the_authors_section_page(full, people):

    services.submit_full_assessment(assessment_id=full.pk, seen=head(full), by=people["pm"])
    officer = Client()
    officer.force_login(people["officer"])
    response = officer.post(
        f"/assessments/{full.pk}/review/",
        {
            "seen": head(full),
            "decision": "return",
            "comment": "",
            "section_engagement": "Talk to the carers' centre too.",
        },
    )
    assert response.status_code == 302
    full.refresh_from_db()
    assert full.state == "full_assessment"
    event = full.audit_events.first()
    assert event.details == {"section_comments": {"engagement": "Talk to the carers' centre too."}}
    author = Client()
    author.force_login(people["pm"])
    page = author.get(f"/assessments/{full.pk}/full/engagement/").content.decode()
    assert "Talk to the carers&#x27; centre too." in page
    other = author.get(f"/assessments/{full.pk}/full/evidence/").content.decode()
    assert "carers&#x27; centre" not in other


def test_return_needs_an_overall_or_a_section_comment(full, people):
    services.submit_full_assessment(
        assessment_id=full.pk,
        seen=head(full),
        by=people["pm"],
    )
    client = Client()
    client.force_login(people["officer"])
    response = client.post(
        f"/assessments/{full.pk}/review/",
        {
            "seen": head(full),
            "decision": "return",
            "comment": "",
        },
    )
    assert response.status_code == 400
    assert "Enter comments for the author" in response.content.decode()


@pytest.mark.parametrize("where", ["officer_review", "signed_off"])
def test_sections_refuse_edits_outside_the_authors_stages(full, people, where):
    services.submit_full_assessment(
        assessment_id=full.pk,
        seen=head(full),
        by=people["pm"],
    )
    if where == "signed_off":
        services.review_assessment(
            assessment_id=full.pk,
            seen=head(full),
            by=people["officer"],
            approve=True,
            comment="",
        )
        builders.sign(people, full)
    full.refresh_from_db()
    assert full.state == where
    client = Client()
    client.force_login(people["pm"])
    before = full.audit_events.count()
    for url, data in [
        ("full/proposal/", {"aims": "Changed after the fact", "state": where}),
        ("full/impacts/disability/", {"direction": "neutral", "state": where}),
        ("full/evidence/add/", {"title": "Late", "shows": "x", "state": where}),
        (
            "full/actions/add/",
            {"title": "Late", "kind": "mitigation", "status": "done", "state": where},
        ),
        ("full/conclusion/", {"conclusion": "stop", "state": where}),
    ]:
        response = client.post(f"/assessments/{full.pk}/{url}", data)
        assert response.status_code == 403, url
        assert "signed-off assessment is locked" in response.content.decode()
    assert full.audit_events.count() == before
    assert client.get(f"/assessments/{full.pk}/full/proposal/").status_code == 200  # readable


def test_over_long_text_is_refused_with_a_message_and_kept(full, people):
    client = Client()
    client.force_login(people["pm"])
    text = "word " * 1001
    response = client.post(
        f"/assessments/{full.pk}/full/proposal/", {"aims": text, "seen": head(full)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aims of the proposal must be 5,000 characters or fewer" in page
    assert "word word word" in page
    full.full.refresh_from_db()
    assert full.full.aims.startswith("Keep a library service")


def test_proposal_is_prefilled_from_pipeline_and_screening(people, organisation):
    assessment = _at_full_assessment(people, organisation, summary="Close two branches.")
    client = Client()
    client.force_login(people["pm"])
    page = client.get(f"/assessments/{assessment.pk}/full/proposal/").content.decode()
    assert "Close two branches." in page
    assert "The screening found likely impacts on disabled people (major, negative)." in page


def test_impact_page_offers_only_the_aims_that_apply(full, people):
    client = Client()
    client.force_login(people["pm"])
    page = client.get(f"/assessments/{full.pk}/full/impacts/disability/").content.decode()
    assert "fostering good relations" in page
    marriage = client.get(f"/assessments/{full.pk}/full/impacts/marriage_civil_partnership/")
    # Marriage and civil partnership is in scope only when staff are affected.
    assert marriage.status_code == 404


def test_action_progress_continues_after_publication(people, organisation):
    assessment = builders.published(people, organisation)
    action = assessment.actions.get()
    client = Client()
    client.force_login(people["pm"])  # the owner
    response = client.post(
        f"/actions/{action.pk}/progress/",
        {"status": "in_progress", "rag": "green", "progress_note": "Van ordered."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag) == ("in_progress", "green")
    event = assessment.audit_events.first()
    assert event.event_type == EventType.ACTION_PROGRESS
    assert event.details["after"] == {"status": "in_progress", "rag": "green"}
    outsider = UserFactory(organisation=OrganisationFactory())
    client.force_login(outsider)
    assert client.get(f"/actions/{action.pk}/progress/").status_code == 404


def test_a_review_version_copies_content_for_updating(people, organisation):
    first = builders.published(people, organisation)
    second = services.start_review(assessment_id=first.pk, seen=head(first), by=people["officer"])
    assert second.full.aims == first.full.aims
    assert second.full.completed_sections == []
    assert [i.characteristic for i in second.impacts.all()] == [
        i.characteristic for i in first.impacts.all()
    ]
    copied = second.impacts.get(characteristic="disability")
    assert [e.title for e in copied.evidence.all()] == ["Library user survey 2026"]
    assert copied.evidence.get().assessment_id == second.pk
    assert [a.title for a in copied.actions.all()] == [
        "Run a mobile library with a wheelchair lift"
    ]
    assert "copied" not in {f.key for f in quality.quality_flags(second)}
    assert first.impacts.count() == second.impacts.count()


def test_task_list_shows_each_section_with_its_status(full, people):
    client = Client()
    client.force_login(people["pm"])
    page = client.get(f"/assessments/{full.pk}/").content.decode()
    for section in (
        "About the proposal",
        "Evidence",
        "Engagement and consultation",
        "Impact on each group",
        "Mitigations and actions",
        "Conclusion",
    ):
        assert section in page
    assert page.count("govuk-task-list__item") >= 9
    args = _args(full, people)
    sections_services.mark_section(**args, section=Section.EVIDENCE, completed=False)
    page = client.get(f"/assessments/{full.pk}/").content.decode()
    assert (
        'id="section-evidence-status"><strong class="govuk-tag govuk-tag--light-blue">In progress'
        in page
    )


def test_item_from_another_organisation_cannot_be_linked(full, people):
    foreign = PipelineItemFactory(organisation=OrganisationFactory())
    sections_services.save_conclusion(**_args(full, people), data={}, related_item_ids=[foreign.pk])
    assert list(full.full.related_items.all()) == []


def test_actions_owner_must_be_in_the_organisation(full, people):
    from eia.errors import InvalidInput

    outsider = UserFactory(organisation=OrganisationFactory())
    with pytest.raises(InvalidInput, match="Choose an owner from your organisation"):
        actions_services.save_action(
            **_args(full, people),
            data={
                "title": "x",
                "kind": "mitigation",
                "status": "not_started",
                "rag": "",
                "description": "",
                "target_date": None,
            },
            owner_id=outsider.pk,
        )
    assert not Action.objects.filter(title="x").exists()
    assert full.state == State.FULL_ASSESSMENT


def test_remove_buttons_remove_and_unknown_kinds_are_404(full, people):
    client = Client()
    client.force_login(people["pm"])
    engagement = full.engagement.get()
    url = f"/assessments/{full.pk}/full/engagement/{engagement.pk}/remove/"
    assert client.post(url, {"seen": head(full)}).status_code == 302
    assert not full.engagement.exists()
    bogus = f"/assessments/{full.pk}/full/widgets/{engagement.pk}/remove/"
    assert client.post(bogus, {"seen": head(full)}).status_code == 404


def test_progress_form_refuses_bad_input_and_keeps_it(people, organisation):
    assessment = builders.published(people, organisation)
    action = assessment.actions.get()
    client = Client()
    client.force_login(people["pm"])
    response = client.post(f"/actions/{action.pk}/progress/",
                           {"status": "exploded", "rag": "purple",
                            "progress_note": "Van delayed."})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page and "Van delayed." in page
    action.refresh_from_db()
    assert action.status == "not_started"
