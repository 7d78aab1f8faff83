"""Writes of the visits app that touch several objects or carry a rule: guest links and guests' own data."""

import datetime as dt
import hashlib
import hmac
import secrets
from base64 import urlsafe_b64encode
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.links import absolute_url
from delegations.models import Delegation, Member

from .models import GuestAccess

GUEST_LINK_DAYS_AFTER_DEPARTURE = 14
# What a token is derived for: a staff link's salt makes no guest token (`visits.staff.TOKEN_PURPOSE`).
GUEST_TOKEN_PURPOSE = "guest-link"


def default_guest_link_expiry(delegation: Delegation, *, now: dt.datetime | None = None) -> dt.datetime:
    """Links last until 14 days after the day of departure, end of that day in Berlin.

    A link made later than that (to look back on a visit, or for the demo) would be born expired: it lasts
    14 days from its making instead.
    """
    last_day = delegation.departure_date + dt.timedelta(days=GUEST_LINK_DAYS_AFTER_DEPARTURE)
    expiry = timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))
    now = now or timezone.now()
    return max(expiry, now + dt.timedelta(days=GUEST_LINK_DAYS_AFTER_DEPARTURE))


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
    return new_personal_link(
        GuestAccess,
        purpose=GUEST_TOKEN_PURPOSE,
        holder={"delegation": delegation, "member": member},
        expires_at=expires_at,
        created_by=created_by,
        revoke_previous=revoke_previous,
    )


def new_personal_link(
    model,
    *,
    purpose: str,
    holder: dict,
    expires_at: dt.datetime | None,
    created_by,
    revoke_previous: bool = True,
) -> tuple:
    """A new link of `model` (a guest's or a staff link) for `holder` (its delegation and member or contact):
    the access stored with the hash of a token derived from a new salt (`derive_token` with `purpose`), and
    the raw token. With `revoke_previous`, the holder's earlier links stop working. Inside a transaction."""
    if revoke_previous:
        model.objects.filter(**holder, revoked_at__isnull=True).update(revoked_at=timezone.now())
    salt = secrets.token_hex(16)
    token = derive_token(salt, purpose=purpose)
    access = model.objects.create(
        **holder,
        token_salt=salt,
        token_hash=model.hash_token(token),
        expires_at=expires_at or default_guest_link_expiry(holder["delegation"]),
        created_by=created_by,
    )
    return access, token


def derive_token(salt: str, *, purpose: str = GUEST_TOKEN_PURPOSE) -> str:
    """A link's token from its salt and the secret key: 192 bits, in the form of `GuestAccess.new_token()`.

    The database stores the salt and the token's hash, never the token; with the secret key the application
    can make the token again to send a member their link once more (a release's notice). A new secret key
    makes other tokens: old links still open (their hash is stored), but are not sent again.
    """
    # `purpose` keeps the kinds of link apart: a staff link's salt makes no guest token (`visits.staff`).
    message = f"kleve.{purpose}:{salt}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256)
    return urlsafe_b64encode(digest.digest()[:24]).decode()


def personal_link_url(member: Member) -> str:
    """The URL of a member's own valid link, made again from its salt; a new link when none can be.

    A new link here leaves the member's other links valid: the guest may have saved one on the phone.
    """
    accesses = (
        GuestAccess.objects.valid().filter(member=member).exclude(token_salt="").order_by("-expires_at")
    )
    for access in accesses:
        token = derive_token(access.token_salt)
        if hmac.compare_digest(GuestAccess.hash_token(token), access.token_hash):
            return guest_link_url(token)
    _access, token = issue_guest_access(delegation=member.delegation, member=member, revoke_previous=False)
    return guest_link_url(token)


def revoke_guest_access(access: GuestAccess) -> None:
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])


def guest_link_path(token: str) -> str:
    return reverse("guest:itinerary", kwargs={"token": token})


def guest_link_url(token: str, request=None) -> str:
    """The link's absolute address; a request at hand decides it in debug mode (`core.links`)."""
    return absolute_url(guest_link_path(token), request)


# Shown to staff in the member's history next to each change a guest made on their own.
SELF_SERVICE_CHANGE_REASON = "Selbstauskunft über Gastlink"

