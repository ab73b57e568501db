"""What is public and what is not: only published records are listed, anything else is a 404
at every address, and a superseded version stays readable."""

import pytest
from django.utils import timezone

from eia.audit import head
from eia.models import Assessment
from tests.integration.register.support import csv_rows, titles_in, url_of, whole_register
from tests.support import builders, content
from workflows import services

pytestmark = pytest.mark.django_db


def test_only_published_records_are_listed(client, organisation):
    people = builders.team(organisation)
    builders.published(people, organisation, title="Published one")
    builders.started(people, organisation, title="A draft")
    builders.at_screening_review(people, organisation, title="Under screening review")
    builders.at_officer_review(people, organisation, title="Under officer review")
    withdrawn = builders.started(people, organisation, title="Withdrawn one")
    services.withdraw(
        assessment_id=withdrawn.pk,
        by=people["pm"],
        seen=head(withdrawn),
        reason="No longer needed.",
    )
    assert titles_in(whole_register(client)) == {"Published one"}
    html = client.get("/public/").content.decode()
    for hidden in ("A draft", "Under screening review", "Under officer review", "Withdrawn one"):
        assert hidden not in html


def test_every_unpublished_state_is_404_at_every_address(client, organisation):
    people = builders.team(organisation)
    records = [
        builders.started(people, organisation),
        builders.at_screening_review(people, organisation),
        builders.at_officer_review(people, organisation),
    ]
    signed = builders.at_officer_review(people, organisation)
    services.review_assessment(
        assessment_id=signed.pk,
        seen=head(signed),
        by=people["officer"],
        approve=True,
        comment="",
    )
    builders.sign(people, signed)
    records.append(Assessment.objects.get(pk=signed.pk))
    withdrawn = builders.started(people, organisation)
    services.withdraw(
        assessment_id=withdrawn.pk, by=people["pm"], seen=head(withdrawn), reason="Dropped."
    )
    records.append(withdrawn)
    states = {Assessment.objects.get(pk=a.pk).state for a in records}
    assert states == {"screening", "screening_review", "officer_review", "signed_off", "withdrawn"}
    for assessment in records:
        for suffix in ("", "summary.pdf", "full.pdf"):
            response = client.get(url_of(assessment, suffix))
            assert response.status_code == 404, (assessment.state, suffix)
            assert assessment.title.encode() not in response.content


def test_another_organisations_address_is_404(client, organisation, other_organisation):
    people = builders.team(organisation)
    ours = builders.published(people, organisation)
    theirs = builders.published(builders.team(other_organisation), other_organisation)
    assert client.get(url_of(ours)).status_code == 200
    wrong = f"/public/{other_organisation.slug}/{ours.pipeline_item.reference}/v1/"
    assert client.get(wrong).status_code == 404
    assert client.get(wrong + "full.pdf").status_code == 404
    assert client.get(url_of(ours).replace("/v1/", "/v2/")).status_code == 404
    report = timezone.localdate()
    quarter = (report.month - 1) // 3 + 1
    html = client.get(
        f"/public/{organisation.slug}/screening-report/{report.year}/q{quarter}/"
    ).content.decode()
    assert ours.title in html
    assert theirs.title not in html


def test_a_superseded_version_stays_readable_and_points_to_the_current_one(client, organisation):
    people = builders.team(organisation)
    first = builders.published(people, organisation, title="Leisure card")
    second = content.publish_review(people, first)
    assert Assessment.objects.get(pk=first.pk).state == "superseded"
    old = client.get(url_of(first))
    assert old.status_code == 200
    html = old.content.decode()
    assert "This version has been superseded" in html
    assert f'href="{url_of(second)}"' in html
    current = client.get(url_of(second)).content.decode()
    assert "superseded" not in current.split("Other versions")[0]
    assert f'href="{url_of(first)}"' in current
    # The register lists the current version only.
    rows = csv_rows(whole_register(client))
    assert [(row[2], row[3]) for row in rows[1:]] == [("Leisure card", "2")]
    assert client.get(url_of(first, "summary.pdf")).status_code == 200
