"""Release readiness: every finding appears and goes once fixed, the release obeys it everywhere (service,
admin, commands), records what was accepted and why, and the readiness page's queries do not grow."""

import datetime as dt
import html
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from visits import enums as v
from visits import readiness
from visits.models import GuestAccess, ProgrammeRelease, ReleasedItem
from visits.readiness import BLOCKING, WARNING, Code
from visits.releases import ReleaseBlocked, release_programme

pytestmark = pytest.mark.django_db

RELEASE_URL = reverse("admin:visits_programmerelease_release")
READINESS_URL = reverse("admin:visits_programmerelease_readiness")
# Before the visit, so that its public items are not over yet (held-back places count until then).
BEFORE = berlin(2025, 11, 1, 12)


def opened_link(member):
    """A personal link the member has opened."""
    return GuestAccess.objects.create(
        delegation=member.delegation,
        member=member,
        token_hash=GuestAccess.hash_token(GuestAccess.new_token()),
        expires_at=timezone.now() + dt.timedelta(days=30),
        last_used_at=timezone.now(),
    )


def ready_visit(*, members: int = 2, items: int = 2, slug: str = "bereit"):
    """A visit with nothing to find: translated texts, one venue, time between items, members reachable
    who have opened their links and need no interpretation."""
    delegation = factories.DelegationFactory(slug=slug, title="Besuch aus Podilsk")
    people = []
    for n in range(members):
        member = factories.MemberFactory(
            delegation=delegation,
            first_name=f"Oksana{n}",
            last_name="Koval",
            preferred_language=d.Language.ENGLISH if n % 2 else d.Language.UKRAINIAN,
            needs_interpreter=False,
        )
        opened_link(member)
        people.append(member)
    town_hall = factories.VenueFactory(
        name="Kreishaus Kleve", name_uk="Будинок округу Клеве", street="Nassauerallee 15-23"
    )
    programme = [
        factories.ProgrammeItemFactory(
            delegation=delegation,
            title=f"Gespräch {n}",
            title_uk=f"Розмова {n}",
            title_en=f"Talk {n}",
            description=f"Über Zusammenarbeit {n}",
            description_uk=f"Про співпрацю {n}",
            description_en=f"On cooperation {n}",
            starts_at=berlin(2025, 11, 16, 8) + dt.timedelta(minutes=40 * n),
            ends_at=berlin(2025, 11, 16, 8, 30) + dt.timedelta(minutes=40 * n),
            venue=town_hall,
        )
        for n in range(items)
    ]
    return delegation, people, programme


def found(delegation, **kwargs) -> list[tuple[str, str]]:
    return [(finding.kind, finding.code) for finding in readiness.check(delegation, **kwargs)]


def only(delegation, code, **kwargs) -> list[readiness.Finding]:
    return [finding for finding in readiness.check(delegation, **kwargs) if finding.code == code]


# -- The check: each finding appears, and goes once fixed --------------------------------------------------


def test_a_visit_with_nothing_wrong_has_no_findings():
    delegation, _members, _items = ready_visit()
    assert readiness.check(delegation) == []


def test_a_hard_conflict_blocks_and_a_soft_one_warns():
    delegation, _members, items = ready_visit()
    clash = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Zweiter Termin",
        title_uk="Друга зустріч",
        title_en="Second meeting",
        starts_at=items[0].starts_at,
        ends_at=items[0].ends_at,
        venue=items[0].venue,
    )
    findings = only(delegation, Code.HARD_CONFLICT)
    assert [(f.kind, f.url) for f in findings] == [
        (BLOCKING, reverse("admin:delegations_delegation_programme", args=[delegation.pk]))
    ]
    assert "„Zweiter Termin“" in findings[0].text and "gleichzeitig" in findings[0].text

    clash.starts_at, clash.ends_at = berlin(2025, 11, 17, 14), berlin(2025, 11, 17, 15)
    clash.kind = v.ItemKind.COMPANY_VISIT  # without a company appointment: a warning only
    clash.save()
    assert found(delegation) == [(WARNING, Code.SOFT_CONFLICT)]
    clash.kind = v.ItemKind.MEETING
    clash.save()
    assert readiness.check(delegation) == []


