"""A unit's restructuring history for pages whose views do not gather it themselves."""

from django import template

from organizations.selectors import unit_history as _unit_history

register = template.Library()


@register.simple_tag
def unit_history(unit) -> dict:
    return _unit_history(unit)
