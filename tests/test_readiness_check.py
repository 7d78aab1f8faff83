"""Release readiness, the check: every finding appears (blocking or a warning, with a link to fix it) and goes
once fixed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from tests.readiness_visits import BEFORE, found, only, opened_link, ready_visit
from visits import enums as v
from visits import readiness
from visits.models import GuestAccess
from visits.readiness import BLOCKING, WARNING, Code

pytestmark = pytest.mark.django_db


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
