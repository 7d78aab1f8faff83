"""Issuing invitation letters: reference numbers given out in order, once, inside one transaction."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from delegations.models import Delegation, Member

from .models import InvitationLetter, Letterhead, ReferenceCounter


def format_reference(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:04d}"


def _locked_counter(year: int) -> ReferenceCounter:
    """The year's counter, locked until the transaction ends: issuers of letters take turns here."""
    ReferenceCounter.objects.get_or_create(year=year)
    return ReferenceCounter.objects.select_for_update().get(year=year)


def members_without_letter(delegation: Delegation):
    return delegation.members.active().filter(invitation_letter__isnull=True).order_by("pk")


def issue_letters(
    *, delegation: Delegation, issued_by=None, now: dt.datetime | None = None
) -> list[InvitationLetter]:
    """Issue a letter to every active member of `delegation` who has none yet; returns the new letters.

    Members who already have a letter keep it: its reference and code stay as they were.
    """
    now = now or timezone.now()
    with transaction.atomic():
        counter = _locked_counter(timezone.localtime(now).year)
        # Read after taking the lock, so a second issuer sees the letters the first one made.
        members = list(members_without_letter(delegation))
        return _issue(counter, members, issued_by=issued_by, now=now)


def issue_letter(*, member: Member, issued_by=None, now: dt.datetime | None = None) -> InvitationLetter:
    """The member's letter: the existing one, or a new one."""
    now = now or timezone.now()
    with transaction.atomic():
        counter = _locked_counter(timezone.localtime(now).year)
        existing = InvitationLetter.objects.filter(member=member).first()
        if existing is not None:
            return existing
        return _issue(counter, [member], issued_by=issued_by, now=now)[0]


def _issue(
    counter: ReferenceCounter, members: list[Member], *, issued_by, now: dt.datetime
) -> list[InvitationLetter]:
    if not members:
        return []
    prefix = Letterhead.current().reference_prefix
    first = counter.last + 1
    letters = [
        InvitationLetter(
            member=member,
            year=counter.year,
            sequence=number,
            reference=format_reference(prefix, counter.year, number),
            issued_at=now,
            issued_by=issued_by,
        )
        for number, member in enumerate(members, start=first)
    ]
    counter.last += len(members)
    counter.save(update_fields=["last"])
    for letter in letters:
        letter.save()
    return letters
