import datetime

from eia.calendar import add_working_days, is_working_day, working_days_between


def test_working_days_skip_weekends_and_bank_holidays():
    christmas_eve = datetime.date(2026, 12, 24)  # a Thursday
    assert add_working_days(christmas_eve, 1) == datetime.date(2026, 12, 29)  # 25th, 28th off
    assert not is_working_day(datetime.date(2026, 8, 31))  # England summer bank holiday
    assert is_working_day(datetime.date(2026, 8, 3), "england")
    assert not is_working_day(datetime.date(2026, 8, 3), "scotland")  # Scottish summer holiday
    assert working_days_between(datetime.date(2026, 12, 24), datetime.date(2026, 12, 29)) == 1
    assert add_working_days(datetime.date(2026, 12, 29), -1) == christmas_eve
