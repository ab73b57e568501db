"""The accessibility statement follows the model statement public bodies must publish."""

import pytest

pytestmark = pytest.mark.django_db

MODEL_HEADINGS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_the_statement_has_every_section_of_the_model_and_its_contact(client, settings):
    settings.ACCESSIBILITY = settings.ACCESSIBILITY | {
        "operator": "Northshire County Council",
        "email": "access@northshire.example",
        "tested": "3 November 2026",
    }
    page = client.get("/accessibility/").content.decode()
    positions = [page.index(heading) for heading in MODEL_HEADINGS]
    assert positions == sorted(positions)  # in the model's order
    assert "This website is run by Northshire County Council" in page
    assert 'href="mailto:access@northshire.example"' in page
    assert "This website was last tested on 3 November 2026" in page
    assert "partially compliant" in page  # untagged PDFs are a known issue, said plainly