def test_a_title_missing_in_a_readers_language_blocks_once_per_item_and_language():
    delegation, (_oksana, _petro), (talk, _other) = ready_visit()
    factories.MemberFactory(delegation=delegation, preferred_language="uk", needs_interpreter=False)
    opened_link(delegation.members.last())
    talk.title_uk = ""
    talk.description_en = ""
    talk.save()

    findings = only(delegation, Code.MISSING_TRANSLATION)
    assert [(f.kind, f.language, f.url) for f in findings] == [
        (BLOCKING, "uk", reverse("admin:visits_programmeitem_change", args=[talk.pk])),
        (BLOCKING, "en", reverse("admin:visits_programmeitem_change", args=[talk.pk])),
    ]
    assert findings[0].text == (
        "„Gespräch 0“ (16.11.2025 08:00): kein Text auf Ukrainisch für Titel; 2 Mitglieder lesen Ukrainisch."
    )
    assert findings[1].text == (
        "„Gespräch 0“ (16.11.2025 08:00): kein Text auf Englisch für Beschreibung; 1 Mitglied liest Englisch."
    )
    assert readiness.translation_gaps_by_language(findings) == [("Ukrainisch", 1), ("Englisch", 1)]

    talk.title_uk = "Розмова"
    talk.description_en = "On cooperation"
    talk.save()
    assert readiness.check(delegation) == []


def test_only_the_languages_of_the_members_who_see_an_item_count():
    delegation, (oksana, petro), (talk, other) = ready_visit()
    talk.title_uk = ""  # Petro's alone, and Petro reads English
    talk.save()
    talk.participants.set([petro])
    other.title_en = ""  # internal: no guest reads it
    other.visibility = v.Visibility.INTERNAL
    other.save()
    assert readiness.check(delegation) == []

    talk.participants.set([oksana])
    assert found(delegation) == [(BLOCKING, Code.MISSING_TRANSLATION)]


def test_a_cancelled_item_is_still_read_and_needs_its_translation():
    delegation, _members, (talk, _other) = ready_visit()
    talk.status = v.ItemStatus.CANCELLED
    talk.transport_note = "Bus ab Hotel"  # German only: Ukrainian and English readers get German
    talk.save()
    assert [f.language for f in only(delegation, Code.MISSING_TRANSLATION)] == ["uk", "en"]
    assert "für Transport" in only(delegation, Code.MISSING_TRANSLATION)[0].text


def test_a_member_no_channel_reaches_blocks_and_a_channel_that_fails_warns(settings):
    delegation, (oksana, _petro), _items = ready_visit()
    oksana.email = ""
    oksana.save()
    findings = only(delegation, Code.UNREACHABLE_MEMBER)
    assert [(f.kind, f.url) for f in findings] == [
        (BLOCKING, reverse("admin:delegations_member_change", args=[oksana.pk]))
    ]
    assert findings[0].text.startswith("Oksana0 Koval erfährt von keiner Freigabe")

    settings.MESSENGER_URL = "json://127.0.0.1:9/{recipient}"
    oksana.messenger = "+380480000000"
    oksana.save()
    (warning,) = readiness.check(delegation)
    assert (warning.kind, warning.code) == (WARNING, Code.CHANNEL_FALLBACK)
    assert warning.text == (
        "Oksana0 Koval möchte über E-Mail benachrichtigt werden, das geht nicht; die Mitteilung geht über "
        "Messenger."
    )

    oksana.notify_by = d.NoticeChannels.MESSENGER
    oksana.save()
    assert readiness.check(delegation) == []


