"""No inline script or style in any template (the Content-Security-Policy forbids them):
scripts and styles are files, loaded from static."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
]


def test_no_template_has_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(TEMPLATES)}: {what}")
    assert found == []


def test_the_checks_would_catch_inline_code():
    for sample in [
        "<script>x()</script>",
        "<style>p{}</style>",
        '<p style="x">',
        '<a onclick="x">',
    ]:
        assert any(pattern.search(sample) for pattern, _ in INLINE), sample
    assert not any(p.search('<script type="module" src="/a.js"></script>') for p, _ in INLINE)
