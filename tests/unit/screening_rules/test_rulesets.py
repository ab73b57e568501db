"""Table-driven cases for every shipped rule set.

Each case states the outcome, every reason (rule id and exact words), every outranked reason and
every flag. So each case also says exactly which rules fired, and the meta-test below fails if a
rule of any shipped rule set has no case where it fires or no case where it stays silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from screening_rules import available_rulesets, evaluate, load_ruleset

GB = ("england", "wales", "scotland")


@dataclass(frozen=True)
class Case:
    name: str
    ruleset: str
    answers: dict
    outcome: str
    reasons: tuple[tuple[str, str], ...]
    superseded: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    characteristics: tuple[str, ...] = ()
    # Cases pin the version they were written for: a v2 adds its own cases, v1's stay.
    version: int = 1
    fired: frozenset[str] = field(init=False)

    def __post_init__(self):
        ids = {rule_id for rule_id, _ in self.reasons + self.superseded}
        object.__setattr__(self, "fired", frozenset(ids))


def impact(spec: str) -> dict:
    """'none', 'minor negative', 'major positive', or for Northern Ireland just 'minor'."""
    level, _, direction = spec.partition(" ")
    return {"level": level, "direction": direction} if direction else {"level": level}


def gb_answers(ruleset_id: str, *, impacts=None, characteristics=(), **answers) -> dict:
    """Nothing relevant and no impact anywhere, changed by the keyword arguments."""
    ruleset = load_ruleset(ruleset_id, 1)
    rows = {c: impact("none") for c in ruleset.scope(characteristics)}
    rows.update({c: impact(spec) for c, spec in (impacts or {}).items()})
    base = {
        "access": "no",
        "staff": "no",
        "budget": "no",
        "other_policy": "no",
        "public_concern": "no",
        "impact": rows,
    }
    if ruleset_id in ("wales", "scotland"):
        base["strategic_decision"] = "no"
    if ruleset_id == "wales":
        base["welsh_language_effect"] = "no"
    return base | answers


NOT_RELEVANT = {
    "england": "Screened out: no relevance question answered yes and no likely impact above none.",
    "wales": "Screened out: no relevance question answered yes, it is not a strategic decision "
    "and no likely impact above none.",
    "scotland": "Screened out: no relevance question answered yes, it is not a strategic decision "
    "and no likely impact above none.",
}
RELEVANT_NO_IMPACT = (
    "Screened out: the proposal is relevant to people but no likely impact above none was found "
    "for any group; the explanation given is recorded with this decision."
)
PUBLIC_CONCERN = (
    "Full assessment required because there have been, or are likely to be, public concerns "
    "about the proposal."
)
RURALITY = (
    "Rurality proofing required because the proposal could affect people in rural areas "
    "differently."
)
ARMED_FORCES = (
    "The Armed Forces covenant duty applies because the proposal concerns a housing, education "
    "or healthcare function."
)


def major(direction: str, phrase: str) -> tuple[str, str]:
    return (
        "major_impact",
        f"Full assessment required because the likely {direction} impact on {phrase} is major.",
    )


def mitigated(phrase: str) -> tuple[str, str]:
    return (
        "minor_negative_mitigated",
        f"Screened out with mitigation because the likely negative impact on {phrase} is minor "
        "and the action described will remove or reduce it.",
    )


def gb_cases(r: str) -> list[Case]:
    def answers(**kwargs):
        return gb_answers(r, **kwargs)

    explained = {"no_impact_explanation": "Opening hours stay the same for everyone."}
    return [
        Case(
            "nothing relevant, no impact",
            r,
            answers(),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]),),
        ),
        Case(
            "major negative impact",
            r,
            answers(impacts={"disability": "major negative"}),
            "full_assessment",
            (major("negative", "disabled people"),),
        ),
        Case(
            "major positive impact hides the mitigation question",
            r,
            answers(
                impacts={"age": "major positive", "sex": "minor negative"},
                mitigation_possible="yes",
                mitigation="Ignored: the question is not shown.",
            ),
            "full_assessment",
            (major("positive", "people of different ages"),),
        ),
        Case(
            "minor negative impact that cannot be mitigated",
            r,
            answers(impacts={"race": "minor negative"}, mitigation_possible="no"),
            "full_assessment",
            (
                (
                    "minor_negative_not_mitigable",
                    "Full assessment required because the likely negative impact on people from "
                    "different ethnic groups is minor but cannot be removed or reduced.",
                ),
            ),
        ),
        Case(
            "minor negative impacts, mitigated, reasons in catalogue order",
            r,
            answers(
                impacts={"disability": "minor negative", "age": "minor negative"},
                mitigation_possible="yes",
                mitigation="Keep the ground-floor counter open on market days.",
            ),
            "screened_out_with_mitigation",
            (mitigated("people of different ages"), mitigated("disabled people")),
        ),
        Case(
            "minor positive impact only",
            r,
            answers(impacts={"sex": "minor positive"}),
            "screened_out",
            (
                (
                    "minor_positive_impact",
                    "Screened out: the likely impact on women and men is minor and positive.",
                ),
            ),
        ),
        Case(
            "relevant but no impact, explained",
            r,
            answers(access="yes", **explained),
            "screened_out",
            (("relevant_no_impact", RELEVANT_NO_IMPACT),),
        ),
        Case(
            "public concern outranks a screened-out reason",
            r,
            answers(public_concern="likely", **explained),
            "full_assessment",
            (("public_concern", PUBLIC_CONCERN),),
            superseded=(("relevant_no_impact", RELEVANT_NO_IMPACT),),
        ),
        Case(
            "public concern outranks mitigation",
            r,
            answers(
                public_concern="raised",
                impacts={"religion_belief": "minor negative"},
                mitigation_possible="yes",
                mitigation="Consult faith groups on the new times.",
            ),
            "full_assessment",
            (("public_concern", PUBLIC_CONCERN),),
            superseded=(
                mitigated("people of different religions or beliefs, including no belief"),
            ),
        ),
        Case(
            "marriage and civil partnership asked when staff are affected",
            r,
            answers(
                staff="yes",
                impacts={"marriage_civil_partnership": "major negative"},
            ),
            "full_assessment",
            (major("negative", "people who are married or in a civil partnership"),),
        ),
        Case(
            "marriage and civil partnership ignored when staff are not affected",
            r,
            answers(impacts={"marriage_civil_partnership": "major negative"}),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]),),
        ),
        Case(
            "rural areas affected differently",
            r,
            answers(characteristics=["rurality"], rural_difference="yes"),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]), ("rurality_proofing", RURALITY)),
            flags=("rurality_proofing_required",),
            characteristics=("rurality",),
        ),
        Case(
            "minor impact on rural people",
            r,
            answers(
                characteristics=["rurality"],
                rural_difference="no",
                impacts={"rurality": "minor negative"},
                mitigation_possible="yes",
                mitigation="A mobile library visits each village weekly.",
            ),
            "screened_out_with_mitigation",
            (mitigated("people living in rural areas"), ("rurality_proofing", RURALITY)),
            flags=("rurality_proofing_required",),
            characteristics=("rurality",),
        ),
        Case(
            "rurality switched on, no rural difference",
            r,
            answers(characteristics=["rurality"], rural_difference="no"),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]),),
            characteristics=("rurality",),
        ),
        Case(
            "rural difference answered but rurality switched off",
            r,
            answers(rural_difference="yes"),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]),),
        ),
        Case(
            "housing and education functions",
            r,
            answers(characteristics=["armed_forces"], covenant_functions=["education", "housing"]),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]), ("armed_forces_covenant", ARMED_FORCES)),
            flags=("armed_forces_covenant_duty_applies",),
            characteristics=("armed_forces",),
        ),
        Case(
            "none of the covenant functions",
            r,
            answers(characteristics=["armed_forces"], covenant_functions=["none"]),
            "screened_out",
            (("not_relevant", NOT_RELEVANT[r]),),
            characteristics=("armed_forces",),
        ),
    ]


WALES_STRATEGIC = (
    "Full assessment required because this is a strategic decision: the Socio-economic Duty "
    "requires due regard to reducing inequalities of outcome caused by socio-economic "
    "disadvantage."
)
WELSH_LANGUAGE = (
    "A Welsh language impact assessment is required because the proposal could affect "
    "opportunities to use Welsh or how Welsh is treated compared with English."
)
SCOTLAND_STRATEGIC = (
    "Full assessment required because this is a strategic decision: the Fairer Scotland Duty "
    "requires a written assessment of how it could reduce inequalities of outcome caused by "
    "socio-economic disadvantage."
)
ISLANDS = (
    "An island communities impact assessment is required because the proposal is likely to "
    "affect an island community significantly differently from other communities."
)

WALES_CASES = [
    Case(
        "strategic decision",
        "wales",
        gb_answers("wales", strategic_decision="yes"),
        "full_assessment",
        (
            ("strategic_decision", WALES_STRATEGIC),
            (
                "socio_economic_duty",
                "The Socio-economic Duty applies because this is a strategic decision.",
            ),
        ),
        flags=("socio_economic_duty_applies",),
    ),
    Case(
        "Welsh language affected",
        "wales",
        gb_answers("wales", welsh_language_effect="yes"),
        "screened_out",
        (("not_relevant", NOT_RELEVANT["wales"]), ("welsh_language", WELSH_LANGUAGE)),
        flags=("welsh_language_assessment",),
    ),
    Case(
        "minor positive impact on the Welsh language",
        "wales",
        gb_answers("wales", impacts={"welsh_language": "minor positive"}),
        "screened_out",
        (
            (
                "minor_positive_impact",
                "Screened out: the likely impact on Welsh speakers and the Welsh language is "
                "minor and positive.",
            ),
            ("welsh_language", WELSH_LANGUAGE),
        ),
        flags=("welsh_language_assessment",),
    ),
    Case(
        "major negative impact on socio-economic disadvantage",
        "wales",
        gb_answers("wales", impacts={"socio_economic": "major negative"}),
        "full_assessment",
        (major("negative", "people experiencing socio-economic disadvantage"),),
    ),
]

SCOTLAND_CASES = [
    Case(
        "strategic decision",
        "scotland",
        gb_answers("scotland", strategic_decision="yes"),
        "full_assessment",
        (
            ("strategic_decision", SCOTLAND_STRATEGIC),
            (
                "fairer_scotland_duty",
                "The Fairer Scotland Duty applies because this is a strategic decision.",
            ),
        ),
        flags=("socio_economic_duty_applies",),
    ),
    Case(
        "island community affected differently",
        "scotland",
        gb_answers("scotland", characteristics=["island_communities"], island_difference="yes"),
        "screened_out",
        (("not_relevant", NOT_RELEVANT["scotland"]), ("island_communities", ISLANDS)),
        flags=("island_communities_impact_assessment",),
        characteristics=("island_communities",),
    ),
    Case(
        "major impact on island communities",
        "scotland",
        gb_answers(
            "scotland",
            characteristics=["island_communities"],
            island_difference="no",
            impacts={"island_communities": "major negative"},
        ),
        "full_assessment",
        (major("negative", "island communities"), ("island_communities", ISLANDS)),
        flags=("island_communities_impact_assessment",),
        characteristics=("island_communities",),
    ),
    Case(
        "island communities switched on, no difference",
        "scotland",
        gb_answers("scotland", characteristics=["island_communities"], island_difference="no"),
        "screened_out",
        (("not_relevant", NOT_RELEVANT["scotland"]),),
        characteristics=("island_communities",),
    ),
]


def ni_answers(*, equality=None, good_relations=None, **answers) -> dict:
    ruleset = load_ruleset("northern_ireland", 1)
    grid = {c.id: impact("none") for c in ruleset.characteristics}
    grid.update({c: impact(spec) for c, spec in (equality or {}).items()})
    relations = {
        c: impact("none") for c in ("religious_belief", "political_opinion", "racial_group")
    }
    relations.update({c: impact(spec) for c, spec in (good_relations or {}).items()})
    base = {
        "affected_people": "Residents and staff of the leisure centres.",
        "impact_equality": grid,
        "promote_equality": "no",
        "impact_good_relations": relations,
        "promote_good_relations": "no",
    }
    return base | answers


NI_NO_IMPACT = (
    "Screened out: the likely impact on equality of opportunity and on good relations is none in "
    "every Section 75 category."
)

NI_CASES = [
    Case(
        "no impact",
        "northern_ireland",
        ni_answers(),
        "screened_out",
        (("no_impact", NI_NO_IMPACT),),
    ),
    Case(
        "major impact on equality of opportunity",
        "northern_ireland",
        ni_answers(equality={"disability": "major"}),
        "full_assessment",
        (
            (
                "major_equality_impact",
                "Screened in because the likely impact on equality of opportunity for people "
                "with and without a disability is major.",
            ),
        ),
    ),
    Case(
        "major impact on good relations",
        "northern_ireland",
        ni_answers(good_relations={"religious_belief": "major"}),
        "full_assessment",
        (
            (
                "major_good_relations_impact",
                "Screened in because the likely impact on good relations between people of "
                "different religious belief is major.",
            ),
        ),
    ),
    Case(
        "minor equality impact, mitigated",
        "northern_ireland",
        ni_answers(
            equality={"age": "minor"},
            mitigation_possible="yes",
            mitigation="Keep concession prices for over-60s.",
        ),
        "screened_out_with_mitigation",
        (
            (
                "minor_equality_mitigated",
                "Screened out with mitigation because the likely impact on equality of "
                "opportunity for people of different ages is minor and the measures described "
                "will remove or reduce it.",
            ),
        ),
    ),
    Case(
        "minor equality impact, not mitigable",
        "northern_ireland",
        ni_answers(equality={"dependants": "minor"}, mitigation_possible="no"),
        "full_assessment",
        (
            (
                "minor_equality_not_mitigable",
                "Screened in because the likely impact on equality of opportunity for people "
                "with and without dependants is minor but cannot be removed or reduced.",
            ),
        ),
    ),
    Case(
        "minor good relations impact, mitigated",
        "northern_ireland",
        ni_answers(
            good_relations={"political_opinion": "minor"},
            mitigation_possible="yes",
            mitigation="Neutral venue for the consultation events.",
        ),
        "screened_out_with_mitigation",
        (
            (
                "minor_good_relations_mitigated",
                "Screened out with mitigation because the likely impact on good relations "
                "between people of different political opinion is minor and the measures "
                "described will remove or reduce it.",
            ),
        ),
    ),
    Case(
        "minor good relations impact, not mitigable",
        "northern_ireland",
        ni_answers(good_relations={"racial_group": "minor"}, mitigation_possible="no"),
        "full_assessment",
        (
            (
                "minor_good_relations_not_mitigable",
                "Screened in because the likely impact on good relations between people of "
                "different racial groups is minor but cannot be removed or reduced.",
            ),
        ),
    ),
    Case(
        "opportunities to promote equality and good relations",
        "northern_ireland",
        ni_answers(
            promote_equality="yes",
            promote_equality_details="Add a changing places toilet.",
            promote_good_relations="yes",
            promote_good_relations_details="Shared-space summer scheme.",
        ),
        "screened_out",
        (
            ("no_impact", NI_NO_IMPACT),
            (
                "promote_equality",
                "There are opportunities to better promote equality of opportunity; they are "
                "recorded with this decision.",
            ),
            (
                "promote_good_relations",
                "There are opportunities to better promote good relations; they are recorded "
                "with this decision.",
            ),
        ),
        flags=("opportunities_to_promote_equality", "opportunities_to_promote_good_relations"),
    ),
]

V1_CASES = [case for r in GB for case in gb_cases(r)] + WALES_CASES + SCOTLAND_CASES + NI_CASES

# Version 2 of each rule set is version 1 with the human rights question and its flag: every
# version 1 case decides the same with that question answered no, and yes adds the flag.
HUMAN_RIGHTS = (
    "Human rights must be considered because the proposal could affect people's Convention "
    "rights, such as their private and family life, home, liberty or property (Human Rights Act "
    "1998, section 6)."
)


def v2_of(case: Case, answer: str = "no", name: str = "") -> Case:
    flagged = answer == "yes"
    return replace(
        case,
        name=name or case.name,
        version=2,
        answers=case.answers | {"human_rights_effect": answer},
        reasons=case.reasons + ((("human_rights", HUMAN_RIGHTS),) if flagged else ()),
        flags=tuple(sorted(set(case.flags) | ({"human_rights_considered"} if flagged else set()))),
    )


V2_CASES = (
    [v2_of(case) for case in V1_CASES]
    + [
        v2_of(case, "yes", f"{case.name}, human rights affected")
        for case in V1_CASES
        if case.name in ("nothing relevant, no impact", "no impact")
    ]
    + [
        Case(
            "a likely impact on human rights raises the flag",
            r,
            gb_answers(
                r,
                characteristics=("human_rights",),
                impacts={"human_rights": "minor positive"},
                human_rights_effect="no",
            ),
            "screened_out",
            (
                (
                    "minor_positive_impact",
                    "Screened out: the likely impact on people's human rights is minor and "
                    "positive.",
                ),
                ("human_rights", HUMAN_RIGHTS),
            ),
            flags=("human_rights_considered",),
            characteristics=("human_rights",),
            version=2,
        )
        for r in GB
    ]
)
CASES = V1_CASES + V2_CASES


@pytest.mark.parametrize("case", CASES, ids=[f"{c.ruleset}@{c.version}: {c.name}" for c in CASES])
def test_case_outcome_reasons_and_flags(case):
    result = evaluate(load_ruleset(case.ruleset, case.version), case.answers, case.characteristics)

    assert result.outcome == case.outcome
    assert [(r.rule_id, r.text) for r in result.reasons] == list(case.reasons)
    assert [(r.rule_id, r.text) for r in result.superseded] == list(case.superseded)
    assert result.flags == tuple(sorted(case.flags))


def test_cases_cover_every_rule_firing_and_silent():
    missing = []
    for info in available_rulesets():
        ruleset = load_ruleset(info.id, info.version)
        cases = [c for c in CASES if (c.ruleset, c.version) == (info.id, info.version)]
        for rule in ruleset.rules:
            if not any(rule.id in c.fired for c in cases):
                missing.append(f"{ruleset.ref} rule '{rule.id}' has no case where it fires")
            if all(rule.id in c.fired for c in cases):
                missing.append(f"{ruleset.ref} rule '{rule.id}' has no case where it is silent")
    assert missing == []
