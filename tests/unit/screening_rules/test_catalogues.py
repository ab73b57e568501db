"""The characteristic catalogues: what the law lists, encoded once as data."""

from __future__ import annotations

from screening_rules import DEFAULT_ROOT, load_ruleset
from screening_rules.parsing import parse_catalogue


def catalogue(name):
    found, problems = parse_catalogue(DEFAULT_ROOT / "catalogues" / name / "v1.toml")
    assert problems == []
    return found


def test_nine_protected_characteristics_always_in_scope():
    protected = catalogue("protected")

    assert [c.id for c in protected.characteristics] == [
        "age",
        "disability",
        "gender_reassignment",
        "marriage_civil_partnership",
        "pregnancy_maternity",
        "race",
        "religion_belief",
        "sex",
        "sexual_orientation",
    ]
    assert all(c.always_in_scope for c in protected.characteristics)


def test_marriage_and_civil_partnership_is_aim_a_and_employment_only():
    by_id = {c.id: c for c in catalogue("protected").characteristics}

    assert by_id["marriage_civil_partnership"].aims == ("eliminate",)
    assert by_id["marriage_civil_partnership"].employment_only is True
    others = [c for c in by_id.values() if c.id != "marriage_civil_partnership"]
    assert all(c.aims == ("eliminate", "advance", "foster") for c in others)
    assert not any(c.employment_only for c in others)


def test_local_characteristics_are_switched_on_not_always_in_scope():
    local = catalogue("local")

    assert [c.id for c in local.characteristics] == [
        "rurality",
        "socio_economic",
        "carers",
        "care_experience",
        "armed_forces",
        "health_inequalities",
        "welsh_language",
        "island_communities",
        "human_rights",
        "childrens_rights",
        "digital_exclusion",
        "language",
    ]
    assert not any(c.always_in_scope for c in local.characteristics)


def test_statutory_duties_put_local_characteristics_in_scope_by_jurisdiction():
    england, wales, scotland = (load_ruleset(r, 1) for r in ("england", "wales", "scotland"))

    assert "socio_economic" not in england.scope()
    assert {"socio_economic", "welsh_language"} <= wales.scope()
    assert "socio_economic" in scotland.scope()
    assert "island_communities" not in scotland.scope()
    assert "island_communities" in scotland.scope(["island_communities"])
    # Jurisdiction-only characteristics do not exist elsewhere, even if switched on.
    assert england.characteristic("welsh_language") is None
    assert "island_communities" not in england.scope(["island_communities"])
    assert england.unknown_characteristics(["island_communities", "carers"]) == (
        "island_communities",
    )


def test_every_phrase_reads_after_the_likely_impact_on():
    # Phrases name people (or communities), in lower case except proper nouns.
    for name in ("protected", "local", "section75"):
        for c in catalogue(name).characteristics:
            assert c.phrase
            assert c.phrase == c.phrase.strip()
            assert not c.phrase.endswith(".")
            assert c.phrase[0].islower() or c.phrase.split()[0] in {"Welsh"}, c.phrase
