"""Quarters of a calendar and a financial reporting year."""

import datetime

import pytest

from eia import reporting_year

D = datetime.date


@pytest.mark.parametrize(
    ("day", "kind", "expected"),
    [
        (D(2026, 1, 1), "calendar", (2026, 1)),
        (D(2026, 3, 31), "calendar", (2026, 1)),
        (D(2026, 4, 1), "calendar", (2026, 2)),
        (D(2026, 12, 31), "calendar", (2026, 4)),
        (D(2026, 4, 1), "financial", (2026, 1)),
        (D(2026, 6, 30), "financial", (2026, 1)),
        (D(2026, 7, 1), "financial", (2026, 2)),
        (D(2026, 12, 31), "financial", (2026, 3)),
        (D(2027, 1, 1), "financial", (2026, 4)),
        (D(2027, 3, 31), "financial", (2026, 4)),
    ],
)
def test_quarter_of_a_day(day, kind, expected):
    assert reporting_year.quarter_of(day, kind) == expected


def test_every_day_of_a_year_lies_in_the_bounds_of_its_quarter():
    for kind in ("calendar", "financial"):
        day = D(2025, 1, 1)
        while day < D(2028, 1, 1):
            start, end = reporting_year.bounds(*reporting_year.quarter_of(day, kind), kind)
            assert start <= day < end, (day, kind)
            day += datetime.timedelta(days=1)


def test_labels_of_a_financial_and_a_calendar_quarter():
    assert reporting_year.year_label(2026, "financial") == "2026-27"
    assert reporting_year.year_label(2099, "financial") == "2099-00"
    assert reporting_year.year_label(2026, "calendar") == "2026"
    assert reporting_year.months_label(2026, 4, "financial") == "January to March 2027"
    assert reporting_year.months_label(2026, 2, "calendar") == "April to June 2026"
