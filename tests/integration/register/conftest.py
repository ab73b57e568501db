"""The `register` fixture: published records of two organisations, on different days."""

import datetime

import pytest
from django.utils import timezone

from eia.register import published_file
from tests.factories import DirectorateFactory
from tests.integration.register.support import published_on
from tests.support import builders, content


@pytest.fixture
def register(organisation, other_organisation):
    """Three records of Northshire and one of Eastdale, published on different days."""
    people = builders.team(organisation)
    libraries = DirectorateFactory(organisation=organisation, name="Libraries and Culture")
    environment = DirectorateFactory(organisation=organisation, name="Environment")
    library = content.published_with_content(
        people,
        organisation,
        rurality=False,
        title="Hawford library opening hours",
        directorate=libraries,
    )
    bins = content.published_screened_out(
        people, organisation, title="Bin collection day change", directorate=environment
    )
    parking = content.published_screened_out(
        people,
        organisation,
        outcome="screened_out_with_mitigation",
        answers_outcome="screened_out_with_mitigation",
        mitigation="Blue badge bays stay free.",
        reasons="Minor impact on older drivers, mitigated.",
        title="Parking permit prices",
        directorate=environment,
    )
    eastdale_people = builders.team(other_organisation)
    leisure = content.published_with_content(
        eastdale_people, other_organisation, rurality=False, title="Eastdale leisure centre"
    )
    today = timezone.localdate()
    published_on(library, today - datetime.timedelta(days=3))
    published_on(bins, today - datetime.timedelta(days=2))
    published_on(parking, today - datetime.timedelta(days=1))
    published_file.regenerate()  # as the task queued by publishing does
    return {
        "people": people,
        "library": library,
        "bins": bins,
        "parking": parking,
        "leisure": leisure,
        "libraries": libraries,
        "environment": environment,
    }
