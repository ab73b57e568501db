"""The rows of a public record (its evidence, engagement, impacts, actions and rural impacts),
each only the fields that may be published; `eia.redaction` builds them."""

from dataclasses import dataclass
from datetime import date

from .models import Direction


@dataclass(frozen=True)
class PublicEvidence:
    title: str
    source: str
    dated: date | None
    shows: str
    link: str
    # The attached file, served to the public by workflows' evidence_file view; no file name.
    file_id: int | None = None
    file_size: int | None = None

    @property
    def safe_link(self) -> str:
        """The link only if it is a web address: never a javascript: or file: URL as an href."""
        return self.link if self.link.lower().startswith(("https://", "http://")) else ""


@dataclass(frozen=True)
class PublicEngagement:
    who: str
    held_on: date | None
    method: str
    how_many: int | None
    what_said: str
    what_changed: str


@dataclass(frozen=True)
class PublicImpact:
    characteristic: str  # the catalogue id
    characteristic_name: str  # its display name in the pinned catalogue
    direction: str  # a Direction value
    direction_label: str
    size: str  # a Size value or ""
    size_label: str
    who_affected: str
    evidence: tuple[str, ...]  # titles of the public evidence cited
    mitigations: tuple[str, ...]  # titles of the actions addressing it
    aims: tuple[tuple[str, str], ...]  # (aim, consideration), only those answered
    intersecting: str
    residual: str
    justification: str

    @property
    def adverse(self) -> bool:
        return self.direction == Direction.NEGATIVE

    @property
    def has_details(self) -> bool:
        return any(
            (
                self.who_affected.strip(),
                self.evidence,
                self.mitigations,
                self.aims,
                self.intersecting.strip(),
                self.residual.strip(),
                self.justification.strip(),
            )
        )


@dataclass(frozen=True)
class PublicAction:
    title: str
    description: str
    kind: str
    owner_role: str  # a person's job title (never their name or email), or the team or partner
    target_date: date | None
    status: str
    status_label: str
    rag: str
    rag_label: str


@dataclass(frozen=True)
class PublicRuralImpact:
    theme: str
    kind: str  # a RuralImpact.Kind value
    kind_label: str
    description: str
    scale: str


@dataclass(frozen=True)
class PublicDutySection:
    """A duty module's published answers (only the questions its file marks public), or its
    published decision that no assessment was needed (eia.duty_modules)."""

    module: str
    version: int
    title: str
    citation: str
    not_required: bool
    answers: tuple[tuple[str, str], ...]
