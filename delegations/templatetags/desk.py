"""`{% planner_desk %}`: the visits on the desk with what needs attention, for the admin's index page."""

from django import template
from django.utils import timezone

from .. import attention

register = template.Library()


@register.inclusion_tag("admin/kleve/desk.html", takes_context=True)
def planner_desk(context):
    """Nothing for a user no provider answers (the press office): their index stays the app list."""
    user = context["request"].user
    shown = user.has_perm("delegations.view_delegation") and bool(attention.providers_for(user))
    return {"shown": shown, "visits": attention.desk(user, timezone.localdate()) if shown else []}
