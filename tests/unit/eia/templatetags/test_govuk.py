"""eia.templatetags.govuk.govuk_date: dates and the ISO strings a frozen snapshot keeps."""

import datetime

from eia.templatetags.govuk import govuk_date


def test_dates_and_iso_strings_read_as_govuk_dates():
    assert govuk_date(datetime.date(2027, 2, 1)) == "1 February 2027"
    assert govuk_date("2027-02-01") == "1 February 2027"
    assert govuk_date("2027-02-01T10:00:00Z") == "1 February 2027"
    assert govuk_date("") == "" and govuk_date(None) == ""
    assert govuk_date("not a date") == "not a date"
