import datetime

from eia.calendar import add_working_days, agenda_deadline, is_working_day, working_days_between


def test_working_days_skip_weekends_and_bank_holidays():
    christmas_eve = datetime.date(2026, 12, 24)  # a Thursday
    assert add_working_days(christmas_eve, 1) == datetime.date(2026, 12, 29)  # 25th, 28th off
    assert not is_working_day(datetime.date(2026, 8, 31))  # England summer bank holiday
    assert is_working_day(datetime.date(2026, 8, 3), "england")
    assert not is_working_day(datetime.date(2026, 8, 3), "scotland")  # Scottish summer holiday
    assert working_days_between(datetime.date(2026, 12, 24), datetime.date(2026, 12, 29)) == 1
    assert add_working_days(datetime.date(2026, 12, 29), -1) == christmas_eve


def test_the_agenda_deadline_leaves_clear_working_days_before_the_meeting():
    wednesday = datetime.date(2026, 11, 18)  # no bank holiday near
    # Five clear days: 17, 16, 13, 12, 11 November; the papers are ready by Tuesday 10th.
    assert agenda_deadline(wednesday, 5) == datetime.date(2026, 11, 10)
    assert agenda_deadline(wednesday, 0) == datetime.date(2026, 11, 17)


def test_the_agenda_deadline_skips_each_nations_own_bank_holidays():
    # Easter 2027: Good Friday 26 March is a holiday everywhere; Easter Monday 29 March in
    # England, Wales and Northern Ireland but not in Scotland.
    after_easter = datetime.date(2027, 3, 31)
    assert agenda_deadline(after_easter, 5, "england") == datetime.date(2027, 3, 19)
    assert agenda_deadline(after_easter, 5, "scotland") == datetime.date(2027, 3, 22)
    assert agenda_deadline(after_easter, 5, "northern_ireland") == datetime.date(2027, 3, 19)
    # St Patrick's Day (Wednesday 17 March 2027) is a bank holiday only in Northern Ireland.
    monday = datetime.date(2027, 3, 22)
    assert agenda_deadline(monday, 5, "england") == datetime.date(2027, 3, 12)
    assert agenda_deadline(monday, 5, "scotland") == datetime.date(2027, 3, 12)
    assert agenda_deadline(monday, 5, "northern_ireland") == datetime.date(2027, 3, 11)
    # St Andrew's Day (Monday 30 November 2026) only in Scotland.
    friday = datetime.date(2026, 12, 4)
    assert agenda_deadline(friday, 5, "england") == datetime.date(2026, 11, 26)
    assert agenda_deadline(friday, 5, "scotland") == datetime.date(2026, 11, 25)
