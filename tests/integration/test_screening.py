"""Screening through the web: the generated form, save and return, completeness, the officer's
view of the computed outcome, overrides with reasons, and reproducibility of stored results."""

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import screening_rules
from eia import screening
from eia.audit import head
from eia.events import EventType
from eia.models import Nation, Screening
from tests.factories import OrganisationFactory, PipelineItemFactory
from tests.support import builders
from tests.support.screening_answers import answers_for, as_post_data
from workflows import services

pytestmark = pytest.mark.django_db


def _form_post(journey, answers, action="save"):
    return journey.as_("pm").client.post(
        journey.url("screening/"),
        as_post_data(answers) | journey.stale_guard() | {"action": action},
    )


def test_the_form_is_generated_from_the_question_file(journey):
    j = journey.start()
    page = j.as_("pm").client.get(j.url("screening/")).content.decode()
    ruleset = screening_rules.load_ruleset("england")
    for question_id in ("access", "staff", "budget", "other_policy", "public_concern"):
        label = ruleset.question(question_id).label
        assert label.replace("'", "&#x27;") in page or label in page
    # Rurality is switched on for this organisation; carers is not.
    assert "Likely impact on people living in rural areas" in page
    assert "unpaid carers" not in page
    # Conditional questions appear only when relevant.
    assert "Can the negative impacts be removed or reduced" not in page
    assert 'name="impact__disability__level"' in page
    assert 'type="radio"' in page and 'class="govuk-radios' in page


def test_conditional_question_appears_after_saving_a_minor_negative_impact(journey):
    j = journey.start()
    answers = answers_for("screened_out_with_mitigation")
    del answers["mitigation_possible"], answers["mitigation"]
    assert _form_post(j, answers).status_code == 302
    page = j.as_("pm").client.get(j.url("screening/")).content.decode()
    assert "Can the negative impacts be removed or reduced" in page


def test_save_and_return_keeps_partial_answers_without_a_result(journey):
    j = journey.start()
    response = _form_post(j, {"access": "yes"})
    assert response.status_code == 302
    record = Screening.objects.get(assessment=j.assessment)
    assert record.answers == {"access": "yes"}
    assert record.result is None
    event = j.assessment.audit_events.first()
    assert event.details["changed_questions"] == ["access"]
    assert event.details["complete"] is False


def test_save_and_continue_lists_what_is_missing_and_keeps_answers(journey):
    j = journey.start()
    response = _form_post(j, {"access": "yes", "staff": "no"}, action="continue")
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select whether there is a change in budget or resources" in page
    assert "Select the likely impact on disabled people" in page
    assert 'href="#id_impact__disability__level_0"' in page
    assert Screening.objects.get(assessment=j.assessment).answers == {
        "access": "yes",
        "staff": "no",
    }


def test_complete_answers_continue_to_submit_with_the_result_stored(journey):
    j = journey.start()
    response = _form_post(j, answers_for("full_assessment", rural=True), action="continue")
    assert response.status_code == 302 and response.url.endswith("/submit/")
    record = Screening.objects.get(assessment=j.assessment)
    assert record.result["outcome"] == "full_assessment"
    assert record.result["flags"] == ["rurality_proofing_required"]
    assert record.result["ruleset"] == {
        "id": "england",
        "version": 2,  # the latest released, as the organisation leaves its version blank
        "sha256": record.ruleset_sha256,
    }
    assert j.refresh().rurality_proofing_required is True


