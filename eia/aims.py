"""The aims of the Public Sector Equality Duty (Equality Act 2010 s149(1)), said once.

Each aim is a field on eia.models.Impact where the author records how the proposal bears on it
for one group; a characteristic's catalogue entry says which aims apply to it (marriage and
civil partnership: aim (a) only).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Aim:
    key: str  # as the catalogues name it
    field: str  # on eia.models.Impact
    label: str  # the duty's words, for summaries and the attestation
    heading: str  # the question heading on the impact page


AIMS = (
    Aim(
        "eliminate",
        "aim_eliminate",
        "Eliminate discrimination, harassment and victimisation",
        "Eliminating discrimination, harassment and victimisation",
    ),
    Aim(
        "advance",
        "aim_advance",
        "Advance equality of opportunity",
        "Advancing equality of opportunity",
    ),
    Aim("foster", "aim_foster", "Foster good relations", "Fostering good relations"),
)
AIM_BY_KEY = {aim.key: aim for aim in AIMS}
AIM_FIELDS = tuple(aim.field for aim in AIMS)
