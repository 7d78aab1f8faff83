"""Telling members of a release: the delivery record, the channels, and the worker's task that sends.

Design:
- A release makes one `ReleaseNotification` per member concerned and channel (email, messenger), state queued,
  and once the release is committed enqueues `deliver_notice` for each in the persistent task queue
  (django-tasks-db); worker processes (`manage.py db_worker`) run it.
- A try first *claims* the notice with one conditional UPDATE (only a pending, unclaimed or long-abandoned,
  due notice is claimed), so two workers never send the same notice at once. It sends, then marks the
  notice sent. A failure that may pass (server down, timeout) plans the next try after the delays of
  `settings.NOTICE_RETRY_DELAYS` and enqueues it; after the last try the notice is given up. A failure that
  will not pass (the server refuses the address, no address, no messenger) marks it failed at once. Both stay
  visible to staff, who can send again.
- A worker killed between sending and marking leaves a claimed notice. After `settings.NOTICE_CLAIM_TIMEOUT`
  the sweep (`recover_stalled`, run by every worker, see the `db_worker` command) queues it again. The
  message may then arrive twice, but as the same message: its Message-ID and idempotency key are fixed per
  notice, so mail programs and webhook receivers drop the second copy.
- Every notice carries the member's personal link (made again from its salt, `services.personal_link_url`),
  the changes that concern the member, in the member's language, and one Ukrainian line saying where the
  itinerary lives, whatever the notice's language.
"""

import datetime as dt
import logging
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegations.enums import NoticeChannels
from delegations.models import Contact, Member

from . import services, staff
from .content_language import shown_text
from .models.releases import NoticeChannel, NoticeState, ProgrammeRelease, ReleaseNotification

logger = logging.getLogger(__name__)

PENDING = [NoticeState.QUEUED, NoticeState.RETRYING]


class PermanentFailure(Exception):
    """A failure no later try can mend: the notice is marked failed at once."""


# -- Who can be reached, and how --------------------------------------------------------------------------


def messenger_configured() -> bool:
    return bool(settings.MESSENGER_URL)


def usable_channels(member: Member) -> list[str]:
    """Every channel that could reach the member, whatever they chose."""
    channels = []
    if member.email:
        channels.append(NoticeChannel.EMAIL)
    if member.messenger and messenger_configured():
        channels.append(NoticeChannel.MESSENGER)
    return channels


def chosen_channels(member: Member) -> list[str]:
    return {
        NoticeChannels.EMAIL: [NoticeChannel.EMAIL],
        NoticeChannels.MESSENGER: [NoticeChannel.MESSENGER],
        NoticeChannels.BOTH: [NoticeChannel.EMAIL, NoticeChannel.MESSENGER],
    }[member.notify_by]


def channels_for(member: Member) -> list[str]:
    """The channels a notice goes out on: those the member chose that work, else any that works.

    Empty when nothing reaches the member: the release's readiness check blocks on that.
    """
    usable = usable_channels(member)
    return [channel for channel in chosen_channels(member) if channel in usable] or usable


# -- Making the record at release time ---------------------------------------------------------------------


def queue_release_notices(*, release: ProgrammeRelease, member_ids) -> list[ReleaseNotification]:
    """One queued notice per member and channel, enqueued for the worker once the release is committed.

    Members are told only what concerns them (`release.changes`); after the first release a member whom no
    change concerns gets nothing.
    """
    members = Member.objects.filter(pk__in=member_ids).order_by("pk")
    now = timezone.now()
    notices = []
    for member in members:
        entries = changes_for(release, member)
        if not release.is_first and not entries:
            continue
        for channel in channels_for(member):
            notices.append(
                ReleaseNotification(
                    release=release,
                    member=member,
                    channel=channel,
                    language=member.preferred_language,
                    changes=entries,
                    queued_at=now,
                    next_attempt_at=now,
                )
            )
    ReleaseNotification.objects.bulk_create(notices)
    pks = list(
        ReleaseNotification.objects.filter(
            release=release, member__isnull=False, state=NoticeState.QUEUED
        ).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: enqueue(pks))
    return notices