# What a guest may fill in about themselves before the visit (the self-service form's fields).
SELF_SERVICE_FIELDS = (
    "arrival_at",
    "arrival_mode",
    "arrival_reference",
    "departure_at",
    "departure_mode",
    "departure_reference",
    "dietary_needs",
    "accessibility_needs",
    "phone",
    "photo_consent",
    "notify_by",
    "messenger",
)


def find_guest_access(token: str, *, now: dt.datetime | None = None) -> GuestAccess | None:
    """The one way to open a guest link: look the token's hash up among valid links, in one query.

    Unknown, expired and revoked tokens all give None, so callers cannot tell them apart either.
    """
    if not GuestAccess.is_well_formed(token):
        return None
    try:
        return (
            GuestAccess.objects.valid(now)
            .select_related("delegation", "delegation__host_contact", "member", "member__hotel")
            .get(token_hash=GuestAccess.hash_token(token))
        )
    except GuestAccess.DoesNotExist:
        return None


def record_guest_use(access: GuestAccess, *, now: dt.datetime, seen_programme: bool) -> None:
    """Note that a link was used (and, for the itinerary page, that the programme was seen): one UPDATE."""
    fields = {"last_used_at": now}
    if seen_programme:
        fields["last_seen_at"] = now
    GuestAccess.objects.filter(pk=access.pk).update(**fields)


def visit_has_started(delegation: Delegation, *, now: dt.datetime | None = None) -> bool:
    """From the first day of the visit on (midnight at the destination), guests' own details are frozen."""
    start = dt.datetime.combine(delegation.arrival_date, dt.time.min, tzinfo=ZoneInfo(delegation.time_zone))
    return (now or timezone.now()) >= start


@transaction.atomic
def save_guest_details(*, member: Member, details: dict) -> bool:
    """Store what a member filled in about themselves; the history names the guest link as the source.

    Returns whether anything changed (nothing changed: no save, so no empty history entry).
    """
    unknown = set(details) - set(SELF_SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"not self-service fields: {sorted(unknown)}")
    changed = [name for name, value in details.items() if getattr(member, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(member, name, details[name])
    member._change_reason = SELF_SERVICE_CHANGE_REASON
    member.full_clean(exclude=[f.name for f in Member._meta.fields if f.name not in changed])
    member.save()
    return True


def guest_link_email(*, member: Member, url: str, expires_at: dt.datetime) -> EmailMessage:
    """The email that brings a member their personal link, in the member's language."""
    with translation.override(member.preferred_language):
        context = {
            "member": member,
            "name": member.name_in(member.preferred_language),
            "delegation": member.delegation,
            "url": url,
            "expires_at": expires_at,
            "time_zone": member.delegation.time_zone,
        }
        subject = " ".join(render_to_string("emails/guest_link_subject.txt", context).split())
        body = render_to_string("emails/guest_link.txt", context)
    return EmailMessage(
        subject=subject, body=body, to=[member.email], headers={"Content-Language": member.preferred_language}
    )


def send_guest_links(
    *, members: Iterable[Member], created_by=None, expires_at: dt.datetime | None = None, request=None
) -> tuple[list[Member], list[Member]]:
    """Make a new link for each member with an email address and mail it to them once the links are stored.

    Only hashes are stored, so sending means making new links: each member's previous link stops working.
    Returns the members written to and those skipped for want of an address.
    """
    sent, skipped = [], []
    with transaction.atomic():
        for member in members:
            if not member.email:
                skipped.append(member)
                continue
            access, token = issue_guest_access(
                delegation=member.delegation, member=member, expires_at=expires_at, created_by=created_by
            )
            url = guest_link_url(token, request)
            message = guest_link_email(member=member, url=url, expires_at=access.expires_at)
            transaction.on_commit(message.send)
            sent.append(member)
    return sent, skipped


@transaction.atomic
def issue_delegation_links(
    *, delegation: Delegation, created_by=None, expires_at: dt.datetime | None = None
) -> list[tuple[Member, str]]:
    """A new link for every active member of a delegation, with its absolute URL (old links are revoked)."""
    links = []
    for member in delegation.members.active().select_related("delegation"):
        _access, token = issue_guest_access(
            delegation=delegation, member=member, expires_at=expires_at, created_by=created_by
        )
        links.append((member, guest_link_url(token)))
    return links