def test_a_held_back_item_naming_a_held_back_place_blocks():
    delegation, _members, (talk, other) = ready_visit()
    delegation.withhold_public_details = True
    delegation.save()
    works = factories.VenueFactory(name="Stadtwerke Kleve", street="Flutstraße 36")
    other.venue = works
    other.starts_at, other.ends_at = berlin(2025, 11, 17, 14), berlin(2025, 11, 17, 15)
    for item in (talk, other):
        item.visibility = v.Visibility.PUBLIC
        item.save()
    assert readiness.check(delegation, now=BEFORE) == []

    talk.description_uk = "Зустріч у kreishaus kleve"  # its own venue, in another case
    talk.transport_note_de = "Bus bis zur Nassauerallee"  # its own street, without the number
    talk.save()
    other.title_en = "Talk, then on to the Kreishaus Kleve"  # the other held-back item's venue
    other.save()
    findings = only(delegation, Code.HELD_BACK_PLACE_NAMED, now=BEFORE)
    assert [(f.kind, f.url) for f in findings] == [
        (BLOCKING, reverse("admin:visits_programmeitem_change", args=[talk.pk])),
        (BLOCKING, reverse("admin:visits_programmeitem_change", args=[other.pk])),
    ]
    assert "„Kreishaus Kleve“" in findings[0].text and "„Nassauerallee“" in findings[0].text
    assert "Beschreibung (uk)" in findings[0].text and "Transport (de)" in findings[0].text
    assert "„Kreishaus Kleve“" in findings[1].text and "Titel (en)" in findings[1].text

    # Once the items are over, their places are public anyway; nor does a visit that holds nothing back.
    assert only(delegation, Code.HELD_BACK_PLACE_NAMED, now=berlin(2025, 11, 30)) == []
    delegation.withhold_public_details = False
    delegation.save()
    assert only(delegation, Code.HELD_BACK_PLACE_NAMED, now=BEFORE) == []


def test_an_item_for_guests_only_may_name_its_place():
    delegation, _members, (talk, _other) = ready_visit()
    delegation.withhold_public_details = True
    delegation.save()
    talk.description_de = "Treffpunkt vor dem Kreishaus Kleve"
    talk.save()
    assert only(delegation, Code.HELD_BACK_PLACE_NAMED, now=BEFORE) == []


def test_an_item_without_venue_warns_unless_it_is_free_time():
    delegation, _members, (talk, _other) = ready_visit()
    talk.venue = None
    talk.save()
    (finding,) = readiness.check(delegation)
    assert (finding.kind, finding.code) == (WARNING, Code.NO_VENUE)
    assert finding.text == (
        "„Gespräch 0“ (16.11.2025 08:00) hat keinen Ort: die Gäste sehen nicht, wohin sie gehen."
    )
    talk.kind = v.ItemKind.FREE_TIME
    talk.save()
    assert readiness.check(delegation) == []


def test_a_member_who_never_opened_a_link_warns():
    delegation, (oksana, _petro), _items = ready_visit()
    GuestAccess.objects.filter(member=oksana).delete()
    (finding,) = readiness.check(delegation)
    assert (finding.kind, finding.code) == (WARNING, Code.LINK_NEVER_OPENED)
    assert "hat noch keinen persönlichen Link" in finding.text

    access = opened_link(oksana)
    GuestAccess.objects.filter(pk=access.pk).update(last_used_at=None)
    assert [f.text for f in readiness.check(delegation)] == [
        "Oksana0 Koval hat den persönlichen Link noch nie geöffnet."
    ]
    GuestAccess.objects.filter(pk=access.pk).update(last_used_at=timezone.now())
    assert readiness.check(delegation) == []


def test_blocking_findings_come_first():
    delegation, (_oksana, _petro), (talk, _other) = ready_visit()
    talk.venue = None
    talk.title_en = ""
    talk.save()
    assert found(delegation) == [(BLOCKING, Code.MISSING_TRANSLATION), (WARNING, Code.NO_VENUE)]


