"""Print the delivery record of a delegation's latest release: one line per notice."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from delegations.models import Delegation
from visits.releases import latest_release


class Command(BaseCommand):
    help = (
        "Print one line per notice of a delegation's latest release: "
        "member-id channel state attempts (states: queued, sent, failed, retrying, given_up); a notice to a "
        "contact (host, interpreter, driver) names it as contact-<id>."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the delegation's public slug")

    def handle(self, *args, slug, **options):
        delegation = Delegation.objects.filter(slug=slug).first()
        if delegation is None:
            raise CommandError(f"No delegation with the slug {slug!r}.")
        release = latest_release(delegation)
        if release is None:
            raise CommandError(f"{delegation} has no released programme yet.")
        for notice in release.notifications.order_by(
            F("contact_id").asc(nulls_first=True), "member_id", "channel"
        ):
            who = notice.member_id if notice.member_id is not None else f"contact-{notice.contact_id}"
            self.stdout.write(f"{who} {notice.channel} {notice.state} {notice.attempts}")
