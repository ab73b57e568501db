"""Each jurisdiction's duty: which aims each group is asked, and the words cited."""

import datetime

import pytest

import screening_rules
from eia import consultation
from eia.aims import AIM_FIELDS, DUTIES, duty_for
from eia.models import Impact


def _asked(jurisdiction: str) -> dict[str, tuple[str, ...]]:
    ruleset = screening_rules.load_ruleset(jurisdiction)
    duty = duty_for(ruleset.jurisdiction)
    return {c.id: tuple(a.key for a in duty.aims_for(c)) for c in ruleset.characteristics}


@pytest.mark.parametrize("jurisdiction", ["england", "wales", "scotland"])
def test_great_britain_asks_the_three_aims_and_marriage_only_the_first(jurisdiction):
    asked = _asked(jurisdiction)
    assert asked["disability"] == ("eliminate", "advance", "foster")
    assert asked["marriage_civil_partnership"] == ("eliminate",)
    assert asked["rurality"] == ("eliminate", "advance", "foster")  # a local characteristic
    assert duty_for(jurisdiction).citation == "Equality Act 2010, section 149"


def test_northern_ireland_asks_equality_of_opportunity_good_relations_and_disability_duties():
    asked = _asked("northern_ireland")
    assert asked["disability"] == ("equality_of_opportunity", "positive_attitudes", "participation")
    for group in ("religious_belief", "political_opinion", "racial_group"):
        assert asked[group] == ("equality_of_opportunity", "good_relations")
    for group in ("age", "marital_status", "sexual_orientation", "men_women", "dependants"):
        assert asked[group] == ("equality_of_opportunity",)
    duty = duty_for("northern_ireland")
    assert "section 75" in duty.citation and "section 149" not in duty.regard


def test_every_aim_is_a_field_and_each_duty_cites_its_publication():
    for name in AIM_FIELDS:
        Impact._meta.get_field(name)
    assert "Wales) Regulations 2011, regulation 8" in DUTIES["wales"].publication
    assert "(Scotland) Regulations 2012, regulation 5" in DUTIES["scotland"].publication
    assert duty_for("") is DUTIES["england"]  # a rule set with no jurisdiction


D = datetime.date


@pytest.mark.parametrize(
    ("starts", "ends", "length", "warned"),
    [
        (D(2026, 6, 1), D(2026, 8, 23), "12 weeks", False),
        (D(2026, 6, 1), D(2026, 8, 22), "11 weeks and 6 days", True),
        (D(2026, 6, 1), D(2026, 6, 1), "1 day", True),
        (D(2026, 6, 1), D(2026, 6, 7), "1 week", True),
        (D(2026, 6, 2), D(2026, 6, 1), "", False),  # refused by the form; never a crash
        (None, D(2026, 6, 1), "", False),
    ],
)
def test_a_consultations_length_and_the_northern_ireland_warning(starts, ends, length, warned):
    assert consultation.length_text(starts, ends) == length
    assert bool(consultation.shortfall(DUTIES["northern_ireland"], starts, ends)) is warned
    assert consultation.shortfall(DUTIES["england"], starts, ends) == ""
