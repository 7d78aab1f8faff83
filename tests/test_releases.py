"""Programme releases: frozen versions, the changelog per member, one notice per member, the admin pages."""

import datetime as dt
import html

import pytest
from django.core import mail
from django.urls import reverse

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from visits import enums as v
from visits.models import ProgrammeRelease, ReleasedItem, ReleaseNotification
from visits.releases import preview_changes, release_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    """A delegation of three with a released programme: two items for all, one for Oksana alone."""
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk", time_zone="Europe/Berlin")
    oksana = factories.MemberFactory(
        delegation=delegation,
        first_name="Oksana",
        first_name_original="Оксана",
        email="oksana@podilsk.example",
    )
    petro = factories.MemberFactory(
        delegation=delegation,
        first_name="Petro",
        preferred_language=d.Language.ENGLISH,
        email="petro@podilsk.example",
    )
    iryna = factories.MemberFactory(delegation=delegation, first_name="Iryna", email="iryna@podilsk.example")
    town_hall = factories.VenueFactory(name="Kreishaus Kleve", name_uk="Будинок округу Клеве")
    works = factories.VenueFactory(name="Stadtwerke Kleve", name_uk="Міські комунальні служби Клеве")
    reception = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Empfang",
        title_uk="Прийом",
        title_en="Reception",
        starts_at=berlin(2025, 11, 17, 10),
        ends_at=berlin(2025, 11, 17, 11),
        venue=town_hall,
    )
    visit_works = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Besuch der Stadtwerke",
        title_uk="Візит до комунальних служб",
        title_en="Visit to the utility",
        starts_at=berlin(2025, 11, 17, 14),
        ends_at=berlin(2025, 11, 17, 16),
        venue=town_hall,
        participants=[oksana],
    )
    dinner = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Abendessen",
        title_uk="Вечеря",
        title_en="Dinner",
        starts_at=berlin(2025, 11, 17, 19),
        ends_at=berlin(2025, 11, 17, 21),
        venue=town_hall,
    )
    factories.ProgrammeItemFactory(
        delegation=delegation, title="Interne Vorbesprechung", visibility="internal"
    )
    planner = factories.UserFactory(username="planerin")
    with_callbacks = release_programme(delegation=delegation, note="Erster Stand", released_by=planner)
    return {
        "delegation": delegation,
        "members": (oksana, petro, iryna),
        "items": (reception, visit_works, dinner),
        "venues": (town_hall, works),
        "planner": planner,
        "first": with_callbacks,
    }


def _three_edits(visit):
    reception, visit_works, dinner = visit["items"]
    reception.starts_at += dt.timedelta(hours=1)
    reception.ends_at += dt.timedelta(hours=1)
    reception.save()
    visit_works.venue = visit["venues"][1]
    visit_works.save()
    dinner.status = v.ItemStatus.CANCELLED
    dinner.save()


def test_the_first_release_copies_only_guest_visible_items_and_lists_no_changes(visit):
    first = visit["first"]
    assert first.version == 1
    assert first.changes == []
    assert sorted(ReleasedItem.objects.filter(release=first).values_list("title_de", flat=True)) == [
        "Abendessen",
        "Besuch der Stadtwerke",
        "Empfang",
    ]
    copy = ReleasedItem.objects.get(release=first, item=visit["items"][1])
    assert (copy.title_uk, copy.title_en) == ("Візит до комунальних служб", "Visit to the utility")
    assert list(copy.participants.all()) == [visit["members"][0]]


def test_the_first_release_announces_the_programme_once_per_member(django_capture_on_commit_callbacks):
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk")
    members = [factories.MemberFactory(delegation=delegation) for _ in range(2)]
    factories.MemberFactory(delegation=delegation, email="")
    factories.ProgrammeItemFactory(delegation=delegation)

    with django_capture_on_commit_callbacks(execute=True):
        release = release_programme(
            delegation=delegation, note="", accept_reason="Ein Mitglied ohne Adresse: gewollt."
        )

    assert sorted(message.to[0] for message in mail.outbox) == sorted(member.email for member in members)
    assert "- " not in mail.outbox[0].body.split("\n\n", 2)[1]  # no list of items, only the announcement
    assert ReleaseNotification.objects.filter(release=release).count() == 2


