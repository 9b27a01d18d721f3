"""Links to a trainer's cascade page, shown only to viewers who may open it."""

from django import template
from django.urls import reverse

from courses.selectors import cascade

register = template.Library()


@register.simple_tag(takes_context=True)
def cascade_url(context, cadre) -> str:
    """The trainer's cascade page, or "" when the viewer may not see it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if cadre is None or user is None or not user.is_authenticated:
        return ""
    if not cascade.cascade_page_allowed(user, cadre):
        return ""
    return reverse("cascade_trainer", args=[cadre.code])
