"""The equality lead chooses the organisation's screening rules among the released rule sets of
its nation, on the organisation's own trail; nobody else may, another nation's rules are refused
with a message, and a screening already started keeps the rules it started with."""

import pytest
from django.test import Client

from eia import audit, screening
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import AuditEvent, Nation, SettingChange
from eia.services import rulesets
from tests.factories import OrganisationFactory
from tests.support import builders

pytestmark = pytest.mark.django_db

URL = "/organisation/screening-rules/"


@pytest.fixture
def wales():
    return OrganisationFactory(
        nation=Nation.WALES, screening_ruleset="wales", local_characteristics=[]
    )


@pytest.fixture
def team(wales):
    return builders.team(wales)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_the_nations_released_rules_with_their_flags(team):
    page = _client(team["lead"]).get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    for choice in screening.released_choices("wales"):
        assert f"{choice.title}, version {choice.version}" in text
        for flag in choice.flags:
            assert flag in text
    assert "Socio-economic" in text
    assert "keeps the rules it was started with" in text
    assert "Fairer Scotland" not in text
    lists = _client(team["lead"]).get("/organisation/lists/").content.decode()
    assert f'href="{URL}"' in lists


def test_the_lead_changes_the_rules_and_it_is_on_the_organisations_trail(wales, team):
    response = _client(team["lead"]).post(URL, {"choice": "wales@1"})
    assert response.status_code == 302

    wales.refresh_from_db()
    assert (wales.screening_ruleset, wales.screening_ruleset_version) == ("wales", 1)
    (event,) = AuditEvent.objects.filter(event_type=EventType.SCREENING_RULESET_CHANGED)
    assert event.assessment_id is None and event.organisation_id == wales.pk
    assert event.details == {"screening_ruleset": ["wales", "wales@1"]}
    assert audit.verify_chain(None, organisation=wales).intact
    (change,) = SettingChange.objects.filter(organisation=wales, setting="screening_ruleset")
    assert (change.before, change.after, change.actor) == ("wales", "wales@1", team["lead"])
    # The same choice again records nothing.
    rulesets.set_screening_ruleset(by=team["lead"], choice="wales@1")
    assert AuditEvent.objects.filter(event_type=EventType.SCREENING_RULESET_CHANGED).count() == 1
    page = _client(team["lead"]).get(URL).content.decode()
    assert "changed them from wales to wales@1" in page


@pytest.mark.parametrize("role", ["pm", "officer", "dm"])
def test_only_the_lead_may_change_the_rules(wales, team, role):
    assert _client(team[role]).get(URL).status_code == 403
    assert _client(team[role]).post(URL, {"choice": "wales@1"}).status_code == 403
    with pytest.raises(NotAllowed):
        rulesets.set_screening_ruleset(by=team[role], choice="wales@1")
    wales.refresh_from_db()
    assert wales.screening_ruleset_version is None


def test_another_nations_rules_are_refused_with_a_message(wales, team):
    with pytest.raises(InvalidInput, match="is for Scotland: choose rules for Wales"):
        rulesets.set_screening_ruleset(by=team["lead"], choice="scotland@1")
    response = _client(team["lead"]).post(URL, {"choice": "scotland@1"})
    assert response.status_code == 400
    assert "Select one of the released screening rule sets listed" in response.content.decode()
    wales.refresh_from_db()
    assert wales.screening_ruleset == "wales"


@pytest.mark.parametrize(
    "choice", ["", "wales@999", "../../etc/passwd", "wales\x00", "wales@x", "nowhere", "w" * 500]
)
def test_bad_choices_get_a_message_not_an_error(wales, team, choice):
    response = _client(team["lead"]).post(URL, {"choice": choice})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    with pytest.raises(InvalidInput):
        rulesets.set_screening_ruleset(by=team["lead"], choice=choice)
    wales.refresh_from_db()
    assert (wales.screening_ruleset, wales.screening_ruleset_version) == ("wales", None)


def test_another_organisations_lead_changes_only_their_own(wales, team):
    other = OrganisationFactory(nation=Nation.WALES, screening_ruleset="wales")
    other_lead = builders.team(other)["lead"]
    rulesets.set_screening_ruleset(by=other_lead, choice="wales@1")
    wales.refresh_from_db()
    other.refresh_from_db()
    assert wales.screening_ruleset_version is None
    assert other.screening_ruleset_version == 1


def test_a_screening_started_keeps_its_rules_after_the_choice_changes(wales, team):
    rulesets.set_screening_ruleset(by=team["lead"], choice="wales@1")
    started = builders.started(team, wales)
    pinned = (started.screening.ruleset_id, started.screening.ruleset_version)
    sha = started.screening.ruleset_sha256
    assert pinned == ("wales", 1)

    rulesets.set_screening_ruleset(by=team["lead"], choice="wales")

    started.screening.refresh_from_db()
    assert (started.screening.ruleset_id, started.screening.ruleset_version) == pinned
    assert started.screening.ruleset_sha256 == sha
    newest = max(c.version for c in screening.released_choices("wales"))
    later = builders.started(team, wales)
    assert later.screening.ruleset_version == newest