def test_a_release_after_three_edits_tells_each_member_exactly_their_changes(
    visit, django_capture_on_commit_callbacks
):
    oksana, petro, iryna = visit["members"]
    _three_edits(visit)

    with django_capture_on_commit_callbacks(execute=True):
        second = release_programme(delegation=visit["delegation"], note="Empfang eine Stunde später")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == sorted([oksana.email, petro.email, iryna.email])
    assert len(mail.outbox) == 3

    oksana_mail = by_recipient[oksana.email]
    assert oksana_mail.extra_headers["Content-Language"] == "uk"
    assert "Оксана" in oksana_mail.body
    lines = [line for line in oksana_mail.body.splitlines() if line.startswith("- ")]
    assert len(lines) == 3
    assert "Прийом" in lines[0] and "17.11.2025" in lines[0]
    assert "Візит до комунальних служб" in lines[1]
    assert "Будинок округу Клеве" in lines[1] and "Міські комунальні служби Клеве" in lines[1]
    assert "Вечеря" in lines[2]

    petro_mail = by_recipient[petro.email]
    assert petro_mail.extra_headers["Content-Language"] == "en"
    petro_lines = [line for line in petro_mail.body.splitlines() if line.startswith("- ")]
    assert len(petro_lines) == 2
    assert "Reception" in petro_lines[0] and "Dinner" in petro_lines[1]
    assert "Visit to the utility" not in petro_mail.body

    told = {n.member: [entry["change"] for entry in n.changes] for n in second.notifications.all()}
    assert told == {oksana: ["time", "venue", "status"], petro: ["time", "status"], iryna: ["time", "status"]}
    assert {n.member: n.language for n in second.notifications.all()} == {
        oksana: "uk",
        petro: "en",
        iryna: "uk",
    }


def test_a_member_not_concerned_gets_no_email(visit, django_capture_on_commit_callbacks):
    oksana = visit["members"][0]
    visit_works = visit["items"][1]
    visit_works.venue = visit["venues"][1]
    visit_works.save()

    with django_capture_on_commit_callbacks(execute=True):
        second = release_programme(delegation=visit["delegation"])

    assert [message.to for message in mail.outbox] == [[oksana.email]]
    assert [n.member for n in second.notifications.all()] == [oksana]


