"""One-line values: refused with the field's name when they hold a break; made one line where
stored text must fit a header."""

import pytest

from eia.errors import InvalidInput
from eia.limits import clean_line, one_line


@pytest.mark.parametrize(
    "value", ["NCC\n1", "NCC\r1", "NCC\t1", "NCC\x001", "NCC\x1b1", "NCC\u20281", "NCC\x851"]
)
def test_a_break_or_control_character_is_refused_naming_the_field(value):
    with pytest.raises(InvalidInput, match="^The reference must be on one line"):
        clean_line(value, what="the reference", required=True)


def test_a_one_line_value_is_stripped_and_its_limit_explained():
    assert clean_line("  Hawford library  ", what="the title", required=True) == "Hawford library"
    with pytest.raises(InvalidInput, match="^Enter the title$"):
        clean_line("   ", what="the title", required=True)
    with pytest.raises(InvalidInput, match="^The title must be 10 characters or fewer$"):
        clean_line("x" * 11, what="the title", required=True, limit=10)


def test_one_line_turns_every_run_of_breaks_into_one_space_and_bounds_the_length():
    assert one_line("Hawford\r\nBcc: x@example.com\u2028library") == (
        "Hawford Bcc: x@example.com library"
    )
    assert one_line("x" * 400) == "x" * 299 + "…"
