"""`{% other_proposals assessment %}`: the other proposals that hit the same groups, for the
officer's review and the decision-maker's sign-off pages (templates in workflows load it by
name, so workflows imports nothing from the equality app)."""

from django import template

from ..selectors.cumulative import RECENT, others_hitting

register = template.Library()


@register.inclusion_tag("equality/_other_proposals.html")
def other_proposals(assessment):
    return {"groups": others_hitting(assessment), "recent_days": RECENT.days}