def test_a_release_without_changes_sends_nothing(visit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        second = release_programme(delegation=visit["delegation"])
    assert (second.version, second.changes, mail.outbox) == (2, [], [])


def test_nothing_is_sent_before_the_release_is_committed(visit, django_capture_on_commit_callbacks):
    _three_edits(visit)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = release_programme(delegation=visit["delegation"])
        assert mail.outbox == []
    # The notices are recorded with the release, queued; the task queue gets them once it is committed.
    assert [n.state for n in release.notifications.all()] == ["queued"] * 3
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 3
    assert [n.state for n in release.notifications.all()] == ["sent"] * 3


def test_the_changelog_lists_new_and_dropped_items_and_members_moved(visit):
    oksana, petro, iryna = visit["members"]
    _reception, visit_works, dinner = visit["items"]
    late = factories.ProgrammeItemFactory(
        delegation=visit["delegation"],
        title="Stadtführung",
        participants=[petro],
        starts_at=berlin(2025, 11, 18, 10),
        ends_at=berlin(2025, 11, 18, 12),
    )
    dinner_pk = dinner.pk
    dinner.delete()
    visit_works.participants.set([oksana, iryna])

    preview = preview_changes(delegation=visit["delegation"])
    second = release_programme(delegation=visit["delegation"])

    everyone = sorted([oksana.pk, petro.pk, iryna.pk])
    summary = [(entry["item"], entry["change"], entry["members"]) for entry in second.changes]
    assert summary == [
        (visit_works.pk, "new", [iryna.pk]),
        (None, "dropped", everyone),
        (late.pk, "new", [petro.pk]),
    ]
    dropped = ReleasedItem.objects.get(pk=second.changes[1]["copy"])
    assert (dropped.title_de, dropped.release) == ("Abendessen", visit["first"])
    assert dinner_pk not in ReleasedItem.objects.values_list("item", flat=True)
    assert [(e["item"], e["change"]) for e in preview] == [(e["item"], e["change"]) for e in second.changes]


def test_unreleased_edits_stay_out_of_the_released_version(visit):
    reception = visit["items"][0]
    reception.title_de = "Empfang (geändert)"
    reception.save()

    released = ReleasedItem.objects.for_delegation(visit["delegation"]).get(item=reception)
    assert released.title_de == "Empfang"
    assert [item.title_de for item in ReleasedItem.objects.for_guest(visit["members"][1]).in_order()] == [
        "Empfang",
        "Abendessen",
    ]


def test_the_latest_release_replaces_the_previous_one_for_readers(visit):
    _three_edits(visit)
    second = release_programme(delegation=visit["delegation"])
    latest = ReleasedItem.objects.for_delegation(visit["delegation"])
    assert {copy.release_id for copy in latest} == {second.pk}
    assert latest.get(item=visit["items"][0]).starts_at == berlin(2025, 11, 17, 11)


def test_versions_count_up_per_delegation(visit):
    other = factories.DelegationFactory()
    assert release_programme(delegation=other).version == 1
    assert release_programme(delegation=visit["delegation"]).version == 2
    assert list(
        ProgrammeRelease.objects.filter(delegation=visit["delegation"]).values_list("version", flat=True)
    ) == [
        2,
        1,
    ]


# -- The admin: releasing, versions, changelogs, notices ----------------------------------------------------

RELEASE_URL = reverse("admin:visits_programmerelease_release")


def test_a_planner_previews_the_changes_then_releases(
    visit, planner_client, django_capture_on_commit_callbacks
):
    _three_edits(visit)
    delegation = visit["delegation"]

    preview = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    text = html.unescape(preview.content.decode())
    assert preview.status_code == 200
    assert [row["change"] for row in preview.context["preview"]] == [
        "Zeit geändert",
        "Ort geändert",
        "Status geändert",
    ]
    assert "Neuer Ort: Besuch der Stadtwerke, bisher Kreishaus Kleve, jetzt Stadtwerke Kleve" in text
    assert ProgrammeRelease.objects.filter(delegation=delegation).count() == 1  # a preview releases nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = planner_client.post(RELEASE_URL, {"delegation": delegation.pk, "note": "Empfang später"})

    second = ProgrammeRelease.objects.get(delegation=delegation, version=2)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:visits_programmerelease_change", args=[second.pk])
    assert (second.note, second.released_by.username) == ("Empfang später", "planner")
    assert len(mail.outbox) == 3


def test_only_planners_may_release(visit, press_client, reader_client, planner_client):
    delegation = visit["delegation"]
    for client in (press_client, reader_client):
        assert client.get(RELEASE_URL, {"delegation": delegation.pk}).status_code == 403
        assert client.post(RELEASE_URL, {"delegation": delegation.pk}).status_code == 403
    assert ProgrammeRelease.objects.filter(delegation=delegation).count() == 1
    assert planner_client.get(RELEASE_URL).status_code == 200


def test_staff_see_the_changelog_and_who_was_told_what(
    visit, reader_client, django_capture_on_commit_callbacks
):
    _three_edits(visit)
    with django_capture_on_commit_callbacks(execute=True):
        second = release_programme(delegation=visit["delegation"], note="Empfang später")

    response = reader_client.get(reverse("admin:visits_programmerelease_change", args=[second.pk]))
    text = html.unescape(response.content.decode())

    assert response.status_code == 200
    assert [row["change"] for row in response.context["changelog"]] == [
        "Zeit geändert",
        "Ort geändert",
        "Status geändert",
    ]
    told = {str(row["member"]): (row["language"], row["told"]) for row in response.context["notifications"]}
    oksana, petro, _iryna = (str(member) for member in visit["members"])
    assert told[petro] == (
        "Englisch",
        [response.context["changelog"][0]["line"], response.context["changelog"][2]["line"]],
    )
    assert told[oksana][0] == "Ukrainisch"
    assert told[oksana][1] == [row["line"] for row in response.context["changelog"]]
    assert "Abgesagt: Abendessen (17.11.2025 19:00)" in text


@pytest.mark.parametrize("size", [2, 40])
def test_the_release_pages_run_the_same_queries_at_two_sizes(
    planner_client, django_assert_num_queries, django_capture_on_commit_callbacks, size
):
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(size, delegation=delegation)
    items = [
        factories.ProgrammeItemFactory(delegation=delegation, participants=[member]) for member in members
    ]
    release_programme(delegation=delegation)
    for item in items:
        item.starts_at += dt.timedelta(minutes=30)
        item.ends_at += dt.timedelta(minutes=30)
        item.save()

    # Both pages with the savepoint around the request and its release (ATOMIC_REQUESTS, counted inside the
    # test's transaction).
    with django_assert_num_queries(25):
        preview = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    assert len(preview.context["preview"]) == size

    with django_capture_on_commit_callbacks(execute=True):
        second = release_programme(delegation=delegation)
    url = reverse("admin:visits_programmerelease_change", args=[second.pk])
    planner_client.get(url)  # caches that fill once per process (the content types) are warm now
    with django_assert_num_queries(8):
        page = planner_client.get(url)
    assert len(page.context["notifications"]) == size


# -- What guests read: the latest release ------------------------------------------------------------------


def _guest_page(client, member) -> str:
    from visits.services import issue_guest_access

    _, token = issue_guest_access(delegation=member.delegation, member=member)
    return html.unescape(client.get(f"/g/{token}/de/").content.decode()), token


def test_guests_see_nothing_of_unreleased_edits(visit, client):
    reception = visit["items"][0]
    reception.title_de = "Empfang mit neuem Titel"
    reception.save()
    factories.ProgrammeItemFactory(delegation=visit["delegation"], title="Noch nicht freigegeben")

    page, token = _guest_page(client, visit["members"][1])
    calendar = client.get(f"/g/{token}/de/programm.ics").content.decode()

    assert "Empfang" in page and "Empfang mit neuem Titel" not in page
    assert "Noch nicht freigegeben" not in page
    assert "SUMMARY:Empfang\r\n" in calendar and "neuem Titel" not in calendar


def test_before_the_first_release_guests_see_that_the_programme_is_being_prepared(client):
    member = factories.MemberFactory()
    factories.ProgrammeItemFactory(delegation=member.delegation, title="Empfang")
    page, _token = _guest_page(client, member)
    assert "Das Programm wird gerade vorbereitet." in page
    assert "Empfang" not in page


def test_the_guest_page_marks_what_the_latest_release_changed_or_added(visit, client):
    petro = visit["members"][1]
    _three_edits(visit)
    added = factories.ProgrammeItemFactory(
        delegation=visit["delegation"],
        title="Stadtführung",
        starts_at=berlin(2025, 11, 18, 10),
        ends_at=berlin(2025, 11, 18, 12),
    )
    release_programme(delegation=visit["delegation"])

    page, _token = _guest_page(client, petro)
    articles = {
        pk: page[page.index(f'id="item-{pk}"') :].split("</article>")[0]
        for pk in [item.pk for item in visit["items"]] + [added.pk]
        if f'id="item-{pk}"' in page
    }
    reception, visit_works, dinner = visit["items"]
    assert visit_works.pk not in articles  # not Petro's
    # A new time is marked as such, with the time before struck through; other changes by the general mark.
    assert "Zeit geändert" in articles[reception.pk]
    assert '<del class="previous-time">' in articles[reception.pk]
    assert "Geändert in der aktuellen Fassung" not in articles[reception.pk]
    assert "Geändert in der aktuellen Fassung" in articles[dinner.pk]
    assert "Zeit geändert" not in articles[dinner.pk]
    assert "Neu in der aktuellen Fassung" in articles[added.pk]

    release_programme(delegation=visit["delegation"])  # a release without changes clears the marks
    page, _token = _guest_page(client, petro)
    assert "in der aktuellen Fassung" not in page
    assert "Zeit geändert" not in page and "previous-time" not in page
