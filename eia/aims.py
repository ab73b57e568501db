"""The duty an organisation has due regard to, per jurisdiction, said once.

In Great Britain it is the Public Sector Equality Duty (Equality Act 2010 s149(1)): three aims,
with marriage and civil partnership covered by aim (a) only (s149(7)); the Welsh and Scottish
specific duties add how assessments are published. In Northern Ireland it is section 75 of the
Northern Ireland Act 1998 (equality of opportunity across the nine categories, good relations
across three of them) with the disability duties of section 49A of the Disability
Discrimination Act 1995. Each aim is a field on eia.models.Impact where the author records how
the proposal bears on it for one group; `Duty.aims_for()` says which aims a group is asked.
The jurisdiction comes from the assessment's pinned rule set (`eia.screening.duty_of`), the
same place its characteristics come from, so the aims and the groups never disagree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Aim:
    key: str  # as the catalogues name it
    field: str  # on eia.models.Impact
    label: str  # the duty's words, for summaries, the attestation and the public page
    heading: str  # the question heading on the impact page
    # Which groups it is asked of: "catalogue" (those whose catalogue entry lists it, or every
    # group whose entry lists no aims), "good_relations" (the categories of s75(2)), or
    # "disability" (the disability duties).
    applies: str = "catalogue"
    # What the aim involves and an example, under its question on the impact page.
    guidance: str = ""

    def applies_to(self, characteristic) -> bool:
        if self.applies == "good_relations":
            return bool(characteristic.good_relations)
        if self.applies == "disability":
            return characteristic.id == "disability"
        listed = tuple(characteristic.aims)
        return not listed or self.key in listed


@dataclass(frozen=True)
class Duty:
    key: str
    name: str  # "the Public Sector Equality Duty"
    citation: str  # the statute, as the attestation and the public page cite it
    aims_heading: str  # the heading over the aims on the summary, PDF and public page
    aims: tuple[Aim, ...]
    regard: str  # completes "I ... and" in the attestation
    publication: str  # why the record is published, on the public page and its PDF
    # The shortest public consultation the duty's guidance recommends (0: none is set), and
    # who recommends it; eia.consultation warns below it.
    consultation_weeks: int = 0
    consultation_advice: str = ""

    def aims_for(self, characteristic) -> tuple[Aim, ...]:
        return tuple(aim for aim in self.aims if aim.applies_to(characteristic))

    def as_data(self) -> dict:
        """What a summary freezes of the duty, so a signed record keeps its own words."""
        return {
            "key": self.key,
            "name": self.name,
            "citation": self.citation,
            "aims_heading": self.aims_heading,
            "regard": self.regard,
        }


PSED_AIMS = (
    Aim(
        "eliminate",
        "aim_eliminate",
        "Eliminate discrimination, harassment and victimisation",
        "Eliminating discrimination, harassment and victimisation",
        guidance="Could the proposal treat this group less favourably, directly or through a "
        "rule that applies to everyone but disadvantages them (indirect discrimination), or "
        "leave room for harassment? For example, an online-only application route that "
        "disabled people cannot use without help.",
    ),
    Aim(
        "advance",
        "aim_advance",
        "Advance equality of opportunity",
        "Advancing equality of opportunity",
        # Equality Act 2010, s149(3)
        guidance="This means removing or minimising disadvantages the group suffers, meeting "
        "needs that differ from other people's, and encouraging them to take part where "
        "their participation is low (section 149(3)). For example, keeping an assisted "
        "route, or holding sessions at times carers can attend.",
    ),
    Aim(
        "foster",
        "aim_foster",
        "Foster good relations",
        "Fostering good relations",
        # Equality Act 2010, s149(5)
        guidance="This means tackling prejudice and promoting understanding between people "
        "who share the characteristic and those who do not (section 149(5)). For example, "
        "how a change to shared space affects contact between groups, or could raise "
        "tensions between them.",
    ),
)
# Section 75 keeps equality of opportunity and good relations in the fields the three aims use
# (nothing is shared between an organisation's jurisdictions) and adds the disability duties.
SECTION_75_AIMS = (
    Aim(
        "equality_of_opportunity",
        "aim_advance",
        "Promote equality of opportunity",
        "Promoting equality of opportunity",
        applies="all",
        # Equality Commission for Northern Ireland, "Section 75 of the Northern Ireland Act
        # 1998: a guide for public authorities" (2010), chapter 1
        guidance="Consider whether the proposal could affect people of this category's "
        "opportunities differently from others', and whether it could do more to promote "
        "equality of opportunity for them. For example, whether a new booking system "
        "reaches people whose first language is not English.",
    ),
    Aim(
        "good_relations",
        "aim_foster",
        "Promote good relations between people of different religious belief, political "
        "opinion or racial group",
        "Promoting good relations between people of different religious belief, political "
        "opinion or racial group",
        applies="good_relations",
        guidance="Consider whether the proposal could affect relations between people of "
        "different religious belief, political opinion or racial group, and whether it "
        "could better promote good relations between them. For example, where a shared "
        "facility is sited, or how it is named.",
    ),
    Aim(
        "positive_attitudes",
        "aim_positive_attitudes",
        "Promote positive attitudes towards disabled people",
        "Promoting positive attitudes towards disabled people",
        applies="disability",
        # Disability Discrimination Act 1995, s49A (as applied in Northern Ireland)
        guidance="Consider how the proposal could promote positive attitudes towards "
        "disabled people (section 49A of the Disability Discrimination Act 1995). For "
        "example, images and language in its publicity, or staff awareness training.",
    ),
    Aim(
        "participation",
        "aim_participation",
        "Encourage participation by disabled people in public life",
        "Encouraging participation by disabled people in public life",
        applies="disability",
        guidance="Consider how the proposal could encourage disabled people to take part in "
        "public life. For example, accessible public meetings, or places for disabled "
        "people on the user panel that shapes the service.",
    ),
)

_PSED = {
    "name": "the Public Sector Equality Duty",
    "citation": "Equality Act 2010, section 149",
    "aims_heading": "The three aims of the equality duty",
    "aims": PSED_AIMS,
    "regard": "have had due regard to the need to eliminate discrimination, harassment and "
    "victimisation, to advance equality of opportunity and to foster good relations "
    "(Equality Act 2010, section 149).",
}
DUTIES = {
    "england": Duty(
        key="england",
        publication="Published to show how the organisation had due regard to the Public "
        "Sector Equality Duty (Equality Act 2010, section 149) before deciding.",
        **_PSED,
    ),
    "wales": Duty(
        key="wales",
        publication="Published under the Welsh specific duties: the Equality Act 2010 "
        "(Statutory Duties) (Wales) Regulations 2011, regulation 8, require the report of an "
        "assessment that shows a substantial impact, or likely impact, on the Public Sector "
        "Equality Duty (Equality Act 2010, section 149) to be published.",
        **_PSED,
    ),
    "scotland": Duty(
        key="scotland",
        publication="Published under the Scottish specific duties: the Equality Act 2010 "
        "(Specific Duties) (Scotland) Regulations 2012, regulation 5, require the results of "
        "the assessment of a proposed policy against the needs of the Public Sector Equality "
        "Duty (Equality Act 2010, section 149) to be published within a reasonable time.",
        **_PSED,
    ),
    "northern_ireland": Duty(
        key="northern_ireland",
        name="the Section 75 statutory duties",
        citation="Northern Ireland Act 1998, section 75, and Disability Discrimination Act "
        "1995, section 49A",
        aims_heading="The Section 75 duties and the disability duties",
        aims=SECTION_75_AIMS,
        regard="have had due regard to the need to promote equality of opportunity between "
        "the nine Section 75 categories, regard to the desirability of promoting good "
        "relations between people of different religious belief, political opinion or racial "
        "group (Northern Ireland Act 1998, section 75), and due regard to the need to promote "
        "positive attitudes towards disabled people and to encourage their participation in "
        "public life (Disability Discrimination Act 1995, section 49A).",
        consultation_weeks=12,
        consultation_advice="The Equality Commission for Northern Ireland recommends that a "
        "public consultation on an equality impact assessment lasts at least 12 weeks",
        publication="Published under the organisation's Equality Scheme (Northern Ireland Act "
        "1998, section 75 and Schedule 9), as the Equality Commission for Northern Ireland "
        "expects of screening decisions and equality impact assessments.",
    ),
}
DEFAULT_JURISDICTION = "england"


def duty_for(jurisdiction: str) -> Duty:
    """A rule set without a jurisdiction (a test file) is read as England's."""
    return DUTIES.get(jurisdiction) or DUTIES[DEFAULT_JURISDICTION]


# Every aim field on eia.models.Impact, whatever the jurisdiction, in the order pages show them.
AIM_FIELDS = tuple(dict.fromkeys(aim.field for duty in DUTIES.values() for aim in duty.aims))
# The Great Britain aims, as the catalogues name them (kept for the callers that predate duties).
AIMS = PSED_AIMS
AIM_BY_KEY = {aim.key: aim for aim in AIMS}
