"""The organisation's choice of screening rule set, made by the equality lead: a released rule
set of the organisation's own nation, in a named version or always the latest released. Each
change is on the organisation's settings history and its own audit trail. A screening already
started keeps the rule set it was started with (eia.screening pins it with its SHA-256), so the
choice only affects screenings started from now on."""

from django.db import transaction

import screening_rules
from eia import audit, screening
from eia.authorization import Permission, has_permission
from eia.errors import InvalidInput, NotAllowed
from eia.events import EventType
from eia.models import Nation, Organisation

from .reference_data import record_setting_change

SETTING = "screening_ruleset"


@transaction.atomic
def set_screening_ruleset(*, by, choice: str) -> Organisation:
    """`choice` is a rule set reference: 'wales@2' for that version, 'wales' for the latest
    released. Refused unless it names a released rule set of the organisation's nation.
    Nothing is recorded if it is the choice already made."""
    organisation_id = getattr(by, "organisation_id", None)
    if not has_permission(by, Permission.MANAGE_REFERENCE_DATA, organisation_id=organisation_id):
        raise NotAllowed("Only the equality lead chooses the organisation's screening rules.")
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    try:
        ruleset_id, version = screening_rules.parse_ref(str(choice or ""))
    except screening_rules.RuleSetNotFound as error:
        raise InvalidInput("Select the screening rules to use") from error
    released = [
        info
        for info in screening_rules.available_rulesets()
        if info.released and info.id == ruleset_id and version in (None, info.version)
    ]
    if not released:
        raise InvalidInput("Select one of the released screening rule sets listed")
    chosen = released[-1]
    if chosen.jurisdiction != organisation.nation:
        raise InvalidInput(
            f"{chosen.title} is for {_nation_name(chosen.jurisdiction)}: choose rules for "
            f"{organisation.get_nation_display()}, where your organisation is"
        )
    before = screening.ruleset_setting(organisation)
    organisation.screening_ruleset, organisation.screening_ruleset_version = ruleset_id, version
    after = screening.ruleset_setting(organisation)
    if before == after:
        return organisation
    organisation.save(update_fields=["screening_ruleset", "screening_ruleset_version"])
    record_setting_change(
        organisation=organisation, setting=SETTING, before=before, after=after, by=by
    )
    audit.record(
        EventType.SCREENING_RULESET_CHANGED,
        assessment=None,
        organisation=organisation,
        by=by,
        details={SETTING: [before, after]},
    )
    return organisation


def _nation_name(jurisdiction: str) -> str:
    return Nation(jurisdiction).label if jurisdiction in Nation.values else jurisdiction
