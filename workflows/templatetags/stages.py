"""`{% state_tag assessment %}`: the state's label in the colour the stage table gives it."""

from django import template

from eia.templatetags.govuk import govuk_tag

from ..stages import stage_of

register = template.Library()


@register.simple_tag
def state_tag(assessment):
    stage = stage_of(assessment.state)
    return govuk_tag(stage.label, stage.colour)
