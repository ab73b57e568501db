"""Screening answers that lead to a chosen outcome under the shipped England rule set."""

import screening_rules

ENGLAND = screening_rules.load_ruleset("england")
EVERYONE = [c.id for c in ENGLAND.characteristics]


def answers_for(outcome: str, *, rural: bool = False) -> dict:
    relevant = "no" if outcome == "screened_out" else "yes"
    impact = {characteristic: {"level": "none"} for characteristic in EVERYONE}
    answers = {
        "access": relevant,
        "staff": "no",
        "budget": relevant,
        "other_policy": "no",
        "public_concern": "no",
        "rural_difference": "yes" if rural else "no",
        "covenant_functions": ["none"],
        "impact": impact,
    }
    if outcome == "full_assessment":
        impact["disability"] = {"level": "major", "direction": "negative"}
    elif outcome == "screened_out_with_mitigation":
        impact["age"] = {"level": "minor", "direction": "negative"}
        answers["mitigation_possible"] = "yes"
        answers["mitigation"] = "Paper forms stay available at every library."
    elif outcome != "screened_out":
        raise ValueError(outcome)
    return answers


def as_post_data(answers: dict) -> dict:
    """The same answers as the screening form posts them."""
    data = {}
    for key, value in answers.items():
        if key == "impact":
            for characteristic, row in value.items():
                for part, chosen in row.items():
                    data[f"impact__{characteristic}__{part}"] = chosen
        else:
            data[key] = value
    return data
