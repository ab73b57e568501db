"""eia.pdf.document: the equality implications paragraph written from a document."""

from eia.pdf.document import ImpactLine, equality_implications
from eia.pdf.summary import render_summary
from tests.unit.eia.pdf.samples import make_document, read, squashed


def test_equality_implications_names_impacts_mitigations_justification_and_review():
    assert equality_implications(make_document()) == (
        "An equality impact assessment (version 2, signed off by Cllr Helen Ashworth on "
        "3 March 2027) found likely negative impacts relating to Disability (major) and "
        "Age (minor). It found likely positive impacts relating to Carers. Mitigations: "
        "Home delivery service; Low-floor mobile library. The remaining impact relating to "
        "Disability (Longer waits for some titles) is considered justified: the savings protect "
        "statutory social care. Conclusion: Continue despite adverse impact. The assessment "
        "will be reviewed by 10 March 2028."
    )


def test_equality_implications_flags_a_remaining_impact_without_justification():
    impact = ImpactLine("Race", "negative", "minor", "Some", residual="Fewer interpreters.")
    text = equality_implications(
        make_document(impacts=(impact,), signed_off_by="", conclusion="", review_date=None)
    )
    assert text == (
        "An equality impact assessment (version 2, not yet signed off) found likely negative "
        "impacts relating to Race (minor). No mitigations have been recorded. An adverse impact "
        "relating to Race remains (Fewer interpreters) and no justification has been recorded."
    )


def test_equality_implications_when_no_impact_is_adverse():
    impacts = (ImpactLine("Sex", "neutral", "", "No difference."),)
    text = equality_implications(make_document(impacts=impacts, conclusion="no_major_change"))
    assert text.startswith(
        "An equality impact assessment (version 2, signed off by Cllr Helen Ashworth on "
        "3 March 2027) found no likely negative impacts for the 1 characteristic it considered. "
        "Conclusion: No major change."
    )


def test_equality_implications_when_screened_out():
    doc = make_document(
        screening_outcome="Screened out: no full assessment needed",
        screening_reasons=("An internal process change.", "No change to any service"),
        impacts=(),
        actions=(),
        review_date=None,
    )
    assert equality_implications(doc) == (
        "An equality screening (version 2, signed off by Cllr Helen Ashworth on 3 March 2027) "
        "found that a full equality impact assessment is not needed: An internal process "
        "change; No change to any service."
    )
    assert equality_implications(doc) in squashed(read(render_summary(doc))[1])
