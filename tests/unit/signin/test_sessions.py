from signin import sessions

HOUR = 3600


def test_a_session_ends_when_idle_or_at_its_limit_whichever_is_first():
    now = 100 * HOUR
    assert sessions.expired({sessions.STARTED: now - HOUR, sessions.SEEN: now - 60}, now) == ""
    assert sessions.expired({sessions.STARTED: now - HOUR, sessions.SEEN: now - 1800}, now) == (
        "idle"
    )
    assert sessions.expired({sessions.STARTED: now - 12 * HOUR, sessions.SEEN: now}, now) == (
        "absolute"
    )


def test_remaining_counts_down_both_clocks():
    now = 100 * HOUR
    left = sessions.remaining({sessions.STARTED: now - HOUR, sessions.SEEN: now - 600}, now)
    assert left == {"idle": 1200, "absolute": 11 * HOUR}


def test_touch_refreshes_the_idle_clock_at_most_every_30_seconds():
    session = {sessions.STARTED: 0.0, sessions.SEEN: 1000.0}
    sessions.touch(session, 1010.0)
    assert session[sessions.SEEN] == 1000.0
    sessions.touch(session, 1031.0)
    assert session[sessions.SEEN] == 1031.0


def test_the_message_says_why_in_words():
    assert sessions.signed_out_message("idle").endswith("for 30 minutes.")
    assert "signed in for 12 hours" in sessions.signed_out_message("absolute")
