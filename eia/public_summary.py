"""The plain-English summary the public page leads with: what is changing, who is affected,
what the organisation will do, and where the decision stands.

It reads a `PublicRecord` and nothing else, so it can only ever say what `eia.redaction`
already allows the public to read: redaction by construction."""

from dataclasses import dataclass

from .models import Direction
from .redaction import PublicRecord

NOT_STATED = "Not stated"
SHOWN_ACTIONS = 3  # the lead names a few actions; the action plan below lists every one


@dataclass(frozen=True)
class PlainSummary:
    changing: str
    affected: str
    will_do: str
    status: str


def plain_summary(record: PublicRecord) -> PlainSummary:
    about = dict(record.about)
    return PlainSummary(
        changing=record.summary or about.get("What changes", "") or NOT_STATED,
        affected=_affected(record, about.get("Who it affects", "")),
        will_do=_will_do(record),
        status=_status(record),
    )


def _names(record: PublicRecord, direction: str) -> list[str]:
    return [i.characteristic_name for i in record.impacts if i.direction == direction]


def _affected(record: PublicRecord, who: str) -> str:
    if record.is_screening_decision:
        found = "The screening found no impact that needs a full equality impact assessment."
        return " ".join(filter(None, [who, found]))
    sentences = [who] if who else []
    for direction, words in ((Direction.NEGATIVE, "negative"), (Direction.POSITIVE, "positive")):
        names = _names(record, direction)
        if names:
            sentences.append(f"A likely {words} impact on: {_listed(names)}.")
    return " ".join(sentences) or NOT_STATED


def _will_do(record: PublicRecord) -> str:
    if record.is_screening_decision:
        text = f"{record.screening_outcome_label}."
        if record.screening_mitigation:
            text += f" {record.screening_mitigation}"
        return text
    parts = [f"{record.conclusion_label}." if record.conclusion_label else ""]
    if record.actions:
        count = len(record.actions)
        titles = [action.title for action in record.actions[:SHOWN_ACTIONS]]
        more = f", and {count - SHOWN_ACTIONS} more" if count > SHOWN_ACTIONS else ""
        parts.append(
            f"{count} action{'s' if count != 1 else ''}, including: {_listed(titles)}{more}."
        )
    return " ".join(filter(None, parts)) or NOT_STATED


def _status(record: PublicRecord) -> str:
    if record.decision is not None:
        return f"Decided: {record.decision.sentence}."
    if record.signed_off_at and record.decision_date:
        return (
            f"Signed off by {record.decision_maker or 'the decision-maker'} on "
            f"{record.signed_off_at:%-d %B %Y}. The decision is due by {record.decision_body} "
            f"on {record.decision_date:%-d %B %Y}."
        )
    if record.signed_off_at:
        return f"Signed off on {record.signed_off_at:%-d %B %Y}. The decision is not recorded yet."
    if record.decision_date:
        return f"The decision is due by {record.decision_body} on {record.decision_date:%-d %B %Y}."
    return "Not decided yet."


def _listed(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
