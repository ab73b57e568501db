"""What the public may read of an organisation's equality duty: the one allow-list the public
page reads (`templates/equality/public.html`). Objectives are published by law; of the action
plan, the columns councils publish (overview, key deliverables, the owning team or partner,
the target, the comment, the RAG rating). Never: the person named in the system, the row's
history, the audit trail, or the actions of assessments (those are public only through their
own published record on the register)."""

from dataclasses import dataclass

from .models import Objective, PlanRow
from .targets import parse


@dataclass(frozen=True)
class PublicObjective:
    title: str
    statement: str
    starts_on: object
    ends_on: object
    agreed_by: str
    agreed_on: object
    evidence: str


@dataclass(frozen=True)
class PublicRow:
    id: int
    section: str
    objective: str
    overview: str
    key_deliverables: str
    owner: str
    target: str
    comment: str
    rag: str


def public_duty(organisation_id: int, *, limit: int | None = None) -> dict:
    """Objectives and plan rows; `limit` caps the rows for a page (a report takes them all)."""
    objectives = [
        PublicObjective(
            o.title, o.statement, o.starts_on, o.ends_on, o.agreed_by, o.agreed_on, o.evidence
        )
        for o in Objective.objects.filter(organisation_id=organisation_id)
    ]
    found = (
        PlanRow.objects.filter(organisation_id=organisation_id)
        .select_related("section__objective")
        .order_by("section__position", "section_id", "position", "pk")
    )
    rows = [
        PublicRow(
            id=row.pk,
            section=row.section.title,
            objective=row.section.objective.title,
            overview=row.overview,
            key_deliverables=row.key_deliverables,
            owner=row.owner_name,
            target=parse(row.target_text).reads,
            comment=row.comment,
            rag=row.get_rag_display() or "Not rated",
        )
        for row in (found if limit is None else found[:limit])
    ]
    return {"objectives": objectives, "rows": rows}
