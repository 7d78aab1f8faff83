"""Template tags of the delivery record for other apps' pages (the delegation's and member's admin pages)."""

from django import template

from ..models import ReleaseNotification

register = template.Library()


@register.simple_tag
def undelivered_notice_count(delegation=None, member=None) -> int:
    """Notices of a delegation (or to a member) that did not arrive and will not on their own."""
    notices = ReleaseNotification.objects.undelivered()
    if delegation is not None:
        notices = notices.filter(release__delegation=delegation)
    if member is not None:
        notices = notices.filter(member=member)
    return notices.count()
