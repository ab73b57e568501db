"""Screening answers that lead to a chosen outcome under the shipped England rule set."""

from workflows.demo.stories import screening_answers


def answers_for(outcome: str, *, rural: bool = False) -> dict:
    return screening_answers(outcome, rural=rural)


def as_post_data(answers: dict) -> dict:
    """The same answers as the screening form posts them."""
    data = {}
    for key, value in answers.items():
        if isinstance(value, dict):  # an impact grid: one radio group per row and part
            for characteristic, row in value.items():
                for part, chosen in row.items():
                    data[f"{key}__{characteristic}__{part}"] = chosen
        else:
            data[key] = value
    return data
