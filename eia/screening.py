"""The Django side of screening_rules: which rules and characteristics apply to an organisation."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

import screening_rules
from screening_rules import Characteristic, RuleSet

from .aims import Duty, duty_for
from .models import LocalCharacteristic, Organisation, Screening


@lru_cache(maxsize=32)
def _load(ruleset_id: str, version: int | None, sha256: str | None) -> RuleSet:
    # Released files never change, so a loaded version can be kept for the process's lifetime.
    return screening_rules.load_ruleset(ruleset_id, version, expect_sha256=sha256)


def current_ruleset(organisation: Organisation) -> RuleSet:
    """The rule set a screening started today would use."""
    return _load(organisation.screening_ruleset, organisation.screening_ruleset_version, None)


def pinned_ruleset(screening: Screening) -> RuleSet:
    """Exactly the rules this screening was started with (the hash is checked)."""
    return _load(screening.ruleset_id, screening.ruleset_version, screening.ruleset_sha256)


def duty_of(screening: Screening) -> Duty:
    """The duty an assessment has regard to: its pinned rule set's jurisdiction, which is also
    where its characteristics come from (Section 75 categories are never asked the s149 aims)."""
    return duty_for(pinned_ruleset(screening).jurisdiction)


def organisation_duty(organisation: Organisation) -> Duty:
    return duty_for(current_ruleset(organisation).jurisdiction)


def enabled_local_characteristics(
    organisation: Organisation, on: datetime.date | None = None
) -> list[str]:
    on = on or timezone.localdate()
    return sorted(
        set(
            LocalCharacteristic.objects.filter(organisation=organisation)
            .active_on(on)
            .values_list("characteristic", flat=True)
        )
    )


def scope(organisation: Organisation, ruleset: RuleSet, on=None) -> list[str]:
    """Characteristic ids in scope: the rule set's always-in-scope ones plus local ones on."""
    return sorted(ruleset.scope(enabled_local_characteristics(organisation, on)))


def characteristics_in_scope(screening: Screening) -> list[Characteristic]:
    """The groups this assessment considers, in catalogue order: those in scope when it was
    screened (or today, if not yet evaluated), less any the screening's impact grid hides for
    these answers (marriage and civil partnership is asked about only when staff are affected,
    because it is protected only in employment)."""
    ruleset = pinned_ruleset(screening)
    ids = set(
        screening.result["characteristics"]
        if screening.result
        else scope(screening.assessment.organisation, ruleset)
    )
    grids = [q for q in ruleset.questions if q.kind == "impact_grid"]
    if grids:
        shown = set()
        for grid in grids:
            shown |= {
                c.id
                for c in screening_rules.visible_rows(ruleset, grid, screening.answers or {}, ids)
            }
        ids &= shown
    return [c for c in ruleset.characteristics if c.id in ids]


def ruleset_choices() -> list[tuple[str, str]]:
    seen = {}
    for info in screening_rules.available_rulesets():
        if info.released:
            seen[info.id] = info.title
    return sorted(seen.items())


@dataclass(frozen=True)
class RuleSetChoice:
    """A released rule set an organisation may choose, as the lead's page shows it."""

    id: str
    version: int
    title: str
    jurisdiction: str
    flags: tuple[str, ...]  # the labels of the duties it can flag

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def released_choices(jurisdiction: str) -> list[RuleSetChoice]:
    """Every released rule set of this jurisdiction, by id then version."""
    found = []
    for info in screening_rules.available_rulesets():
        if not info.released or info.jurisdiction != jurisdiction:
            continue
        ruleset = _load(info.id, info.version, info.sha256)
        found.append(
            RuleSetChoice(
                id=ruleset.id,
                version=ruleset.version,
                title=ruleset.title,
                jurisdiction=ruleset.jurisdiction,
                flags=tuple(flag.label for flag in ruleset.flags),
            )
        )
    return found


def ruleset_setting(organisation: Organisation) -> str:
    """The organisation's choice as a reference: 'wales@1', or 'wales' for the latest."""
    version = organisation.screening_ruleset_version
    return organisation.screening_ruleset + (f"@{version}" if version else "")


def ruleset_in_use(organisation: Organisation) -> RuleSet | None:
    """What a screening started today would use; None if the setting names no rule set."""
    try:
        return current_ruleset(organisation)
    except screening_rules.RuleSetError:
        return None
