"""Keeps the name of an uploaded file exactly as the browser sent it.

Django's multipart parser rewrites names before any view sees them: it unescapes HTML entities
and keeps only what follows the last slash, so `stray </i> close.txt` arrives as `i> close.txt`
and `a &amp; b.pdf` as `a & b.pdf`. That protects code that uses the name as a path; ours never
does (files are stored under random names, eia/uploads.py), and a person should see the name
they chose. This parser records the name as sent on each file as `sent_name`, leaving Django's
own `name` as it was; the middleware makes every request use it.
"""

import types

from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList
from django.utils.encoding import force_str


class NameKeepingParser(MultiPartParser):
    _sent_name: str | None = None

    def sanitize_file_name(self, file_name):
        self._sent_name = file_name  # the parser calls this for each file part, as sent
        return super().sanitize_file_name(file_name)

    def handle_file_complete(self, old_field_name, counters):
        super().handle_file_complete(old_field_name, counters)
        field = force_str(old_field_name, self._encoding, errors="replace")
        files = self._files.getlist(field)
        if files and self._sent_name is not None and not hasattr(files[-1], "sent_name"):
            files[-1].sent_name = self._sent_name
        self._sent_name = None


def _parse_keeping_names(request, META, post_data):  # noqa: N803 (Django's own signature)
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="You cannot alter upload handlers after the upload has been processed.",
    )
    return NameKeepingParser(META, post_data, request.upload_handlers, request.encoding).parse()


class KeepUploadNamesMiddleware:
    """Before anything reads request.POST (the CSRF check does): parse with NameKeepingParser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.parse_file_upload = types.MethodType(_parse_keeping_names, request)
        return self.get_response(request)
