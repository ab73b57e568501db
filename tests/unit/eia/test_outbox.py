"""The outbox's back-off: doubling from the configured base, never more than six hours."""

import datetime

from eia.outbox import MAX_BACKOFF, backoff


def test_the_wait_doubles_after_each_failure_up_to_six_hours(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    waits = [backoff(attempts) for attempts in range(1, 12)]
    assert waits[:4] == [datetime.timedelta(minutes=minutes) for minutes in (1, 2, 4, 8)]
    assert max(waits) == MAX_BACKOFF == datetime.timedelta(hours=6)
    assert waits == sorted(waits)
