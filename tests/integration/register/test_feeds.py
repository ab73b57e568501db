"""The register's Atom feed: valid XML, filtered like the register, safe with hostile text."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.integration.register.support import ALL
from tests.support import builders, content

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_is_valid_xml_with_an_entry_per_publication(client, register):
    response = client.get("/public/feed.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.find(f"{ATOM}title").text.split(" (")[0] for entry in entries} == ALL
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("http://testserver/public/")
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}link").get("href") == entry.find(f"{ATOM}id").text
    # Newest first, and filtered like the register.
    assert entries[0].find(f"{ATOM}title").text.startswith("Eastdale leisure centre")
    one = ET.fromstring(client.get("/public/feed.atom?q=hawford").content)  # noqa: S314 - our own output
    assert len(one.findall(f"{ATOM}entry")) == 1


def test_feed_survives_hostile_text(client, organisation):
    people = builders.team(organisation)
    content.published_screened_out(
        people,
        organisation,
        title="Control\x0bcharacter <b>and</b> & markup",
        reasons="<script>alert(1)</script>",
    )
    feed = ET.fromstring(client.get("/public/feed.atom").content)  # noqa: S314 - our own output
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.startswith("Controlcharacter <b>and</b> & markup")
    # The summary is HTML: user markup arrives escaped, so a reader shows it as text.
    assert "&lt;script&gt;" in entry.find(f"{ATOM}summary").text


def test_the_feed_is_built_once_per_change_of_the_register(client, organisation):
    people = builders.team(organisation)
    content.published_screened_out(people, organisation, title="Hawford library hours")
    with CaptureQueriesContext(connection) as first:
        before = client.get("/public/feed.atom").content
    with CaptureQueriesContext(connection) as again:
        assert client.get("/public/feed.atom").content == before
    assert len(again) < len(first)
    assert len(again) <= 3  # the rate limit's and the register's newest event: not the records
    # A publication is an audit event: the next request builds the feed again and shows it.
    content.published_screened_out(people, organisation, title="Eastdale bus subsidy")
    titles = [
        entry.find(f"{ATOM}title").text
        for entry in ET.fromstring(client.get("/public/feed.atom").content).findall(f"{ATOM}entry")  # noqa: S314 - our own output
    ]
    assert titles[0].startswith("Eastdale bus subsidy") and len(titles) == 2
    # Each filter and host is its own feed.
    filtered = ET.fromstring(client.get("/public/feed.atom?q=hawford").content)  # noqa: S314 - our own output
    assert len(filtered.findall(f"{ATOM}entry")) == 1
