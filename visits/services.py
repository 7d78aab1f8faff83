"""Writes of the visits app that touch several objects or carry a rule: guest links for now."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from delegations.models import Delegation, Member

from .models import GuestAccess

GUEST_LINK_DAYS_AFTER_DEPARTURE = 14


def default_guest_link_expiry(delegation: Delegation) -> dt.datetime:
    """Links last until 14 days after the day of departure, end of that day in Berlin."""
    last_day = delegation.departure_date + dt.timedelta(days=GUEST_LINK_DAYS_AFTER_DEPARTURE)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))


@transaction.atomic
def issue_guest_access(
    *,
    delegation: Delegation,
    member: Member | None = None,
    expires_at: dt.datetime | None = None,
    created_by=None,
    revoke_previous: bool = True,
) -> tuple[GuestAccess, str]:
    """Make a new personal link (for a member, or the whole delegation when `member` is None).

    Returns the stored access and the raw token, which exists only in this return value: the database keeps
    its hash. Re-making a link revokes the previous ones of the same holder.
    """
    if member is not None and member.delegation_id != delegation.pk:
        raise ValueError("member belongs to another delegation")
    if revoke_previous:
        GuestAccess.objects.filter(delegation=delegation, member=member, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token = GuestAccess.new_token()
    access = GuestAccess.objects.create(
        delegation=delegation,
        member=member,
        token_hash=GuestAccess.hash_token(token),
        expires_at=expires_at or default_guest_link_expiry(delegation),
        created_by=created_by,
    )
    return access, token


def revoke_guest_access(access: GuestAccess) -> None:
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])


def guest_link_path(token: str) -> str:
    return reverse("guest:itinerary", kwargs={"token": token})


def guest_link_url(token: str) -> str:
    return settings.SITE_URL + guest_link_path(token)
