"""Template tags of the delivery record for other apps' pages (the delegation's and member's admin pages)."""

from django import template

from ..models import ReleaseNotification

register = template.Library()


@register.simple_tag
def undelivered_notice_count(delegation=None, member=None) -> int:
    """Notices of a delegation (or to a member) that did not arrive and will not on their own.

    Counted once per page: the delegation's page asks in its tools and again in its programme section.
    """
    holder = member if delegation is None else delegation if member is None else None
    if holder is not None and hasattr(holder, "_undelivered_notice_count"):
        return holder._undelivered_notice_count
    notices = ReleaseNotification.objects.undelivered()
    if delegation is not None:
        notices = notices.filter(release__delegation=delegation)
    if member is not None:
        notices = notices.filter(member=member)
    count = notices.count()
    if holder is not None:
        holder._undelivered_notice_count = count
    return count
