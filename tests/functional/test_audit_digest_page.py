"""The register's audit digest page in a real browser, signed out: it lists each digest with its
SHA-256, passes axe (WCAG 2.2 AA) and reflows at 320 px despite the long hashes."""

import pytest

from eia.chain import digests
from tests.support import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_reads_the_published_audit_digests(browse, organisation):
    builders.at_screening_review(builders.team(organisation), organisation)
    browse.goto("/public/audit-digests/")
    assert "No digest has been published yet" in browse.page.content()
    digest = digests.make_digest()
    browse.goto("/public/")
    browse.page.get_by_role("link", name="Audit digests", exact=True).click()
    browse.page.wait_for_load_state("load")
    browse.check()
    assert digest.digest in browse.page.content()
    browse.check_reflow()
