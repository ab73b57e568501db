import datetime

import pytest

from equality.targets import Kind, parse


@pytest.mark.parametrize(
    ("text", "kind", "due", "reads"),
    [
        ("October 2019", Kind.BY, datetime.date(2019, 10, 31), "31 October 2019"),
        ("31 March 2020", Kind.BY, datetime.date(2020, 3, 31), "31 March 2020"),
        ("by 1st May 2026", Kind.BY, datetime.date(2026, 5, 1), "1 May 2026"),
        ("31/03/2027", Kind.BY, datetime.date(2027, 3, 31), "31 March 2027"),
        ("2027-03-31", Kind.BY, datetime.date(2027, 3, 31), "31 March 2027"),
        ("From April 2019", Kind.FROM, None, "From April 2019"),
        ("from  sept 2020", Kind.FROM, None, "From September 2020"),
        ("Annually in April", Kind.ANNUALLY, None, "Annually in April"),
        ("Ongoing", Kind.ONGOING, None, "Ongoing"),
        ("When the strategy is agreed", Kind.TEXT, None, "When the strategy is agreed"),
        ("30 February 2027", Kind.TEXT, None, "30 February 2027"),
        ("", Kind.TEXT, None, ""),
    ],
)
def test_targets_read_as_councils_write_them(text, kind, due, reads):
    target = parse(text)
    assert (target.kind, target.due, target.reads) == (kind, due, reads)


def test_only_a_dated_target_in_the_past_is_overdue():
    today = datetime.date(2026, 12, 1)
    assert parse("November 2026").is_overdue(today)
    assert not parse("December 2026").is_overdue(today)
    assert not parse("From April 2019").is_overdue(today)
    assert not parse("Ongoing").is_overdue(today)
