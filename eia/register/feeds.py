"""The register's Atom feed: the newest publications, filtered like the register's pages."""

import hashlib
import re

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from eia.documents import implications_for
from eia.models import AuditEvent
from eia.redaction import public_records

from .forms import register_filters
from .limits import limited
from .links import record_url
from .queries import listed_assessments

FEED_SIZE = 50
# Feed readers poll the same address: a feed is built once per change of the register, and
# kept at most this long (a change made outside any audit trail shows within it).
FEED_SECONDS = 300

# XML 1.0 cannot carry most control characters: the feed drops them rather than fail.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _XML_UNSAFE.sub("", text or "")


@login_not_required
@limited("page")
def feed(request):
    key = _cache_key(request)
    body = cache.get(key)
    if body is None:
        body = _built(request)
        cache.set(key, body, FEED_SECONDS)
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def _cache_key(request) -> str:
    """The feed's address (its filters and host: its links are absolute) at the register's
    present state: every change a public record can show is written with an audit event, so
    the newest event's id moves whenever a published record, its decision or its facts do."""
    newest = AuditEvent.objects.aggregate(newest=Max("pk"))["newest"] or 0
    address = request.build_absolute_uri(request.get_full_path())
    return "register:feed:" + hashlib.sha256(f"{newest} {address}".encode()).hexdigest()


def _built(request) -> bytes:
    _, filters = register_filters(request.GET)
    records = public_records(listed_assessments(filters=filters)[:FEED_SIZE])
    index_url = request.build_absolute_uri(reverse("register:index"))
    atom = Atom1Feed(
        title="Published equality impact assessments and screening decisions",
        link=index_url,
        description="New publications in the register",
        language="en-gb",
        feed_url=request.build_absolute_uri(request.get_full_path()),
        author_name="Due Regard public register",
    )
    for record in records:
        url = request.build_absolute_uri(record_url(record))
        atom.add_item(
            title=_xml(f"{record.title} ({record.organisation}, version {record.version})"),
            link=url,
            unique_id=url,
            # Atom's summary is HTML: escape it so a reader shows user text literally.
            description=escape(_xml(" ".join(filter(None, _described(record))))),
            pubdate=record.published_at,
            updateddate=record.published_at,
            author_name=_xml(record.organisation),
            categories=[_xml(record.record_type), _xml(record.screening_outcome_label)],
        )
    return atom.writeString("utf-8").encode("utf-8")


def _described(record) -> tuple[str, ...]:
    return (
        f"{record.record_type}.",
        record.signed_late_note,
        f"Decision taken: {record.decision.sentence}." if record.decision else "",
        implications_for(record),
    )
