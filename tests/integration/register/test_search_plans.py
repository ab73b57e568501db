"""Register search on both databases, and on PostgreSQL through its indexes."""

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection

from eia.register import search
from eia.register.queries import listed
from eia.register.search import body_matches, item_matches
from tests.support import builders, content

pytestmark = pytest.mark.django_db


def test_search_finds_words_of_the_title_and_parts_of_references(organisation):
    people = builders.team(organisation)
    library = content.published_screened_out(people, organisation, title="Library closures plan")
    content.published_screened_out(people, organisation, title="Bin collection change")
    titles = {a.pipeline_item.title for a in listed(filters={"q": "library"})}
    assert titles == {"Library closures plan"}
    reference = library.pipeline_item.reference
    found = listed(filters={"q": reference[: len(reference) - 1]})
    assert library.pk in {a.pk for a in found}
    assert not listed(filters={"q": "zebra crossing"}).exists()


@pytest.mark.postgres
def test_postgresql_stems_english_and_matches_welsh_words_exactly(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    people = builders.team(organisation)
    content.published_screened_out(people, organisation, title="Closing two libraries")
    content.published_screened_out(people, organisation, title="Gwasanaeth llyfrgell symudol")
    assert {a.pipeline_item.title for a in listed(filters={"q": "closed library"})} == {
        "Closing two libraries"
    }
    assert {a.pipeline_item.title for a in listed(filters={"q": "llyfrgell"})} == {
        "Gwasanaeth llyfrgell symudol"
    }


@pytest.mark.postgres
def test_postgresql_search_reads_the_search_indexes(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("the indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a tiny table would be scanned anyway
        first, *others = item_matches("library")
        plans = []
        for query in (first.union(*others), body_matches("library")):
            sql, params = query.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("SET enable_seqscan = on")
    plan = "\n".join(plans)
    assert "Seq Scan on eia_pipelineitem" not in plan
    assert "Seq Scan on eia_fullassessment" not in plan
    assert "pipeline_search" in plan and "full_search" in plan  # the GIN indexes


@pytest.mark.postgres
def test_a_search_with_few_matches_finds_them_first_then_their_records(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    people = builders.team(organisation)
    library = content.published_screened_out(people, organisation, title="Library closures plan")
    content.published_screened_out(people, organisation, title="Bin collection change")
    found = listed(filters={"q": "library"})
    sql, params = found.query.sql_with_params()
    assert "to_tsvector" not in sql  # the matches were found already; the records by key
    assert [a.pk for a in found] == [library.pk]
    with pytest.raises(EmptyResultSet):  # no match: no query for the records at all
        listed(filters={"q": "zebra crossing"}).query.sql_with_params()


@pytest.mark.postgres
def test_a_search_with_many_matches_filters_the_register_by_the_search_itself(
    organisation, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    people = builders.team(organisation)
    for number in range(3):
        content.published_screened_out(people, organisation, title=f"Library change {number}")
    monkeypatch.setattr(search, "FOUND_AT_MOST", 2)
    found = listed(filters={"q": "library"})
    assert "to_tsvector" in found.query.sql_with_params()[0]
    assert found.count() == 3
