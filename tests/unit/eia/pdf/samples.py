"""Sample documents and a PDF reader shared by the eia.pdf tests."""

import dataclasses
import io
import re
from datetime import date, datetime

import pypdf

from eia.pdf.document import (
    ActionLine,
    AssessmentDocument,
    EngagementLine,
    EvidenceLine,
    ImpactLine,
)

AIMS = (
    ("Eliminate discrimination", "The new booking system was tested with screen-reader users."),
    ("Advance equality of opportunity", "The home delivery service is extended to carers."),
    ("Foster good relations", "Libraries stay open as community spaces two days a week."),
)


def make_document(**changes) -> AssessmentDocument:
    doc = AssessmentDocument(
        organisation="Northshire County Council",
        title="Library service redesign",
        reference="EIA-2027-014",
        version=2,
        decision_body="Cabinet",
        decision_date=date(2027, 3, 10),
        decision_maker="Cllr Helen Ashworth",
        author="Priya Sharma",
        status="signed_off",
        screening_outcome="full_assessment",
        screening_reasons=("People will lose access to a service", "Budget reduction"),
        about=(
            ("What is proposed", "Close four branch libraries and extend the mobile library."),
            ("Who it affects", "Library users, particularly in rural wards."),
        ),
        evidence=(
            EvidenceLine(
                title="Library user survey 2026",
                source="Northshire Libraries",
                date=date(2026, 11, 1),
                shows="41% of weekday users are over 65.",
                link="https://example.org/survey",
            ),
        ),
        evidence_gaps=("No data on users who are carers",),
        engagement=(
            EngagementLine(
                who="Northshire Disability Forum",
                when="January 2027",
                how="Two workshops",
                how_many="38 people",
                said="Step-free access to the mobile library is essential.",
                changed="Mobile library vehicle replaced with a low-floor model.",
            ),
        ),
        impacts=(
            ImpactLine(
                characteristic="Disability",
                direction="negative",
                size="major",
                who="Disabled people who cannot travel to the remaining branches.",
                evidence=("Library user survey 2026",),
                mitigations=("Home delivery service", "Low-floor mobile library"),
                residual="Longer waits for some titles",
                justification="the savings protect statutory social care",
                aims=AIMS[:1],
                intersecting="Older disabled people in rural wards.",
            ),
            ImpactLine(
                characteristic="Age",
                direction="negative",
                size="minor",
                who="Older people who use the branch libraries most.",
                mitigations=("Home delivery service",),
            ),
            ImpactLine(
                characteristic="Carers",
                direction="positive",
                size="minor",
                who="Carers gain home delivery.",
            ),
            ImpactLine(characteristic="Sex", direction="neutral", size="", who="No difference."),
        ),
        actions=(
            ActionLine(
                title="Home delivery service",
                owner="Head of Libraries",
                target_date=date(2027, 6, 1),
                status="in_progress",
                rag="amber",
            ),
            ActionLine(
                title="Low-floor mobile library",
                owner="Fleet manager",
                target_date=None,
                status="not_started",
                rag="red",
            ),
            ActionLine(
                title="Collect data on carers",
                owner="Equality officer",
                target_date=date(2027, 4, 1),
                status="done",
                rag="green",
            ),
        ),
        rurality=(("Access to services and travel", "Bus routes to the hubs are infrequent."),),
        conclusion="continue_despite_adverse_impact",
        conclusion_detail="The adverse impacts are reduced by the mitigations above.",
        changes_made="The mobile library now stops at every closed branch weekly.",
        cumulative="Follows the 2026 bus subsidy cut, which affects the same wards.",
        aims=AIMS,
        review_date=date(2028, 3, 10),
        signed_off_by="Cllr Helen Ashworth",
        signed_off_at=datetime(2027, 3, 3, 14, 5),
        attestation="I have read the adverse impacts on disabled and older people and accept them.",
        generated_at=datetime(2027, 3, 4, 9, 30),
    )
    return dataclasses.replace(doc, **changes)


def read(pdf: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    """Extracted text without the line breaks wrapping put in."""
    return re.sub(r"\s+", " ", text)
