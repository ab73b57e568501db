"""Template filters for the accounts pages."""

import datetime

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """A cool-off (timedelta) in whole minutes, for the lockout page."""
    if isinstance(value, datetime.timedelta):
        return max(1, int(value.total_seconds() // 60))
    return ""