# -- The service: refused without a reason, recorded with one -------------------------------------------


def _blocked_visit():
    delegation, members, (talk, _other) = ready_visit()
    talk.title_uk = ""
    talk.save()
    return delegation, members, talk


def test_a_release_with_blocking_findings_is_refused_and_writes_nothing():
    delegation, _members, _talk = _blocked_visit()
    with pytest.raises(ReleaseBlocked) as refused:
        release_programme(delegation=delegation, note="Erster Stand")
    assert [f.code for f in refused.value.blocking] == [Code.MISSING_TRANSLATION]
    assert "kein Text auf Ukrainisch" in str(refused.value)
    with pytest.raises(ReleaseBlocked):
        release_programme(delegation=delegation, accept_reason="   ")
    assert ProgrammeRelease.objects.count() == 0 and ReleasedItem.objects.count() == 0


def test_a_release_with_a_reason_records_the_findings_and_the_reason():
    delegation, _members, talk = _blocked_visit()
    release = release_programme(delegation=delegation, accept_reason="Übersetzung kommt morgen.")
    assert release.accepted_reason == "Übersetzung kommt morgen."
    assert release.accepted_findings == [
        {
            "code": "missing_translation",
            "text": "„Gespräch 0“ (16.11.2025 08:00): kein Text auf Ukrainisch für Titel; "
            "1 Mitglied liest Ukrainisch.",
            "url": reverse("admin:visits_programmeitem_change", args=[talk.pk]),
        }
    ]
    assert ReleasedItem.objects.filter(release=release).count() == 2


def test_a_release_without_blocking_findings_records_nothing_accepted():
    delegation, _members, _items = ready_visit()
    release = release_programme(delegation=delegation, accept_reason="vorsichtshalber")
    assert (release.accepted_findings, release.accepted_reason) == ([], "")


def test_an_acceptance_covers_only_the_findings_seen():
    delegation, (oksana, _petro), _talk = _blocked_visit()
    seen = [f.key for f in readiness.blocking(readiness.check(delegation))]
    oksana.email = ""
    oksana.save()
    with pytest.raises(ReleaseBlocked) as refused:
        release_programme(delegation=delegation, accept_reason="gesehen", accepted_keys=seen)
    assert [f.code for f in refused.value.unseen] == [Code.UNREACHABLE_MEMBER]
    assert ProgrammeRelease.objects.count() == 0


# -- The admin: the readiness page, the release form, the release's record ---------------------------------


def page_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def test_the_readiness_page_lists_findings_with_links_to_fix_them(planner_client):
    delegation, _members, talk = _blocked_visit()
    talk.venue = None
    talk.save()
    response = planner_client.get(READINESS_URL, {"delegation": delegation.pk})
    text = page_text(response)
    assert response.status_code == 200
    assert "1 blockierender Befund" in text and "1 Warnung" in text
    assert "1 Text fehlt in der Sprache seiner Leser: Ukrainisch 1" in text
    assert "kein Text auf Ukrainisch für Titel" in text and "hat keinen Ort" in text
    assert f'href="{reverse("admin:visits_programmeitem_change", args=[talk.pk])}"' in text
    assert f'href="{RELEASE_URL}?delegation={delegation.pk}"' in text


def test_the_readiness_page_without_a_delegation_asks_for_one(planner_client):
    response = planner_client.get(READINESS_URL)
    assert response.status_code == 200 and 'name="delegation"' in response.content.decode()


def test_only_planners_see_the_readiness_page(press_client, reader_client, planner_client):
    delegation, _members, _items = ready_visit()
    for client in (press_client, reader_client):
        assert client.get(READINESS_URL, {"delegation": delegation.pk}).status_code == 403
    assert planner_client.post(READINESS_URL, {"delegation": delegation.pk}).status_code == 405


