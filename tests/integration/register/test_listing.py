"""A register page's line for a record says what the record's own page says."""

import pytest

from eia.errors import NotFound
from eia.models import Assessment, Impact, State
from eia.public_listing import PublicListing, public_listing, with_listing_content
from eia.redaction import public_record, with_public_content
from eia.services import pipeline
from tests.factories import DirectorateFactory

SHARED = [name for name in PublicListing.__dataclass_fields__ if name != "adverse_impacts"]


def _both(assessment):
    listed = public_listing(with_listing_content(Assessment.objects).get(pk=assessment.pk))
    record = public_record(with_public_content(Assessment.objects).get(pk=assessment.pk))
    return listed, record


def _same(listed, record):
    for name in SHARED:
        assert getattr(listed, name) == getattr(record, name), name
    assert listed.record_type == record.record_type
    assert [(i.characteristic_name, i.size_label) for i in listed.adverse_impacts] == [
        (i.characteristic_name, i.size_label) for i in record.adverse_impacts
    ]


@pytest.mark.django_db
def test_every_kind_of_record_is_listed_as_its_page_shows_it(register):
    for key in ("library", "bins", "parking", "leisure"):
        listed, record = _both(register[key])
        _same(listed, record)
    listed, _ = _both(register["library"])
    assert listed.adverse_impacts, "the full assessment has an adverse impact to list"
    assert Impact.objects.filter(assessment=register["library"], direction="positive").exists()


@pytest.mark.django_db
def test_a_record_is_listed_with_the_facts_its_decision_maker_saw(register):
    library = register["library"]
    item = library.pipeline_item
    renamed = DirectorateFactory(organisation=library.organisation, name="Renamed")
    pipeline.change_item(
        item_id=item.pk,
        by=register["people"]["lead"],
        changes={"title": "Renamed after sign-off", "directorate": renamed.pk},
    )
    listed, record = _both(library)
    _same(listed, record)
    assert listed.title == "Hawford library opening hours"
    assert listed.directorate == "Libraries and Culture"


def test_an_unpublished_assessment_has_no_line():
    with pytest.raises(NotFound):
        public_listing(Assessment(state=State.SCREENING_REVIEW, published_at=None))
