"""Read-only pages say things in words: never a stored code (`not_started`), a Python literal
(`[4, 5]`, `True`, `None`) or an ISO date, whoever reads them and whatever the record holds."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from eia.models import Action, Direction, Engagement, Size
from tests.support import builders, content

pytestmark = pytest.mark.django_db

CODES = {
    value
    for choices in (Action.Status, Action.Rag, Action.Kind, Direction, Size, Engagement.Method)
    for value in choices.values
    if "_" in value
}
# A stored one-word value shown alone where its label belongs (it would read "negative", not
# "Negative"): a cell or answer holding nothing but the lower-case code.
BARE_VALUE = re.compile(
    r">\s*(negative|positive|neutral|unclear|minor|major|red|amber|green|done|survey|meeting)\s*<"
)
# Python's own words for values, shown where an answer belongs (English "None yet" is fine).
LITERALS = re.compile(r">\s*(None|True|False|\[[^<>]*\]|\{[^<>]*\})\s*<|\[\d+(, \d+)*\]")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _visible_text(html: str) -> str:
    """What a reader sees: no tags, attributes, scripts or the URLs inside links."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html.split())


def _pages(assessment):
    pk = assessment.pk
    names = [
        "section_proposal",
        "section_evidence",
        "section_engagement",
        "section_impacts",
        "section_actions",
        "section_conclusion",
        "section_rurality",
    ]
    urls = [reverse(f"workflows:{name}", args=[pk]) for name in names]
    urls += [reverse("workflows:assessment", args=[pk]), reverse("workflows:whole", args=[pk])]
    urls += [
        reverse("workflows:impact_edit", args=[pk, impact.characteristic])
        for impact in assessment.impacts.all()
    ]
    urls += [
        reverse("workflows:evidence_edit", args=[pk, item.pk]) for item in assessment.evidence.all()
    ]
    urls += [
        reverse("workflows:engagement_edit", args=[pk, row.pk])
        for row in assessment.engagement.all()
    ]
    urls += [
        reverse("workflows:action_edit", args=[pk, action.pk])
        for action in assessment.actions.all()
    ]
    return urls


def test_every_read_only_page_of_a_full_assessment_speaks_in_words(people, organisation):
    published = content.published_with_content(people, organisation, rurality=True)
    client = Client()
    client.force_login(people["viewer"])
    checked = 0
    for url in _pages(published):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        found = sorted({code for code in CODES if re.search(rf"\b{code}\b", text)})
        assert found == [], (url, found)
        html = response.content.decode()
        literal = LITERALS.search(html)
        assert not literal, (url, literal.group())
        bare = BARE_VALUE.search(html)
        assert not bare, (url, bare.group())
        assert not ISO_DATE.search(text), (url, ISO_DATE.search(text).group())
        checked += 1
    assert checked >= 12


def test_the_assessment_page_names_the_decision_maker_without_saying_they_signed(
    people, organisation
):
    assessment = builders.at_officer_review(people, organisation)
    client = Client()
    client.force_login(people["viewer"])
    page = _visible_text(client.get(f"/assessments/{assessment.pk}/").content.decode())
    assert f"Named decision-maker: {people['dm'].display_name}" in page
    assert "Signed off by" not in page