def test_the_delegation_and_the_release_page_link_to_the_readiness_page(planner_client):
    delegation, _members, _items = ready_visit()
    link = f'href="{READINESS_URL}?delegation={delegation.pk}"'
    change = planner_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    assert link in change.content.decode()
    release = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    assert link in release.content.decode()
    assert "Keine blockierenden Befunde." in page_text(release)
    assert 'name="accept_reason"' not in release.content.decode()  # nothing to accept


def test_the_admin_refuses_a_release_with_blocking_findings_without_a_reason(planner_client):
    delegation, _members, _talk = _blocked_visit()
    preview = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    assert "kein Text auf Ukrainisch für Titel" in page_text(preview)
    assert 'name="accept_reason"' in preview.content.decode()
    seen = preview.context["seen_keys"]

    refused = planner_client.post(RELEASE_URL, {"delegation": delegation.pk, "seen": seen})
    assert refused.status_code == 200
    assert "Es gibt blockierende Befunde" in page_text(refused)
    ticked = planner_client.post(RELEASE_URL, {"delegation": delegation.pk, "seen": seen, "accept": "on"})
    assert "Bitte begründen Sie" in page_text(ticked)
    assert ProgrammeRelease.objects.count() == 0


def test_the_admin_releases_with_a_reason_and_shows_it(planner_client, reader_client):
    delegation, _members, _talk = _blocked_visit()
    seen = planner_client.get(RELEASE_URL, {"delegation": delegation.pk}).context["seen_keys"]
    response = planner_client.post(
        RELEASE_URL,
        {"delegation": delegation.pk, "seen": seen, "accept": "on", "accept_reason": "Übersetzerin krank."},
    )
    release = ProgrammeRelease.objects.get()
    assert response.status_code == 302
    assert release.accepted_reason == "Übersetzerin krank."
    assert [f["code"] for f in release.accepted_findings] == ["missing_translation"]

    page = page_text(reader_client.get(reverse("admin:visits_programmerelease_change", args=[release.pk])))
    accepted = page[page.index("Trotz blockierender Befunde freigegeben") :]
    assert accepted.index("Übersetzerin krank.") < accepted.index("kein Text auf Ukrainisch für Titel")
    assert page.index("Trotz blockierender Befunde freigegeben") < page.index('id="kleve-notices"')

    listing = reader_client.get(reverse("admin:visits_programmerelease_changelist"))
    assert "Trotz Befunden freigegeben" in page_text(listing)
    assert 'alt="True"' in listing.content.decode()


def test_the_admin_refuses_findings_that_came_up_after_the_preview(planner_client):
    delegation, (oksana, _petro), _talk = _blocked_visit()
    seen = planner_client.get(RELEASE_URL, {"delegation": delegation.pk}).context["seen_keys"]
    oksana.email = ""
    oksana.save()
    response = planner_client.post(
        RELEASE_URL, {"delegation": delegation.pk, "seen": seen, "accept": "on", "accept_reason": "ok"}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "neue blockierende Befunde" in text and "Oksana0 Koval erfährt von keiner Freigabe" in text
    assert ProgrammeRelease.objects.count() == 0


@pytest.mark.parametrize(("members", "items"), [(2, 10), (40, 200)])
def test_the_readiness_page_runs_the_same_queries_at_two_sizes(
    planner_client, django_assert_num_queries, members, items
):
    delegation, people, programme = ready_visit(members=members, items=items)
    host = factories.ContactFactory()
    for n, item in enumerate(programme):
        item.hosts.set([host])
        if n % 2:
            item.participants.set(people[: n % members + 1])
        if n % 5 == 0:
            item.title_uk = ""  # a finding on every fifth item
            item.save()
    GuestAccess.objects.filter(member=people[0]).delete()

    # user and permissions, the request's savepoints, the session's update, the legal pages' count and the
    # sidebar's letterhead; the delegation; the check: members, items, participants, the conflict check's
    # eight (members, items, participants, hosts, neighbours, contacts, venues) and the links
    with django_assert_num_queries(22):
        response = planner_client.get(READINESS_URL, {"delegation": delegation.pk})
    assert len(response.context["blocking"]) == len(range(0, items, 5))
    assert len(response.context["warnings"]) == 1


# -- The commands ---------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_release_readiness_prints_one_finding_a_line_and_fails_on_blocking_ones():
    delegation, _members, talk = _blocked_visit()
    talk.venue = None
    talk.save()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("release_readiness", delegation.slug, stdout=out, stderr=err)
    assert failed.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["BLOCKING", "missing_translation"],
        ["WARNING", "no_venue"],
    ]
    assert "kein Text auf Ukrainisch für Titel" in lines[0]
    assert lines[0].endswith(f"<{settings.SITE_URL}/admin/visits/programmeitem/{talk.pk}/change/>")
    assert "1 blockierender Befund, 1 Warnung." in err.getvalue()


