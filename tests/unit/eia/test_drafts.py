"""The draft service's own checks, before anything is stored."""

import pytest

from eia.errors import InvalidInput
from eia.services.drafts import DRAFT_CHARACTERS, _check

LIMITS = {"aims": ("Aims", 10), "budget": ("Budget", DRAFT_CHARACTERS)}


def test_text_within_its_limit_is_kept_without_nul_characters():
    assert _check({"aims": "ab\x00c"}, LIMITS) == {"aims": "abc"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"aims": "x" * 11}, "Aims is 11 characters: it must be 10 or fewer"),
        ({"other": "x"}, "a field this form does not have"),
        ({"aims": 3}, "was not text"),
        ({"aims": "x", "budget": "x" * DRAFT_CHARACTERS}, "characters in all"),
    ],
)
def test_a_draft_is_refused_whole_with_a_message(fields, message):
    with pytest.raises(InvalidInput, match=message):
        _check(fields, LIMITS)
