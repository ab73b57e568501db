"""Query counts of the register's lists do not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eia.authorization import Role
from tests.factories import OrganisationFactory, UserFactory
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def _many(organisation, count):
    people = builders.team(organisation)
    owner = UserFactory(organisation=organisation, roles=[Role.VIEWER], job_title="Officer")
    for number in range(count):
        assessment = content.published_screened_out(
            people, organisation, title=f"Proposal {number}"
        )
        content.add_rows_directly(assessment, owner=owner)


def _queries(client, url) -> int:
    """Queries of one request, a streamed body included (it is read as it is sent)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        response.getvalue()
    return len(captured)


def test_list_pages_cost_the_same_queries_with_2_and_20_records(client, db):
    small, large = OrganisationFactory(), OrganisationFactory()
    _many(small, 2)
    _many(large, 20)
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    for template in (
        "/public/?organisation={slug}",
        "/public/register.csv?organisation={slug}",
        "/public/register.json?organisation={slug}",
        "/public/feed.atom?organisation={slug}",
        f"/public/{{slug}}/screening-report/{today.year}/q{quarter}/",
        f"/public/{{slug}}/screening-report/{today.year}/q{quarter}.csv",
    ):
        # The filter options are cached; the feed is cached per address (the warm-up's is
        # another address, so both measured feeds are built).
        warm = template.format(slug=small.slug)
        _queries(client, warm + ("&" if "?" in warm else "?") + "warm=1")
        few = _queries(client, template.format(slug=small.slug))
        many = _queries(client, template.format(slug=large.slug))
        assert few == many, (template, few, many)
        assert many <= 20, (template, many)
