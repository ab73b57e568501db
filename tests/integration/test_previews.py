"""Previews for the people preparing a decision: what the decision-maker will see, and the
public page before publication, from the same redaction as the register; after publishing,
the confirmation links to the public page."""

import pytest
from django.test import Client

from eia.audit import head
from eia.authorization import Role
from tests.factories import UserFactory
from tests.support import builders, content

pytestmark = pytest.mark.django_db

INTERNAL = content.Internal(
    comment="ZQCOMMENTMARK",
    approval_comment="ZQAPPROVALMARK",
    sign_off_comment="ZQSIGNOFFMARK",
    internal_notes="ZQNOTESMARK",
    private_evidence_title="ZQPRIVATEEVIDENCE",
    private_evidence_shows="ZQPRIVATESHOWS",
    progress_note="ZQPROGRESSMARK",
)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def signed(people, organisation):
    """Signed off, not yet published, full of internal material."""
    owner = UserFactory(
        organisation=organisation,
        first_name="Zqownerfirst",
        last_name="Zqownerlast",
        job_title="Head of Libraries",
    )
    return content.published_with_content(
        people,
        organisation,
        internal=INTERNAL,
        action_owner=owner,
        publish=False,
        title="Hawford library opening hours",
    )


def test_the_public_preview_is_the_redacted_page_bannered_as_not_yet_published(signed, people):
    response = _client(people["officer2"]).get(f"/assessments/{signed.pk}/publish/preview/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview — not yet published" in page
    assert "Hawford library opening hours" in page
    assert "Head of Libraries" in page  # owners by job title, as on the register
    squashed = "".join(page.split()).lower()
    leaks = [
        marker
        for marker in [*vars(INTERNAL).values(), "Zqownerfirst", "Zqownerlast"]
        if marker.lower() in squashed
    ]
    assert leaks == []
    assert f'href="/assessments/{signed.pk}/publish/"' in page  # the officer may publish


def test_the_public_preview_offers_publishing_only_to_who_may_publish(signed, people):
    page = _client(people["pm"]).get(f"/assessments/{signed.pk}/publish/preview/")
    assert page.status_code == 200
    assert f'href="/assessments/{signed.pk}/publish/"' not in page.content.decode()


def test_publishing_confirms_with_a_link_to_the_public_page(signed, people):
    client = _client(people["officer2"])
    assert (
        "Preview the public page"
        in client.get(f"/assessments/{signed.pk}/publish/").content.decode()
    )
    response = client.post(
        f"/assessments/{signed.pk}/publish/", {"seen": head(signed)}, follow=True
    )
    assert response.status_code == 200
    public = f"/public/{signed.organisation.slug}/{signed.pipeline_item.reference}/v1/"
    page = response.content.decode()
    assert "Published. It is due for review by" in page
    assert (
        f'<a class="govuk-notification-banner__link" href="{public}">Read the public page</a>'
        in page
    )
    assert client.get(public).status_code == 200
    # Once published, the preview is the real page.
    preview = client.get(f"/assessments/{signed.pk}/publish/preview/")
    assert preview.status_code == 302 and preview.url == public


def test_the_decision_makers_preview_shows_the_sign_off_pages_summary(people, organisation):
    assessment = builders.at_officer_review(people, organisation, title="Garden waste charge")
    viewer = UserFactory(organisation=organisation, roles=[Role.VIEWER])
    response = _client(viewer).get(f"/assessments/{assessment.pk}/sign-off/preview/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "What the decision-maker will see: Garden waste charge" in page
    assert "Nothing here is signed" in page
    assert "At a glance" in page and "Adverse impacts" in page
    assert "Record decision" not in page  # read-only: no sign-off form
    home = _client(people["pm"]).get(f"/assessments/{assessment.pk}/").content.decode()
    assert f'href="/assessments/{assessment.pk}/sign-off/preview/"' in home
    assert f'href="/assessments/{assessment.pk}/publish/preview/"' in home


def test_previews_answer_a_post_with_405(signed, people):
    client = _client(people["officer2"])
    for url in ("publish/preview/", "sign-off/preview/"):
        assert client.post(f"/assessments/{signed.pk}/{url}").status_code == 405
