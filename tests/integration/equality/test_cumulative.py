"""Cumulative impact through HTTP: three overlapping proposals, each group listing every live
proposal with an adverse impact on it (with size and mitigation), a budget round that reads
only its own proposals, and a withdrawn proposal that no longer counts."""

import pytest
from django.test import Client

from eia.audit import head
from eia.authorization import Role
from eia.events import EventType
from eia.models import AuditEvent
from equality.models import Programme
from equality.selectors import cumulative
from equality.services import programmes
from equality.views import cumulative as cumulative_views
from tests.factories import UserFactory
from tests.support import builders
from workflows import services
from workflows.demo.stories import Story, complete_full

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _assessed(people, organisation, title, story):
    assessment = builders.at_screening_review(people, organisation, title=title)
    services.review_screening(
        assessment_id=assessment.pk,
        seen=head(assessment),
        by=people["officer"],
        decision=services.ScreeningDecision("full_assessment", "Major impact."),
    )
    assessment.refresh_from_db()
    complete_full(assessment, by=people["pm"], story=story)
    return services.submit_full_assessment(
        assessment_id=assessment.pk, seen=head(assessment), by=people["pm"]
    )


@pytest.fixture
def three(people, organisation):
    libraries = _assessed(
        people,
        organisation,
        "Library closures",
        Story(adverse="disability", extra_negative={"age": "Older people lose a local branch."}),
    )
    buses = _assessed(
        people,
        organisation,
        "Rural bus subsidy cut",
        Story(
            adverse="age",
            adverse_who="Older people without a car.",
            mitigation="Community transport grant",
            extra_negative={"disability": "Disabled people who rely on the bus."},
        ),
    )
    care = _assessed(
        people,
        organisation,
        "Day centre charges",
        Story(adverse="disability", mitigation="Hardship fund for day centre users"),
    )
    return libraries, buses, care


def test_each_group_lists_every_live_proposal_with_an_adverse_impact_on_it(
    people, organisation, three
):
    groups = {
        group.characteristic: group for group in cumulative.by_group(organisation=organisation)
    }
    titles = {
        key: {impact.assessment.pipeline_item.title for impact in group.impacts}
        for key, group in groups.items()
    }
    assert titles["disability"] == {
        "Library closures",
        "Rural bus subsidy cut",
        "Day centre charges",
    }
    assert titles["age"] == {"Library closures", "Rural bus subsidy cut"}
    assert groups["disability"].major == 2  # the bus cut is minor for disabled people
    page = _client(people["officer"]).get("/cumulative-impact/").content.decode()
    assert "Disability: 3 proposals with an adverse impact (2 major)" in page
    assert "Age: 2 proposals with an adverse impact" in page
    assert "Hardship fund for day centre users" in page
    assert "Older people without a car." in page


def test_the_page_is_paginated_and_each_group_counts_all_its_pages(
    people, organisation, three, monkeypatch
):
    monkeypatch.setattr(cumulative_views, "PER_PAGE", 2)  # 5 impacts: 3 pages
    client = _client(people["officer"])
    pages = [client.get(f"/cumulative-impact/?page={n}").content.decode() for n in (1, 2, 3)]
    assert all('aria-label="Pages of the cumulative impact"' in page for page in pages)
    assert 'href="?page=2"' in pages[0]
    assert sum(p.count('class="app-break-words"') for p in pages) == 5
    # Disability (3) straddles pages, and its heading still counts all three.
    assert sum("Disability: 3 proposals with an adverse impact (2 major)" in p for p in pages) >= 2
    assert client.get("/cumulative-impact/?page=99").status_code == 200


def test_a_budget_round_reads_only_its_own_proposals(people, organisation, three):
    libraries, buses, _care = three
    client = _client(people["lead"])
    response = client.post(
        "/programmes/add/",
        {
            "name": "Budget 2027 to 2028",
            "description": "Savings proposals",
            "items": [libraries.pipeline_item_id, buses.pipeline_item_id],
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    event = AuditEvent.objects.get(event_type=EventType.PROGRAMME_ADDED)
    assert event.assessment is None and event.details["name"] == "Budget 2027 to 2028"
    page = client.get(f"/programmes/{programme.pk}/").content.decode()
    assert "Disability: 2 proposals" in page and "Day centre charges" not in page
    filtered = client.get(f"/cumulative-impact/?programme={programme.pk}").content.decode()
    assert "Disability: 2 proposals" in filtered


def test_a_withdrawn_proposal_no_longer_counts(people, organisation, three):
    _libraries, _buses, care = three
    services.withdraw(
        assessment_id=care.pk, seen=head(care), by=people["pm"], reason="Dropped from the budget."
    )
    groups = {g.characteristic: g for g in cumulative.by_group(organisation=organisation)}
    assert len(groups["disability"].impacts) == 2


def test_only_the_lead_keeps_programmes_and_another_organisation_sees_none(
    people, organisation, other_organisation, three
):
    libraries = three[0]
    assert (
        _client(people["officer"])
        .post("/programmes/add/", {"name": "Mine", "items": [libraries.pipeline_item_id]})
        .status_code
        == 403
    )
    programme = programmes.save_programme(
        by=people["lead"], name="Budget", item_ids=[libraries.pipeline_item_id]
    )
    stranger = UserFactory(organisation=other_organisation, roles=[Role.EQUALITY_LEAD])
    client = _client(stranger)
    assert client.get(f"/programmes/{programme.pk}/").status_code == 404
    assert client.get(f"/programmes/{programme.pk}/change/").status_code == 404
    assert "Library closures" not in client.get("/cumulative-impact/").content.decode()
    response = client.post(
        "/programmes/add/", {"name": "Theirs", "items": [libraries.pipeline_item_id]}
    )
    assert response.status_code == 400  # not one of their proposals


def test_the_officer_review_and_sign_off_show_the_other_proposals_hitting_the_same_groups(
    people, organisation, three
):
    libraries, buses, care = three
    page = _client(people["officer"]).get(f"/assessments/{care.pk}/review/").content.decode()
    section = page[page.index('id="other-proposals"') :]
    assert "Library closures" in section and "Rural bus subsidy cut" in section
    assert "Day centre charges</a>" not in section  # not itself
    services.review_assessment(
        assessment_id=care.pk, seen=head(care), by=people["officer"], approve=True, comment=""
    )
    signing = _client(people["dm"]).get(f"/assessments/{care.pk}/sign-off/").content.decode()
    assert "Other proposals that affect the same groups" in signing
    assert "Library closures" in signing[signing.index('id="other-proposals"') :]