def queue_staff_notices(*, release: ProgrammeRelease, previous: ProgrammeRelease | None) -> list:
    """One queued email per host, interpreter and driver whose items the release changed, with an address.

    Contacts are told by email only, in German, with their staff link (`visits.staff`); one without a valid
    link of the visit gets none: a planner gives links out first.
    """
    changed = staff.changes_per_contact(previous=previous, release=release)
    contacts = Contact.objects.filter(pk__in=changed, staff_accesses__delegation=release.delegation_id)
    contacts = contacts.exclude(email="").distinct().order_by("pk")
    now = timezone.now()
    notices = [
        ReleaseNotification(
            release=release,
            contact=contact,
            channel=NoticeChannel.EMAIL,
            language="de",
            changes=changed[contact.pk],
            queued_at=now,
            next_attempt_at=now,
        )
        for contact in contacts
        if staff.current_link_url(delegation=release.delegation, contact=contact)
    ]
    ReleaseNotification.objects.bulk_create(notices)
    pks = list(
        ReleaseNotification.objects.filter(
            release=release, contact__isnull=False, state=NoticeState.QUEUED
        ).values_list("pk", flat=True)
    )
    if pks:
        transaction.on_commit(lambda: enqueue(pks))
    return notices


def changes_for(release: ProgrammeRelease, member: Member) -> list[dict]:
    return [entry for entry in release.changes if member.pk in entry["members"]]


def enqueue(notice_ids, *, run_after: dt.datetime | None = None) -> None:
    """Put a try of each notice in the task queue (now, or after `run_after` where the backend can wait)."""
    runner = deliver_notice
    if run_after is not None:
        if not default_task_backend.supports_defer:
            return  # an in-process backend cannot wait: a worker's sweep sends it when it is due
        runner = deliver_notice.using(run_after=run_after)
    for notice_id in notice_ids:
        runner.enqueue(notice_id=notice_id)


@transaction.atomic
def resend(notices) -> int:
    """Queue notices again for a fresh round of tries (staff's "send again"); sent ones stay as they are."""
    pks = list(notices.exclude(state=NoticeState.SENT).values_list("pk", flat=True))
    now = timezone.now()
    ReleaseNotification.objects.filter(pk__in=pks).update(
        state=NoticeState.QUEUED, attempts=0, next_attempt_at=now, claimed_at=None, last_error=""
    )
    transaction.on_commit(lambda: enqueue(pks))
    return len(pks)


# -- The worker's side ------------------------------------------------------------------------------------


def _claimable(now: dt.datetime) -> Q:
    stale = now - dt.timedelta(seconds=settings.NOTICE_CLAIM_TIMEOUT)
    return Q(state__in=PENDING, next_attempt_at__lte=now) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    )