def test_release_readiness_passes_with_warnings_only():
    delegation, (oksana, _petro), _items = ready_visit()
    GuestAccess.objects.filter(member=oksana).delete()
    out, _err = run("release_readiness", delegation.slug)
    assert out.splitlines() == [
        f"WARNING link_never_opened Oksana0 Koval hat noch keinen persönlichen Link (die Mitteilung der "
        f"Freigabe bringt einen). <{settings.SITE_URL}/admin/delegations/member/{oksana.pk}/change/>"
    ]


def test_an_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="Keine Delegation mit dem Kurznamen 'gibt-es-nicht'") as failed:
        call_command("release_readiness", "gibt-es-nicht")
    assert failed.value.returncode == 2
    with pytest.raises(CommandError, match="Keine Delegation"):
        call_command("release_programme", "gibt-es-nicht")


def test_release_programme_refuses_on_blocking_findings_and_writes_nothing():
    delegation, _members, _talk = _blocked_visit()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nichts freigegeben") as failed:
        call_command("release_programme", delegation.slug, stdout=out, stderr=err)
    assert failed.value.returncode == 1
    assert out.getvalue().startswith("BLOCKING missing_translation ")
    assert ProgrammeRelease.objects.count() == 0 and ReleasedItem.objects.count() == 0


def test_release_programme_with_accept_releases_records_and_notifies(django_capture_on_commit_callbacks):
    from django.core import mail

    delegation, members, _talk = _blocked_visit()
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run(
            "release_programme", delegation.slug, "--note", "Erster Stand", "--accept", "Übersetzung folgt."
        )
    release = ProgrammeRelease.objects.get()
    assert out.splitlines()[-1] == "Version 1"
    assert (release.note, release.accepted_reason) == ("Erster Stand", "Übersetzung folgt.")
    assert [f["code"] for f in release.accepted_findings] == ["missing_translation"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(member.email for member in members)


def test_release_programme_without_findings_needs_no_reason():
    delegation, _members, _items = ready_visit()
    release_programme(delegation=delegation)
    out, _err = run("release_programme", delegation.slug)
    assert out == "Version 2\n"
    assert ProgrammeRelease.objects.get(version=2).accepted_findings == []


def _database_url() -> str:
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{data['NAME']}"
    user = data.get("USER") or ""
    password = f":{data['PASSWORD']}" if data.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{data.get('HOST') or '127.0.0.1'}:{data.get('PORT') or 5432}/{data['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_exit_status_is_1_on_blocking_findings_and_0_when_ready():
    blocked, _members, _talk = _blocked_visit()
    ready, _people, _items = ready_visit(slug="fertig")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=_database_url(),
        DJANGO_LOG_LEVEL="WARNING",
    )

    def status(*args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = status("release_readiness", blocked.slug)
    assert refused.returncode == 1, refused.stderr
    assert refused.stdout.startswith("BLOCKING missing_translation ")
    passed = status("release_readiness", ready.slug)
    assert (passed.returncode, passed.stdout) == (0, "")
    assert status("release_readiness", "gibt-es-nicht").returncode == 2
