"""The timing of the sign-off and the decision taken, as the public may see them: part of the
allow-list in eia.redaction (which puts them on every PublicRecord). Public: whether the
decision-maker signed on or after the decision date and the two dates, and the decision record
as it stands now (date, outcome, body, minute reference and an http(s) link). Not public: the
decision-maker's reason for signing late, who recorded the decision, or earlier corrections."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from . import prefetching

LATE_FLAG = "Signed after the decision date"


@dataclass(frozen=True)
class PublicDecision:
    taken_on: date
    outcome: str  # an eia.models.Outcome value
    outcome_label: str
    body: str
    minute_reference: str
    minute_url: str  # only an http(s) address, else ""

    @property
    def sentence(self) -> str:
        text = f"{self.outcome_label} by {self.body} on {self.taken_on:%-d %B %Y}"
        return text + (f" (minute {self.minute_reference})" if self.minute_reference else "")


def public_decision(assessment) -> PublicDecision | None:
    """The newest decision record (prefetched by eia.redaction.with_public_content)."""
    rows = sorted(
        prefetching.rows(assessment, "decision_records"), key=lambda row: row.pk, reverse=True
    )
    if not rows:
        return None
    row = rows[0]
    return PublicDecision(
        taken_on=row.taken_on,
        outcome=row.outcome,
        outcome_label=row.get_outcome_display(),
        body=row.body_name,
        minute_reference=row.minute_reference,
        minute_url=row.safe_minute_url,
    )


def late_note(sign_off) -> str:
    """'Signed after the decision date: ...' with both dates, or "" if signed in time."""
    if sign_off is None or not sign_off.signed_late:
        return ""
    signed_on = timezone.localtime(sign_off.signed_at).date()
    return (
        f"{LATE_FLAG}: signed on {signed_on:%-d %B %Y}; the decision date was "
        f"{sign_off.decision_date:%-d %B %Y}."
    )
