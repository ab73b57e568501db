"""Duty module files: every shipped module loads, is released and locked, and says when it
applies; a broken or changed file is reported, never loaded."""

from __future__ import annotations

import pytest

from screening_rules import check
from screening_rules.duty_modules import (
    DutyModuleError,
    latest_modules,
    load_module,
    module_ids,
    parse_module,
)
from screening_rules.lock import lock_problems

SHIPPED = {
    "armed_forces_covenant",
    "childrens_rights_wales",
    "fairer_scotland",
    "human_rights",
    "island_communities",
    "rural_needs",
    "rurality_proofing",
    "socio_economic_wales",
    "well_being_future_generations",
    "welsh_language",
}


def test_every_shipped_module_loads_with_a_citation_and_an_attestation():
    modules = latest_modules()

    assert {m.id for m in modules} == SHIPPED
    for module in modules:
        assert module.citation and module.attestation and module.guidance
        assert module.released is not None
        assert module.sha256 == load_module(module.id, module.version).sha256


# (module, jurisdiction, flags, characteristics in scope, applies)
CASES = [
    ("fairer_scotland", "scotland", {"socio_economic_duty_applies"}, set(), True),
    ("fairer_scotland", "wales", {"socio_economic_duty_applies"}, set(), False),
    ("fairer_scotland", "scotland", set(), set(), False),
    ("socio_economic_wales", "wales", {"socio_economic_duty_applies"}, set(), True),
    ("well_being_future_generations", "wales", {"socio_economic_duty_applies"}, set(), True),
    ("welsh_language", "wales", {"welsh_language_assessment"}, set(), True),
    ("welsh_language", "wales", set(), set(), False),
    ("childrens_rights_wales", "wales", set(), {"childrens_rights"}, True),
    ("childrens_rights_wales", "wales", set(), set(), False),
    ("island_communities", "scotland", {"island_communities_impact_assessment"}, set(), True),
    ("rural_needs", "northern_ireland", set(), set(), True),
    ("rural_needs", "england", set(), set(), False),
    ("rurality_proofing", "england", {"rurality_proofing_required"}, set(), True),
    ("armed_forces_covenant", "england", {"armed_forces_covenant_duty_applies"}, set(), True),
    ("armed_forces_covenant", "wales", set(), {"armed_forces"}, False),
    ("human_rights", "england", {"human_rights_considered"}, set(), True),
    ("human_rights", "northern_ireland", {"human_rights_considered"}, set(), True),
    # The local characteristic alone does not: the v2 rule sets raise the flag for it.
    ("human_rights", "wales", set(), {"human_rights"}, False),
]


@pytest.mark.parametrize(("module_id", "jurisdiction", "flags", "scope", "applies"), CASES)
def test_when_each_module_applies(module_id, jurisdiction, flags, scope, applies):
    module = load_module(module_id, 1)
    assert module.applies(jurisdiction=jurisdiction, flags=flags, characteristics=scope) is applies


def test_every_shipped_module_has_a_case():
    assert {case[0] for case in CASES} == set(module_ids())


def test_the_lawful_minimum_counts_each_aim_and_follows_show_if():
    module = load_module("rural_needs", 1)
    assert [q.id for q in module.missing({})] == ["activity_type", "rural_impact"]
    missing = module.missing({"activity_type": "service", "rural_impact": "no"})
    assert [q.id for q in missing] == ["no_impact_reason"]
    fairer = load_module("fairer_scotland", 1)
    per_aim = [
        m for m in fairer.missing({"dimensions": {"low_income": "Yes."}}) if isinstance(m, tuple)
    ]
    assert len(per_aim) == len(fairer.aims) - 1


def test_internal_questions_are_left_out_of_the_public_answers():
    module = load_module("fairer_scotland", 1)
    answers = {"changes": "A new fare.", "officer_notes": "internal"}
    assert ("Notes for the equality officer", "internal") in module.readable(
        answers, public_only=False
    )
    assert all(
        label != "Notes for the equality officer"
        for label, _ in module.readable(answers, public_only=True)
    )


def test_shipped_modules_are_released_and_a_changed_one_is_caught(root):
    assert lock_problems(root) == []
    path = root / "duties" / "fairer_scotland" / "v1.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Low income", "Low pay"), encoding="utf-8"
    )

    problems = check(root)
    assert [p.path for p in problems] == [path]
    assert "released file has changed" in problems[0].message
    with pytest.raises(DutyModuleError):
        load_module("fairer_scotland", 1, root=root, expect_sha256="0" * 64)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "per_aim"', 'kind = "essay"'), "unknown kind 'essay'"),
        (('id = "fairer_scotland"', 'id = "fairer"'), "must match the file's place"),
        (('question = "changes"', 'question = "nothing"'), "unknown question 'nothing'"),
        (('jurisdictions = ["scotland"]', 'jurisdictions = ["mars"]'), "unknown jurisdiction"),
        (("[not_required]", "[not_required]\nsurprise = 1"), "unknown key 'surprise'"),
        (("max_length = 2000", "max_length = 0"), "max_length must be between"),
    ],
)
def test_a_broken_module_file_is_reported_and_not_loaded(root, change, message):
    source = root / "duties" / "fairer_scotland" / "v1.toml"
    broken = root / "duties" / "fairer_scotland" / "v2.toml"
    text = source.read_text(encoding="utf-8").replace("version = 1", "version = 2")
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")

    module, problems = parse_module(broken)

    assert module is None
    assert any(message in p.message for p in problems), problems
    with pytest.raises(DutyModuleError):
        load_module("fairer_scotland", 2, root=root)


def test_a_file_that_is_not_toml_is_a_problem_not_a_crash(root):
    path = root / "duties" / "fairer_scotland" / "v2.toml"
    path.write_text("[module\n", encoding="utf-8")
    module, problems = parse_module(path)
    assert module is None and "not valid TOML" in problems[0].message


def test_human_rights_asks_about_interference_only_when_there_is_one():
    module = load_module("human_rights", 1)
    assert [q.id for q in module.missing({})] == ["rights_engaged", "interference", "actions"]
    interfering = {"rights_engaged": "Article 8: home visits.", "interference": "yes"}
    assert [q.id for q in module.missing(interfering)] == [
        "lawful",
        "legitimate_aim",
        "proportionate",
        "actions",
    ]
    public = [label for label, _ in module.readable({"legal_advice": "x"}, public_only=True)]
    assert "Legal advice taken" not in public
