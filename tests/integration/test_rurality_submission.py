"""One submission for the full assessment and its rurality proofing: screened in, rurality
proofing is a section of the full assessment (edited in FULL_ASSESSMENT, in its lawful minimum
and on its check-answers page), submitted once and straight to the officer; screened out, it is
the short path's own stage; a screened-in record left at that stage by the two-step path still
finishes."""

import pytest

from eia.audit import head
from eia.events import EventType
from eia.models import RuralTheme, Section
from eia.services import rurality as rurality_services
from tests.support import legacy
from tests.support.sections import complete_full, complete_rurality
from workflows import presenters, returns
from workflows.check_answers import check_answers

pytestmark = pytest.mark.django_db

SUBMISSIONS = (EventType.FULL_ASSESSMENT_SUBMITTED, EventType.RURALITY_PROOFING_SUBMITTED)


def _screened_in(journey):
    j = journey.start().answer_screening(rurality=True)
    j.submit()
    j.review_screening("full_assessment", reasons="Library closures affect rural areas.")
    j.expect("full_assessment", holder="pm", event=EventType.SCREENING_CONFIRMED_FULL)
    return j


def _submissions(assessment) -> list[str]:
    return list(
        assessment.audit_events.filter(event_type__in=SUBMISSIONS)
        .order_by("sequence")
        .values_list("event_type", flat=True)
    )


def _rural_post(j, **data):
    themes = {f"{theme}__kind": "none" for theme in RuralTheme.values}
    return (
        themes
        | {"evidence_used": "Parish bus timetables.", "tailoring": "", "monitoring": ""}
        | data
        | j.stale_guard()
    )


def test_a_screened_in_rural_assessment_is_submitted_once_to_the_officer(journey):
    j = _screened_in(journey)
    # Rurality proofing is a row of the full assessment's task list, after its sections.
    rows = [row.id for row in presenters.task_list(j.refresh())]
    assert rows.index(Section.CONCLUSION) < rows.index(Section.RURALITY)
    assert "rurality_proofing" not in rows  # no stage of its own
    j.submit()
    j.expect(
        "officer_review",
        holder="queue",
        event=EventType.FULL_ASSESSMENT_SUBMITTED,
        from_state="full_assessment",
    )
    assert _submissions(j.assessment) == [EventType.FULL_ASSESSMENT_SUBMITTED]
    assert not j.assessment.audit_events.filter(to_state="rurality_proofing").exists()


def test_the_rurality_section_is_edited_at_the_full_assessment_stage(journey):
    j = _screened_in(journey)
    page = j.as_("pm").client.get(j.url("rurality/")).content.decode()
    assert 'name="access__kind"' in page  # a form, not the read-only page
    j.post(j.url("rurality/"), _rural_post(j, monitoring="Issues per stop each quarter."))
    proofing = j.refresh().rurality
    assert proofing.monitoring == "Issues per stop each quarter."
    # A rural tailoring action added from the section goes back to it.
    response = j.post(
        j.url("full/actions/add/"),
        {
            "kind": "rural",
            "title": "Mobile library stop in every parish",
            "owner": j.people["pm"].pk,
            "owner_kind": "person",
            "target_date_0": "1",
            "target_date_1": "6",
            "target_date_2": "2027",
            "status": "not_started",
            "rag": "amber",
        }
        | j.stale_guard(),
    )
    assert response["Location"] == j.url("rurality/")


def test_an_unfinished_rurality_section_blocks_the_submission_linked_to_it(journey):
    j = _screened_in(journey)
    complete_full(j.refresh(), by=j.people["pm"])
    check = check_answers(j.refresh())
    assert [card.title for card in check.cards][-1] == "Rurality proofing"
    rural_card = check.cards[-1]
    assert len(rural_card.answers) == len(RuralTheme) + 3
    assert all(answer.href == j.url("rurality/") for answer in rural_card.answers)
    blockers = {blocker.message: blocker.href for blocker in check.blockers}
    assert blockers["Mark the rurality proofing as completed"] == j.url("rurality/")
    assert blockers["Say how the rural effects will be monitored and evaluated"] == j.url(
        "rurality/"
    )
    page = j.as_("pm").client.get(j.url("submit/")).content.decode()
    assert "You cannot submit yet" in page
    assert f'href="{j.url("rurality/")}"' in page
    assert "Mark the rurality proofing as completed" in page

    response = j.post(j.url("submit/"), j.stale_guard(), status=400)
    shown = response.content.decode()
    assert "Mark the rurality proofing as completed" in shown
    assert f'href="{j.url("rurality/")}"' in shown
    j.expect("full_assessment", holder="pm", event=EventType.SECTION_EDITED)
    assert _submissions(j.assessment) == []


def test_after_a_return_one_resubmission_suffices_and_the_officer_sees_the_rural_changes(
    journey,
):
    j = _screened_in(journey)
    j.submit()
    j.review("return", comment="Use parish figures.", who="officer")
    j.expect("full_assessment", holder="pm", event=EventType.ASSESSMENT_RETURNED)
    assessment = j.refresh()
    rurality_services.save_rurality(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=j.people["pm"],
        themes={},
        data={"evidence_used": "Parish-level bus timetables and the 2021 census by parish."},
    )
    j.submit(fill=False)  # everything else is still complete: one resubmission
    j.expect("officer_review", holder="officer", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    assert _submissions(j.assessment) == [EventType.FULL_ASSESSMENT_SUBMITTED] * 2
    changed = returns.since_return(j.refresh())
    assert [(d.section, d.after) for d in changed] == [
        (
            Section.RURALITY.label,
            "Parish-level bus timetables and the 2021 census by parish.",
        )
    ]
    page = j.as_("officer").client.get(j.url("since-return/")).content.decode()
    assert "Parish-level bus timetables and the 2021 census by parish." in page


def test_the_screened_out_short_path_still_goes_through_rurality_proofing(journey):
    j = journey.start().answer_screening(rurality=True, outcome="screened_out")
    j.submit()
    j.review_screening("screened_out", reasons="No group is affected differently.")
    j.expect("rurality_proofing", holder="pm", event=EventType.SCREENING_CONFIRMED_OUT)
    check = check_answers(j.refresh())
    assert [card.title for card in check.cards] == ["Rurality proofing"]
    assert not check.ready
    j.submit()  # it is the only thing the author submits
    j.expect(
        "awaiting_sign_off",
        holder="dm",
        event=EventType.RURALITY_PROOFING_SUBMITTED,
        from_state="rurality_proofing",
    )
    assert _submissions(j.assessment) == [EventType.RURALITY_PROOFING_SUBMITTED]


def test_a_legacy_screened_in_record_at_rurality_proofing_can_still_be_submitted(journey):
    j = _screened_in(journey)
    assessment = legacy.at_legacy_rurality_proofing(j.people, j.refresh())
    j.expect("rurality_proofing", holder="pm", event=EventType.FULL_ASSESSMENT_SUBMITTED)
    page = j.as_("pm").client.get(j.url("")).content.decode()
    assert "Submit the rurality proofing" in page
    check = check_answers(assessment)
    assert [card.title for card in check.cards] == ["Rurality proofing"]
    complete_rurality(j.refresh(), by=j.people["pm"])
    j.submit(fill=False)
    j.expect(
        "officer_review",
        holder="queue",
        event=EventType.RURALITY_PROOFING_SUBMITTED,
        from_state="rurality_proofing",
    )
    j.review("approve").sign_off().publish()
    j.expect("published", holder=None, event=EventType.PUBLISHED)
