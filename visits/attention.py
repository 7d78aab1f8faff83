"""What the visits app finds for the planner's desk (`delegations.attention`), for all visits at once.

Release readiness (blocking findings, texts missing in the readers' languages), notices that did not arrive,
company appointments still to ask or unanswered, members who never opened their personal link, and texts
still to translate (missing or older than their German) in the languages the members read. Each
provider runs a fixed number of queries for all visits together; `VisitsConfig.ready()` registers them.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from delegations.attention import Attention, Urgency, contribute, urgency_before
from delegations.enums import Language

from . import readiness
from .enums import AppointmentStatus
from .models import CompanyAppointment, GuestAccess, ReleaseNotification
from .translating.worklist import work_lists


def _url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def release_readiness(delegations, today):
    """Blocking findings of the readiness check, and texts guests would read in another language."""
    findings = readiness.check_visits(delegations, now=timezone.now())
    for delegation in delegations:
        found = readiness.blocking(findings[delegation.pk])
        url = _url("admin:visits_programmerelease_readiness", query={"delegation": delegation.pk})
        # Blocking the release matters by the visit's start: before it, guests must have their programme.
        urgency = urgency_before(delegation.arrival_date, today)
        missing = [f for f in found if f.code == readiness.Code.MISSING_TRANSLATION]
        others = [f for f in found if f.code != readiness.Code.MISSING_TRANSLATION]
        if others:
            kinds = dict.fromkeys(finding.code_label for finding in others)
            text = ngettext(
                "%(count)d blockierender Befund vor der Freigabe (%(kinds)s)",
                "%(count)d blockierende Befunde vor der Freigabe (%(kinds)s)",
                len(others),
            ) % {"count": len(others), "kinds": ", ".join(kinds)}
            yield Attention(delegation.pk, urgency, text, url, due=delegation.arrival_date)
        if missing:
            per_language = readiness.translation_gaps_by_language(missing)
            text = ngettext(
                "%(count)d Text fehlt in der Sprache der Gäste (%(languages)s)",
                "%(count)d Texte fehlen in der Sprache der Gäste (%(languages)s)",
                len(missing),
            ) % {
                "count": len(missing),
                "languages": ", ".join(f"{name}: {count}" for name, count in per_language),
            }
            language = missing[0].language if missing[0].language != "de" else ""
            where = (
                _url("translations:index", delegation.pk, query={"language": language}) if language else url
            )
            yield Attention(delegation.pk, urgency, text, where, due=delegation.arrival_date)


def undelivered_notices(delegations, today):
    """Notices of releases that failed or were given up, with a link to the latest release holding any."""
    rows = (
        ReleaseNotification.objects.undelivered()
        .filter(release__delegation__in=delegations)
        .values("release__delegation")
        .annotate(count=Count("pk"), release=Max("release"))
    )
    for row in rows:
        text = ngettext(
            "%(count)d Mitteilung einer Freigabe nicht angekommen",
            "%(count)d Mitteilungen einer Freigabe nicht angekommen",
            row["count"],
        ) % {"count": row["count"]}
        url = _url("admin:visits_programmerelease_change", row["release"])
        yield Attention(row["release__delegation"], Urgency.NOW, text, url)


def company_appointments(delegations, today):
    """Requests to companies still unanswered, and companies still to be asked.

    An appointment keeps no date of its request; its last change is when it was marked requested, unless
    it was edited since: "Stand vom" says what the date is.
    """
    arrival = {delegation.pk: delegation.arrival_date for delegation in delegations}
    rows = (
        CompanyAppointment.objects.filter(
            delegation__in=delegations, status__in=[AppointmentStatus.REQUESTED, AppointmentStatus.TO_ASK]
        )
        .values("delegation", "status")
        .annotate(count=Count("pk"), since=Min("updated_at"))
        .order_by("delegation", "status")  # the unanswered (requested) before those to ask (to_ask)
    )
    for row in rows:
        pk, count = row["delegation"], row["count"]
        url = _url(
            "admin:visits_companyappointment_changelist",
            query={"delegation__id__exact": pk, "status__exact": row["status"]},
        )
        if row["status"] == AppointmentStatus.REQUESTED:
            text = ngettext(
                "%(count)d Anfrage an ein Unternehmen unbeantwortet (Stand vom %(since)s)",
                "%(count)d Anfragen an Unternehmen unbeantwortet (ältester Stand vom %(since)s)",
                count,
            ) % {"count": count, "since": _date(timezone.localtime(row["since"]))}
        else:
            text = ngettext(
                "%(count)d Unternehmen noch anzufragen",
                "%(count)d Unternehmen noch anzufragen",
                count,
            ) % {"count": count}
        yield Attention(pk, urgency_before(arrival[pk], today), text, url, due=arrival[pk])


def links_never_opened(delegations, today):
    """Members holding a valid personal link who have never opened any of theirs."""
    arrival = {delegation.pk: delegation.arrival_date for delegation in delegations}
    rows = (
        GuestAccess.objects.valid()
        .filter(delegation__in=delegations, member__isnull=False, member__is_anonymised=False)
        .values("delegation", "member")
        .annotate(used=Max("last_used_at"))
    )
    never: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["used"] is None:
            never[row["delegation"]] += 1
    for pk, count in never.items():
        text = ngettext(
            "%(count)d Mitglied hat den persönlichen Link nie geöffnet",
            "%(count)d Mitglieder haben den persönlichen Link nie geöffnet",
            count,
        ) % {"count": count}
        url = _url(
            "admin:visits_guestaccess_changelist", query={"delegation__id__exact": pk, "state": "valid"}
        )
        # A guest without their programme is a worry once the visit is near, never a blocker.
        urgency = max(urgency_before(arrival[pk], today), Urgency.SOON)
        yield Attention(pk, urgency, text, url, due=arrival[pk])


def translations(delegations, today):
    """Per language the guests read: texts still to translate, missing or older than their German."""
    lists = work_lists(delegations)
    for delegation in delegations:
        for language, work in lists[delegation.pk].items():
            if not work.readers or not (work.missing or work.outdated):
                continue
            counts = []
            if work.missing:
                counts.append(
                    ngettext("%(count)d Text fehlt", "%(count)d Texte fehlen", work.missing)
                    % {"count": work.missing}
                )
            if work.outdated:
                counts.append(
                    ngettext(
                        "%(count)d Text älter als sein deutscher Text",
                        "%(count)d Texte älter als ihr deutscher Text",
                        work.outdated,
                    )
                    % {"count": work.outdated}
                )
            text = _("Übersetzungen (%(language)s): %(counts)s") % {
                "language": Language(language).label,
                "counts": ", ".join(counts),
            }
            url = _url("translations:index", delegation.pk, query={"language": language})
            # Never blocking on its own (the readiness line is): soon at the latest, by the visit's start.
            urgency = max(urgency_before(delegation.arrival_date, today), Urgency.SOON)
            yield Attention(delegation.pk, urgency, text, url, due=delegation.arrival_date)


def register() -> None:
    contribute("release_readiness", release_readiness, permissions=["visits.release_programme"])
    contribute("undelivered_notices", undelivered_notices, permissions=["visits.view_releasenotification"])
    contribute("company_appointments", company_appointments, permissions=["visits.view_companyappointment"])
    contribute("links_never_opened", links_never_opened, permissions=["visits.view_guestaccess"])
    contribute(
        "translations",
        translations,
        permissions=["delegations.view_delegation", "visits.view_programmeitem", "delegations.view_member"],
    )