def claim(notice_id: int, *, now: dt.datetime) -> bool:
    """Take the notice for one try; False when it is sent, given up, not yet due or another worker's."""
    claimed = ReleaseNotification.objects.filter(_claimable(now), pk=notice_id).update(
        claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


@task
def deliver_notice(*, notice_id: int) -> str:
    """One try of one notice: claim, send, mark. Returns the state it leaves the notice in."""
    now = timezone.now()
    if not claim(notice_id, now=now):
        return "skipped"
    notice = ReleaseNotification.objects.select_related(
        "release__delegation", "member__delegation", "contact"
    ).get(pk=notice_id)
    logger.info(
        "Sending notice %s (release %s, %s %s, %s), try %s",
        notice.pk,
        notice.release.version,
        "member" if notice.member_id else "contact",
        notice.member_id or notice.contact_id,
        notice.channel,
        notice.attempts,
    )
    try:
        send(notice)
    except PermanentFailure as error:
        return _record_failure(notice, error, permanent=True)
    except Exception as error:  # a transport's errors are many (socket, SMTP, HTTP): all may pass
        return _record_failure(notice, error, permanent=False)
    ReleaseNotification.objects.filter(pk=notice.pk).update(
        state=NoticeState.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    logger.info("Notice %s sent", notice.pk)
    return NoticeState.SENT


def _record_failure(notice: ReleaseNotification, error: Exception, *, permanent: bool) -> str:
    message = f"{type(error).__name__}: {error}"[:2000]
    delays = settings.NOTICE_RETRY_DELAYS
    if permanent:
        state, next_at = NoticeState.FAILED, None
    elif notice.attempts > len(delays):
        state, next_at = NoticeState.GIVEN_UP, None
    else:
        state = NoticeState.RETRYING
        next_at = timezone.now() + dt.timedelta(seconds=delays[notice.attempts - 1])
    fields = {"state": state, "claimed_at": None, "last_error": message}
    if next_at is not None:
        fields["next_attempt_at"] = next_at
    ReleaseNotification.objects.filter(pk=notice.pk).update(**fields)
    logger.warning("Notice %s: try %s failed (%s), now %s", notice.pk, notice.attempts, message, state)
    if next_at is not None:
        enqueue([notice.pk], run_after=next_at)
    return state


def recover_stalled(*, now: dt.datetime | None = None) -> int:
    """Queue every notice that is due but nobody works on: its worker died, or its task was lost.

    A due notice is left alone for a grace period (its own task may be just about to run); a claimed one until
    its claim is older than `NOTICE_CLAIM_TIMEOUT`. A notice queued twice is still sent once: `claim` decides.
    """
    now = now or timezone.now()
    grace = dt.timedelta(seconds=settings.NOTICE_SWEEP_SECONDS)
    pks = list(
        ReleaseNotification.objects.filter(_claimable(now), next_attempt_at__lte=now - grace).values_list(
            "pk", flat=True
        )
    )
    if pks:
        logger.info("Queueing %s stalled notice(s) again: %s", len(pks), pks)
        enqueue(pks)
    return len(pks)


# -- The messages ----------------------------------------------------------------------------------------


def message_id(notice: ReleaseNotification) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{notice.idempotency_key}@{domain}>"


def notice_context(notice: ReleaseNotification) -> dict:
    """What every channel says, in the notice's language (call inside `translation.override`)."""
    from .releases import describe_changes  # the changelog's wording lives with the release

    if notice.contact_id is not None:
        return staff_notice_context(notice)
    release, member = notice.release, notice.member
    delegation = release.delegation
    link = services.personal_link_url(member)
    with translation.override("uk"):
        ukrainian_line = _(
            "Ihr aktuelles Programm finden Sie immer unter Ihrem persönlichen Link: %(url)s"
        ) % {"url": link}
    return {
        "name": member.name_in(notice.language),
        "delegation": delegation,
        "release": release,
        # The note in the notice's language, or another one marked as such ("nur auf Deutsch").
        "note": shown_text(release, "note", notice.language),
        "lines": describe_changes(notice.changes, time_zone=delegation.time_zone),
        "time_zone": delegation.time_zone,
        "link": link,
        "ukrainian_line": ukrainian_line,
        "language": notice.language,
    }


def staff_notice_context(notice: ReleaseNotification) -> dict:
    """What a contact's notice says, in German: their changed items and their staff link."""
    from .releases import describe_changes

    release, contact = notice.release, notice.contact
    delegation = release.delegation
    link = staff.current_link_url(delegation=delegation, contact=contact)
    if link is None:
        raise PermanentFailure(_("Kein gültiger Dienstplan-Link für diesen Kontakt."))
    lines = describe_changes(
        [entry for entry in notice.changes if entry["change"] != "details"], time_zone=delegation.time_zone
    )
    details = [entry for entry in notice.changes if entry["change"] == "details"]
    lines.extend(_detail_lines(details, delegation))
    return {
        "name": contact.full_name,
        "delegation": delegation,
        "release": release,
        "note": release.note_de,
        "lines": lines,
        "time_zone": delegation.time_zone,
        "link": link,
        "language": "de",
    }


def _detail_lines(entries: list[dict], delegation) -> list[str]:
    from zoneinfo import ZoneInfo

    from django.utils import formats

    from .models import ReleasedItem

    copies = ReleasedItem.objects.in_bulk([entry["copy"] for entry in entries])
    zone = ZoneInfo(delegation.time_zone)
    lines = []
    for entry in entries:
        copy = copies.get(entry["copy"])
        if copy is not None:
            when = formats.date_format(copy.starts_at.astimezone(zone), "SHORT_DATETIME_FORMAT")
            lines.append(
                _("Geändert (Fahrzeug, Gäste oder Hinweise): %(title)s, %(when)s")
                % {"title": copy.title, "when": when}
            )
    return lines


def release_notice_email(notice: ReleaseNotification) -> EmailMultiAlternatives:
    """The email of a notice: text and HTML in the member's language, its Message-ID fixed per notice.

    A contact's notice (a host, interpreter or driver) is German, text only, with their staff link.
    """
    if notice.contact_id is not None:
        with translation.override("de"):
            context = staff_notice_context(notice)
            subject = " ".join(render_to_string("emails/staff_notice_subject.txt", context).split())
            text = render_to_string("emails/staff_notice.txt", context)
        return EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[notice.contact.email],
            headers={
                "Message-ID": message_id(notice),
                "X-Kleve-Notice-Key": notice.idempotency_key,
                "Content-Language": "de",
            },
        )
    with translation.override(notice.language):
        context = notice_context(notice)
        subject = " ".join(render_to_string("emails/release_notice_subject.txt", context).split())
        text = render_to_string("emails/release_notice.txt", context)
        html = render_to_string("emails/release_notice.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[notice.member.email],
        headers={
            "Message-ID": message_id(notice),
            "X-Kleve-Notice-Key": notice.idempotency_key,
            "Content-Language": notice.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def messenger_text(notice: ReleaseNotification) -> tuple[str, str]:
    """Title and body of a notice on the messenger: short, in the member's language."""
    with translation.override(notice.language):
        context = notice_context(notice)
        title = " ".join(render_to_string("emails/release_notice_subject.txt", context).split())
        body = render_to_string("emails/release_notice_messenger.txt", context).strip()
    return title, body


def messenger_url(notice: ReleaseNotification) -> str:
    """The apprise URL for the member; webhooks also get the idempotency key as a header."""
    url = settings.MESSENGER_URL.replace("{recipient}", quote(notice.member.messenger, safe="+@"))
    if urlsplit(url).scheme in {"json", "jsons", "form", "forms", "xml", "xmls"}:
        url += ("&" if "?" in url else "?") + "+X-Idempotency-Key=" + notice.idempotency_key
    return url


def send(notice: ReleaseNotification) -> None:
    """Send one notice on its channel; raises on failure (`PermanentFailure` when trying again is futile)."""
    if notice.channel == NoticeChannel.EMAIL:
        _send_email(notice)
    else:
        _send_messenger(notice)


def _send_email(notice: ReleaseNotification) -> None:
    import smtplib

    if not notice.recipient.email:
        raise PermanentFailure(_("Keine E-Mail-Adresse"))
    try:
        release_notice_email(notice).send()
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentFailure(str(error)) from error


def _send_messenger(notice: ReleaseNotification) -> None:
    import apprise

    if notice.member_id is None or not notice.member.messenger or not messenger_configured():
        raise PermanentFailure(_("Kein Messenger eingerichtet"))
    title, body = messenger_text(notice)
    notifier = apprise.Apprise()
    if not notifier.add(messenger_url(notice)):
        raise PermanentFailure(_("Die Messenger-Adresse ist ungültig (DJANGO_MESSENGER_URL)."))
    with apprise.LogCapture(level=logging.WARNING) as log:
        delivered = notifier.notify(title=title, body=body)
    if not delivered:
        raise RuntimeError(log.getvalue().strip() or "apprise: not delivered")
