"""Timeliness in working days with the bank holidays of the organisation's nation: around the
May bank holidays of 2026 in England, 20 working days before a decision on 1 June is 30 April
(in calendar weeks, or ignoring the holidays, 1 May would pass), and 20 working days after a
sign-off on 20 May is 18 June. The dashboard shows the same figures through HTTP."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from eia.calendar import add_working_days
from eia.models import Assessment, PipelineItem
from equality.selectors.timeliness import Targets, measure, reporting_year, year_label, year_of
from tests.support import builders

pytestmark = pytest.mark.django_db

DECISION = datetime.date(2026, 6, 1)
SIGNED = datetime.date(2026, 5, 20)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _dated(assessment, *, created, signed=SIGNED, published):
    PipelineItem.objects.filter(pk=assessment.pipeline_item_id).update(decision_date=DECISION)
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=_at(created), signed_off_at=_at(signed), published_at=_at(published)
    )


def test_the_bank_holidays_of_may_2026_are_counted():
    assert add_working_days(DECISION, -20) == datetime.date(2026, 4, 30)
    assert add_working_days(SIGNED, 20) == datetime.date(2026, 6, 18)


def test_started_and_published_in_time_are_counted_in_working_days(people, organisation):
    in_time = builders.published(people, organisation, title="Library hours")
    late = builders.published(people, organisation, title="Bus routes")
    _dated(in_time, created=datetime.date(2026, 4, 30), published=datetime.date(2026, 6, 18))
    _dated(late, created=datetime.date(2026, 5, 1), published=datetime.date(2026, 6, 19))
    found = measure(
        Assessment.objects.filter(organisation=organisation),
        nation=organisation.nation,
        targets=Targets(),
        today=datetime.date(2026, 12, 1),
    )
    assert (found.decided, found.started_in_time, found.signed_before_decision) == (2, 1, 2)
    assert (found.signed_off, found.published_in_time) == (2, 1)
    tighter = measure(
        Assessment.objects.filter(organisation=organisation),
        nation=organisation.nation,
        targets=Targets(started_before_days=21, publish_within_days=19),
        today=datetime.date(2026, 12, 1),
    )
    assert (tighter.started_in_time, tighter.published_in_time) == (0, 0)
    client = Client()
    client.force_login(people["lead"])
    page = client.get("/dashboard/").content.decode()
    assert "Started at least 20 working days before the decision" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1 of 2</td>' in page


def test_reporting_years():
    april, january = Targets(year_starts_month=4), Targets(year_starts_month=1)
    assert reporting_year(april, 2026) == (datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))
    assert year_of(april, datetime.date(2027, 3, 31)) == 2026
    assert year_of(april, datetime.date(2027, 4, 1)) == 2027
    assert year_of(january, datetime.date(2027, 3, 31)) == 2027
    assert (year_label(april, 2026), year_label(january, 2026)) == ("2026 to 2027", "2026")
