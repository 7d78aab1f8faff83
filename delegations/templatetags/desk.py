"""`{% planner_desk %}`: the visits on the desk with what needs attention, for the admin's index page."""

from django import template
from django.utils import timezone

from .. import attention

register = template.Library()


@register.inclusion_tag("admin/kleve/desk.html", takes_context=True)
def planner_desk(context):
    request = context["request"]
    user = request.user
    return {
        "shown": bool(attention.providers_for(user)) and user.has_perm("delegations.view_delegation"),
        "visits": attention.desk(user, timezone.localdate()),
        "may_open_visits": user.has_perm("delegations.view_delegation"),
    }
