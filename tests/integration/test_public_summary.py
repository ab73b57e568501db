"""The public page leads with a plain-English summary (what is changing, who is affected, what
the organisation will do, the decision) and the organisation's contact details and how to ask
for another format, which only its lead changes, on the organisation's own trail."""

import pytest
from django.test import Client

from eia.authorization import Role
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import AuditEvent
from eia.public_summary import plain_summary
from eia.redaction import public_record
from eia.register.links import record_url
from eia.services import reference_data
from tests.factories import UserFactory
from tests.support import builders, content

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(organisation):
    return UserFactory(organisation=organisation, roles=[Role.EQUALITY_LEAD])


def test_the_public_page_leads_with_the_summary_and_the_contact_details(people, organisation, lead):
    reference_data.set_public_contact(
        by=lead, contact="equality@northshire.example.org", other_formats="Ask for easy read."
    )
    published = content.published_with_content(
        people, organisation, title="Hawford library opening hours"
    )
    page = Client().get(record_url(public_record(published))).content.decode()
    main = page[page.index("<main") :]
    assert main.index("In summary") < main.index("About this record")
    for label in ("What is changing", "Who is affected", "What Northshire will do", "Decision"):
        assert label in main
    assert "equality@northshire.example.org" in main
    assert "If you need this in another format" in main and "Ask for easy read." in main
    plain = plain_summary(public_record(published))
    assert "A likely negative impact on: Disability" in plain.affected
    assert "action" in plain.will_do
    assert plain.status.startswith("Signed off by")


def test_a_screened_out_record_says_so_in_plain_words(people, organisation):
    published = content.published_screened_out(
        people,
        organisation,
        outcome="screened_out_with_mitigation",
        answers_outcome="screened_out_with_mitigation",
        reasons="Only a handful of users are affected.",
        mitigation="Paper forms stay available.",
        title="Library card redesign",
    )
    plain = plain_summary(public_record(published))
    assert "no impact that needs a full equality impact assessment" in plain.affected
    assert "Paper forms stay available." in plain.will_do


def test_without_contact_details_the_page_has_no_contact_heading(people, organisation):
    published = builders.published(people, organisation, title="Garden waste charge")
    page = Client().get(record_url(public_record(published))).content.decode()
    assert 'id="contact"' not in page
    assert "In summary" in page


def test_only_the_lead_changes_the_contact_details_and_each_change_is_on_the_trail(
    organisation, lead, people
):
    with pytest.raises(NotAllowed):
        reference_data.set_public_contact(by=people["officer"], contact="x", other_formats="")
    reference_data.set_public_contact(by=lead, contact="  01234 567890 ", other_formats="")
    reference_data.set_public_contact(by=lead, contact="01234 567890", other_formats="")
    (event,) = AuditEvent.objects.filter(event_type=EventType.PUBLIC_CONTACT_CHANGED)
    assert event.assessment_id is None and event.organisation_id == organisation.pk
    assert event.details == {"public_contact": ["", "01234 567890"]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"contact": "x" * 1001}, "1,000 characters or fewer"),
        ({"other_formats": "y" * 1001}, "1,000 characters or fewer"),
        ({"contact": "phone\x00 us"}, "Null characters are not allowed"),
    ],
)
def test_bad_contact_details_get_a_message_and_change_nothing(organisation, lead, data, message):
    client = Client()
    client.force_login(lead)
    response = client.post("/organisation/public-contact/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.public_contact == "" and organisation.other_formats == ""


def test_the_service_refuses_text_over_the_limit(lead):
    with pytest.raises(InvalidInput, match="1,000 characters"):
        reference_data.set_public_contact(by=lead, contact="z" * 1001, other_formats="")


def test_the_lists_page_shows_and_links_the_contact_details(lead):
    client = Client()
    client.force_login(lead)
    page = client.get("/organisation/lists/").content.decode()
    assert 'href="/organisation/public-contact/"' in page