def test_submitting_an_incomplete_screening_is_refused_with_a_count(journey):
    j = journey.start()
    _form_post(j, {"access": "yes"})
    response = j.as_("pm").client.post(j.url("submit/"), j.stale_guard())
    assert response.status_code == 400
    assert "Answer every screening question before you submit it" in response.content.decode()
    j.expect("screening", holder="pm", event=EventType.SECTION_EDITED)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("access", "maybe", "Select a valid choice"),
        ("mitigation", "x" * 2001, "2,000 characters or fewer"),
        ("mitigation", "paper\x00forms", "Null characters are not allowed"),
        ("impact__disability__level", "catastrophic", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_message_and_loses_nothing(journey, field, value, message):
    j = journey.start()
    _form_post(j, {"staff": "yes"})
    response = j.as_("pm").client.post(
        j.url("screening/"),
        journey.stale_guard() | {"action": "save", "budget": "no", field: value},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert Screening.objects.get(assessment=j.assessment).answers == {"staff": "yes"}


def test_officer_sees_computed_outcome_reasons_and_answers(journey):
    j = journey.start().answer_screening(rurality=True).submit()
    page = j.as_("officer").client.get(j.url("review-screening/")).content.decode()
    assert "What the screening rules say: Full assessment required" in page
    assert "the likely negative impact on disabled people is major" in page
    assert "Rurality proofing required" in page
    assert "The author's answers" in page


def test_override_needs_a_reason_and_is_audited(journey):
    j = journey.start().answer_screening(rurality=False, outcome="full_assessment").submit()
    data = j.stale_guard() | {"decision": "screened_out", "reasons": "Impact is on staff only."}
    response = j.as_("officer").client.post(j.url("review-screening/"), data)
    assert response.status_code == 400
    assert "Explain why you are deciding differently" in response.content.decode()
    j.expect("screening_review", holder="queue", event=EventType.SCREENING_SUBMITTED)
    j.as_("officer").post(
        j.url("review-screening/"),
        data | {"override_reason": "The 'major impact' is on a service being expanded."},
    )
    events = list(j.assessment.audit_events.order_by("-sequence")[:2])
    assert [e.event_type for e in events] == [
        EventType.SCREENING_CONFIRMED_OUT,
        EventType.SCREENING_OVERRIDDEN,
    ]
    assert events[1].details == {
        "computed_outcome": "full_assessment",
        "confirmed_outcome": "screened_out",
    }
    assert events[1].comment == "The 'major impact' is on a service being expanded."
    assert j.refresh().screening_outcome == "screened_out"
    assert Screening.objects.get(assessment=j.assessment).override_reason.startswith("The")


def test_confirming_the_computed_outcome_needs_no_override(journey):
    j = journey.start().answer_screening(rurality=False, outcome="full_assessment").submit()
    j.review_screening("full_assessment")
    assert not j.assessment.audit_events.filter(event_type=EventType.SCREENING_OVERRIDDEN).exists()


def test_a_review_version_starts_from_the_previous_answers(organisation):
    people = builders.team(organisation)
    first = builders.published(people, organisation)
    second = services.start_review(assessment_id=first.pk, seen=head(first), by=people["officer"])
    assert second.screening.answers == first.screening.answers
    assert second.screening.result is None  # the author confirms before it counts


def test_stored_result_reproduces_after_a_newer_version_is_released(
    organisation, tmp_path, monkeypatch
):
    people = builders.team(organisation)
    assessment = builders.at_screening_review(people, organisation, outcome="full_assessment")
    stored = Screening.objects.get(assessment=assessment)
    # Release a v3 of the England rules in a copy of the rules folder, where a major impact
    # no longer needs a full assessment (a bad idea, but it shows nothing changes for v2).
    root = tmp_path / "rules"
    shutil.copytree(screening_rules.DEFAULT_ROOT, root)
    v2 = (root / "rulesets" / "england" / "v2.toml").read_text()
    v3 = v2.replace("version = 2", "version = 3", 1).replace(
        'id = "major_impact"\noutcome = "full_assessment"',
        'id = "major_impact"\noutcome = "screened_out_with_mitigation"',
    )
    assert v3 != v2
    (root / "rulesets" / "england" / "v3.toml").write_text(v3)
    assert screening_rules.run_lock(root=root, paths=[root / "rulesets/england/v3.toml"]) == 0
    original_load = screening_rules.load_ruleset
    monkeypatch.setattr(
        screening_rules, "load_ruleset", lambda *a, **k: original_load(*a, **k, root=root)
    )
    screening._load.cache_clear()
    try:
        assert screening.current_ruleset(organisation).version == 3
        pinned = screening.pinned_ruleset(stored)
        assert pinned.version == 2
        again = screening_rules.evaluate(pinned, stored.answers, stored.result["characteristics"])
        assert again.to_dict() == stored.result
        newer = screening_rules.evaluate(
            screening.current_ruleset(organisation), stored.answers, stored.characteristics
        )
        assert newer.outcome != stored.result["outcome"]
    finally:
        screening._load.cache_clear()


def test_organisations_use_their_own_rule_set(make_user):
    from eia.authorization import Role

    wales = OrganisationFactory(
        nation=Nation.WALES, screening_ruleset="wales", local_characteristics=[]
    )
    ni = OrganisationFactory(
        nation=Nation.NORTHERN_IRELAND,
        screening_ruleset="northern_ireland",
        local_characteristics=[],
    )
    for organisation, expected in [(wales, "Welsh"), (ni, "political opinion")]:
        pm = make_user(Role.PROJECT_MANAGER, organisation=organisation)
        item = PipelineItemFactory(organisation=organisation, owner=pm)
        assessment = services.start_assessment(pipeline_item_id=item.pk, by=pm)
        assert assessment.screening.ruleset_id == organisation.screening_ruleset
        from django.test import Client

        client = Client()
        client.force_login(pm)
        page = client.get(f"/assessments/{assessment.pk}/screening/").content.decode()
        assert expected in page, organisation.screening_ruleset


def test_management_command_checks_lists_and_evaluates(tmp_path, capsys):
    call_command("screening", "check")
    assert "No problems found." in capsys.readouterr().out
    call_command("screening", "list")
    listed = capsys.readouterr().out
    assert "england@1" in listed and "england@2" in listed
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(answers_for("screened_out_with_mitigation")))
    call_command("screening", "evaluate", "--ruleset", "england@2", "--answers", str(answers))
    out = capsys.readouterr().out
    assert "Outcome: Screened out with mitigation" in out
    assert "the likely negative impact on people of different ages is minor" in out
    answers.write_text(json.dumps({"access": "yes"}))
    with pytest.raises(CommandError):
        call_command("screening", "evaluate", "--ruleset", "england", "--answers", str(answers))
    assert "Select whether" in capsys.readouterr().out


def test_management_command_reports_a_broken_file_with_its_line(tmp_path, capsys):
    root = tmp_path / "rules"
    shutil.copytree(screening_rules.DEFAULT_ROOT, root)
    path = root / "rulesets" / "england" / "v1.toml"
    path.write_text(
        path.read_text().replace(
            'answer = "staff", equals = "yes"', 'answer = "staf", equals = "yes"', 1
        )
    )
    with pytest.raises(CommandError):
        call_command("screening", "check", "--root", str(root))
    out = capsys.readouterr().out
    assert "v1.toml:" in out and "staf" in out


def test_lead_switches_on_a_local_characteristic_for_own_organisation_only(client, lead):
    client.force_login(lead)
    response = client.post(
        "/admin/eia/localcharacteristic/add/",
        {"characteristic": "carers", "starts_on": "2026-04-01", "ends_on": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "carers" in screening.enabled_local_characteristics(lead.organisation)
    response = client.post(
        "/admin/eia/localcharacteristic/add/",
        {"characteristic": "not_a_thing", "starts_on": "2026-04-01"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_superuser_cannot_pin_a_version_that_does_not_exist(
    client, django_user_model, organisation
):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x-password-1")
    client.force_login(admin)
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "nation": organisation.nation,
        "screening_ruleset": "england",
        "screening_ruleset_version": "7",
        "local_characteristics-TOTAL_FORMS": "0",
        "local_characteristics-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/eia/organisation/{organisation.pk}/change/", data)
    assert response.status_code == 200
    assert "england has no released version 7" in response.content.decode()


def test_superuser_cannot_give_an_organisation_another_nations_rule_set_and_sets_its_year(
    client, django_user_model, organisation
):
    """The rule set's jurisdiction decides the duty the impact page asks (eia/aims.py)."""
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x-password-1")
    client.force_login(admin)
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "nation": "northern_ireland",
        "screening_ruleset": "england",
        "screening_ruleset_version": "",
        "reporting_year": "financial",
        "local_characteristics-TOTAL_FORMS": "0",
        "local_characteristics-INITIAL_FORMS": "0",
    }
    url = f"/admin/eia/organisation/{organisation.pk}/change/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose a rule set for Northern Ireland: england is for England" in (
        response.content.decode()
    )
    for bad in ("quarterly", "<script>", "\x00"):
        response = client.post(url, data | {"nation": "england", "reporting_year": bad})
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = client.post(url, data | {"screening_ruleset": "northern_ireland"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.nation, organisation.reporting_year) == ("northern_ireland", "financial")
