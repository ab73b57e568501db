"""The plain-data contract between the web layer and the PDF renderers.

A view builds an `AssessmentDocument` from the database (already redacted: only what the reader
may see) and hands it to `eia.pdf.render_summary` or `eia.pdf.render_full`. Nothing here imports
Django, so the renderers can be tested, and reasoned about, without a database.

Vocabulary fields (`direction`, `size`, `rag`, `screening_outcome`, `conclusion`, `status`) may be
given as stored codes ("screened_out", "in_progress") or as display labels; codes are turned into
words by `humanise()`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ImpactLine:
    characteristic: str  # "Disability", "Age", "Rurality" ...
    direction: str  # "positive" | "negative" | "neutral" | "unclear"
    size: str  # "minor" | "major" | ""
    who: str  # who is affected and how
    evidence: tuple[str, ...] = ()  # titles of evidence cited
    mitigations: tuple[str, ...] = ()  # action titles addressing it
    residual: str = ""  # what adverse impact remains
    justification: str = ""  # why it is justified to continue despite it
    aims: tuple[tuple[str, str], ...] = ()  # (PSED aim name, consideration text)
    intersecting: str = ""


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    target_date: date | None
    status: str
    rag: str  # "red" | "amber" | "green" | ""
    description: str = ""


@dataclass(frozen=True)
class EvidenceLine:
    title: str
    source: str
    date: date | None
    shows: str
    link: str = ""  # printed as text only, never fetched


@dataclass(frozen=True)
class EngagementLine:
    who: str
    when: str
    how: str
    how_many: str
    said: str
    changed: str


@dataclass(frozen=True)
class AssessmentDocument:
    organisation: str
    title: str
    reference: str
    version: int
    decision_body: str
    decision_date: date | None
    decision_maker: str
    author: str
    status: str
    language: str = "en-GB"
    screening_outcome: str = ""
    screening_reasons: tuple[str, ...] = ()
    # (label, text) pairs: aims, who it affects, what changes, budget...
    about: tuple[tuple[str, str], ...] = ()
    evidence: tuple[EvidenceLine, ...] = ()
    evidence_gaps: tuple[str, ...] = ()
    engagement: tuple[EngagementLine, ...] = ()
    impacts: tuple[ImpactLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    rurality: tuple[tuple[str, str], ...] = ()  # (stage or theme, finding)
    # Duty modules (Fairer Scotland, Welsh language, rural needs...): (heading, (label, answer)s).
    duties: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    conclusion: str = ""
    conclusion_detail: str = ""
    changes_made: str = ""
    cumulative: str = ""
    # The aims of the jurisdiction's duty (eia.aims) and how each was considered overall.
    aims: tuple[tuple[str, str], ...] = ()
    # (label, text) pairs of the public consultation, and the monitoring arrangements.
    consultation: tuple[tuple[str, str], ...] = ()
    monitoring: str = ""
    aims_heading: str = "The three aims of the equality duty"
    duty: str = ""  # the statute cited, and why the record is published
    review_date: date | None = None
    signed_off_by: str = ""
    signed_off_at: datetime | None = None  # pass it in local (UK) time: it is printed as given
    attestation: str = ""
    # "Signed after the decision date: ..." (empty when signed before it), and the decision taken.
    timing: str = ""
    decision_taken: str = ""
    # Facts the decision-maker saw that changed after they signed, each as one line of words.
    changed_since_sign_off: tuple[str, ...] = ()
    # The ready-to-copy paragraph for the committee report; empty means "write it from the rest".
    equality_implications: str = ""
    generated_at: datetime | None = None


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: date | None) -> str:
    """GOV.UK style ("3 March 2027"), independent of the process locale."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime | None) -> str:
    """GOV.UK style ("3 March 2027 at 2:05pm"); the value is printed in its own time zone."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{format_date(value)} at {hour}:{value.minute:02d}{suffix}"


_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+|[a-z]+")


def humanise(value: str) -> str:
    """A stored code ("screened_out") as words ("Screened out"); a label is kept as given."""
    value = (value or "").strip()
    if _CODE.fullmatch(value):
        value = value.replace("_", " ")
        return value[:1].upper() + value[1:]
    return value


def is_adverse(impact: ImpactLine) -> bool:
    return impact.direction.strip().lower() in ("negative", "adverse")


def is_screened_out(doc: AssessmentDocument) -> bool:
    """True for both "screened out" outcomes, whether given as a code or as a label."""
    outcome = doc.screening_outcome.strip().lower().replace("_", " ")
    return outcome.startswith("screened out")


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _sentence(text: str) -> str:
    text = _one_line(text)
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _join(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = _one_line(item)
        if item:
            seen.setdefault(item, None)
    return list(seen)


def _record_phrase(doc: AssessmentDocument) -> str:
    parts = [f"version {doc.version}"]
    if doc.signed_off_by:
        signed = f"signed off by {_one_line(doc.signed_off_by)}"
        if doc.signed_off_at is not None:
            signed += f" on {format_date(doc.signed_off_at.date())}"
        parts.append(signed)
    else:
        parts.append("not yet signed off")
    return ", ".join(parts)


def _with_size(impact: ImpactLine) -> str:
    name = _one_line(impact.characteristic)
    size = _one_line(impact.size).lower()
    return f"{name} ({size})" if size else name


def equality_implications(doc: AssessmentDocument) -> str:
    """The "equality implications" paragraph for a committee report, as plain text.

    Deterministic: the same document always gives the same words. It names every adverse
    impact with its size, the mitigations, what remains and why, and the review date, so the
    report puts the impacts in front of the decision-maker (the Brown principles).
    """
    record = _record_phrase(doc)
    sentences: list[str] = []

    if is_screened_out(doc):
        opening = (
            f"An equality screening ({record}) found that a full equality impact assessment "
            "is not needed"
        )
        reasons = [_one_line(reason).rstrip(".") for reason in doc.screening_reasons]
        reasons = [reason for reason in reasons if reason]
        sentences.append(opening + (": " + "; ".join(reasons) if reasons else ""))
        mitigations = _unique(action.title for action in doc.actions)
        if mitigations:
            sentences.append("Mitigations: " + "; ".join(m.rstrip(".") for m in mitigations))
    else:
        adverse = [impact for impact in doc.impacts if is_adverse(impact)]
        positive = [i for i in doc.impacts if i.direction.strip().lower() == "positive"]
        unclear = [i for i in doc.impacts if i.direction.strip().lower() == "unclear"]
        opening = f"An equality impact assessment ({record})"
        if adverse:
            named = _join([_with_size(impact) for impact in adverse])
            sentences.append(f"{opening} found likely negative impacts relating to {named}")
        elif doc.impacts:
            sentences.append(
                f"{opening} found no likely negative impacts for the "
                f"{len(doc.impacts)} characteristic{'s' if len(doc.impacts) != 1 else ''} "
                "it considered"
            )
        else:
            sentences.append(f"{opening} recorded no impacts on any characteristic")
        if positive:
            names = _join([_one_line(impact.characteristic) for impact in positive])
            sentences.append(f"It found likely positive impacts relating to {names}")
        if unclear:
            names = _join([_one_line(impact.characteristic) for impact in unclear])
            verb = "is" if len(unclear) == 1 else "are"
            noun = "impact" if len(unclear) == 1 else "impacts"
            sentences.append(f"The {noun} relating to {names} {verb} not yet clear")
        if adverse:
            mitigations = _unique(title for impact in adverse for title in impact.mitigations)
            if mitigations:
                sentences.append("Mitigations: " + "; ".join(m.rstrip(".") for m in mitigations))
            else:
                sentences.append("No mitigations have been recorded")
        for impact in adverse:
            name = _one_line(impact.characteristic)
            residual = _one_line(impact.residual).rstrip(".")
            justification = _one_line(impact.justification)
            if justification:
                remaining = f"The remaining impact relating to {name}"
                if residual:
                    remaining += f" ({residual})"
                sentences.append(f"{remaining} is considered justified: {justification}")
            elif residual:
                sentences.append(
                    f"An adverse impact relating to {name} remains ({residual}) "
                    "and no justification has been recorded"
                )
        if doc.conclusion:
            sentences.append(f"Conclusion: {humanise(doc.conclusion)}")

    if doc.review_date is not None:
        sentences.append(f"The assessment will be reviewed by {format_date(doc.review_date)}")
    return " ".join(_sentence(sentence) for sentence in sentences)
