"""Every move of the process: one module per concept, each move one transaction with its locks,
its rules, its transition, its task, its audit event and its emails (after commit).

- `moves`: the shape every move shares (locks, staleness, invariant).
- `starting`: a new assessment from the pipeline, and reviews (new versions).
- `submitting`: the author's submissions.
- `reviewing`: the equality officer's reviews.
- `deciding`: sign-off, publication, superseding and withdrawal.
- `tasks`: claiming, releasing and reassigning tasks.

The record's content is written by eia.services; these are the only callers of the record's
state transitions (tests/unit/test_one_door.py).
"""

from .deciding import decide_sign_off, publish, withdraw
from .moves import InvariantBroken, active_task
from .reviewing import RETURN, ScreeningDecision, review_assessment, review_screening
from .starting import start_assessment, start_review
from .submitting import submit_full_assessment, submit_rurality_proofing, submit_screening
from .tasks import claim_task, reassign_task, release_task

__all__ = [
    "RETURN",
    "InvariantBroken",
    "ScreeningDecision",
    "active_task",
    "claim_task",
    "decide_sign_off",
    "publish",
    "reassign_task",
    "release_task",
    "review_assessment",
    "review_screening",
    "start_assessment",
    "start_review",
    "submit_full_assessment",
    "submit_rurality_proofing",
    "submit_screening",
    "withdraw",
]
