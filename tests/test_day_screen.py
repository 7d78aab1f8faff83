"""The on-the-day screen (`/admin/tag/`, visits/views/visit_day.py): the day, the preview of a delay, applying
it, undoing it, who may, bad input, and the same queries for a short and a long day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from demo.loader import seed_demo
from tests import factories
from tests.factories import berlin
from visits.delays import plan_delay
from visits.enums import ItemKind, Visibility
from visits.models import DelayRecord, ProgrammeItem, ProgrammeRelease, ReleaseNotification
from visits.staff import issue_staff_access, staff_contacts

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
DAY_URL = reverse("visit_day:day")
# Day 3 of the demo visit (the day of seeding), at ten: the Schwanenland company visit (09:00-11:30) runs.
TODAY = timezone.localdate(timezone.now(), BERLIN)
NOW = dt.datetime.combine(TODAY, dt.time(10), tzinfo=BERLIN)
# Django's own messages, looked up in the language of the test.
DJANGO_WHOLE_NUMBER = "Enter a whole number."
DJANGO_AT_LEAST_0 = "Ensure this value is greater than or equal to %(limit_value)s."


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    report = seed_demo(now=NOW, make_logins=False)
    return report.delegation


def item(title: str) -> ProgrammeItem:
    return ProgrammeItem.objects.select_related("delegation").get(title_de__startswith=title)


def spans() -> dict[int, tuple]:
    return {
        pk: (start, end) for pk, start, end in ProgrammeItem.objects.values_list("pk", "starts_at", "ends_at")
    }


def delay_url(target: ProgrammeItem) -> str:
    return reverse("visit_day:delay", args=[target.pk])


def hhmm(moment: dt.datetime) -> str:
    return f"{moment.astimezone(BERLIN):%H:%M}"


def todays_items(delegation) -> list[ProgrammeItem]:
    starts = dt.datetime.combine(TODAY, dt.time(), tzinfo=BERLIN)
    return list(
        ProgrammeItem.objects.filter(
            delegation=delegation, starts_at__gte=starts, starts_at__lt=starts + dt.timedelta(days=1)
        ).in_order()
    )


# -- The day ---------------------------------------------------------------------------------------------


def test_the_screen_shows_todays_items_of_the_visit_under_way_in_order_with_now_and_next(
    demo, planner_client
):
    response = planner_client.get(DAY_URL)

    assert response.status_code == 200
    assert response.context["delegation"] == demo and response.context["day"] == TODAY
    expected = todays_items(demo)
    assert [entry.item.pk for entry in response.context["entries"]] == [i.pk for i in expected]
    states = {entry.item.title_de: entry.state for entry in response.context["entries"]}
    assert states["Fahrt nach Goch"] == "over"
    assert states[item("Unternehmensbesuch Schwanenland").title_de] == "now"
    assert states[item("Im Rathaus Goch").title_de] == "next"
    text = response.content.decode()
    visit = item("Unternehmensbesuch Schwanenland")
    assert reverse("admin:visits_programmeitem_change", args=[visit.pk]) in text
    assert "09:00</time>–<time" in text and "läuft gerade" in text and "als Nächstes" in text
    assert f'action="{delay_url(visit)}"' in text and 'name="quick" value="25"' in text
    assert response["Content-Language"] == "de"
    # Nothing to undo yet.
    assert reverse("visit_day:undo", args=[demo.pk]) not in text


def test_without_a_visit_under_way_the_screen_asks_which_visit_and_day(planner_client):
    factories.DelegationFactory(title="Besuch im November")
    response = planner_client.get(DAY_URL)
    assert response.status_code == 200
    assert "Heute läuft kein Besuch" in response.content.decode()
    assert response.context["form"].fields["delegation"].queryset.filter(title="Besuch im November").exists()

    refused = planner_client.get(DAY_URL, {"date": "morgen"})
    assert refused.status_code == 400
    with translation.override("de"):
        assert gettext("Enter a valid date.") in refused.content.decode()


def test_a_bad_date_is_an_error_and_the_visit_under_way_is_offered(demo, planner_client):
    response = planner_client.get(DAY_URL, {"delegation": demo.pk, "date": "2026-13-45"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Heute läuft dieser Besuch:" in text and f"?delegation={demo.pk}" in text
    assert response.context.get("entries") is None


def test_with_several_visits_under_way_the_screen_offers_each(planner_client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: berlin(2025, 11, 18, 9))
    first, second = factories.DelegationFactory.create_batch(2)
    response = planner_client.get(DAY_URL)
    text = response.content.decode()
    assert f"?delegation={first.pk}" in text and f"?delegation={second.pk}" in text
    assert response.context.get("entries") is None


# -- Preview, apply, undo --------------------------------------------------------------------------------


def test_the_preview_shows_what_moves_and_who_is_told_and_changes_nothing(demo, planner_client):
    visit = item("Unternehmensbesuch Schwanenland")
    before = spans()
    releases = ProgrammeRelease.objects.count()

    response = planner_client.get(delay_url(visit), {"date": TODAY.isoformat(), "quick": 25})

    assert response.status_code == 200
    plan = response.context["plan"]
    assert [move.item.pk for move in plan.moves] == [move.item.pk for move in plan_delay(visit, 25).moves]
    text = response.content.decode()
    assert "läuft 25 Minuten länger" in text
    assert "09:00–11:30" in text and "09:00–11:55" in text
    rathaus = item("Im Rathaus Goch")
    assert f"{hhmm(rathaus.starts_at)}–{hhmm(rathaus.ends_at)}" in text
    assert "12:25–14:25" in text
    told = response.context["told"]
    assert {member.pk for member, _channels in told.members} == set(
        demo.members.active().values_list("pk", flat=True)
    )
    for member, _channels in told.members:
        assert member.full_name in text
    # Changed nothing.
    assert spans() == before
    assert ProgrammeRelease.objects.count() == releases and not DelayRecord.objects.exists()


def test_applying_moves_releases_and_tells_exactly_whom_the_preview_named(demo, planner_client):
    for contact in staff_contacts(demo):
        issue_staff_access(delegation=demo, contact=contact)
    visit = item("Unternehmensbesuch Schwanenland")
    before = spans()
    releases = ProgrammeRelease.objects.count()
    preview = planner_client.get(delay_url(visit), {"date": TODAY.isoformat(), "quick": 25})
    told, plan = preview.context["told"], preview.context["plan"]
    assert told.contacts, "the moved items have hosts, interpreters or drivers with a link"

    response = planner_client.post(
        delay_url(visit),
        {"date": TODAY.isoformat(), "minutes": 25, "fingerprint": preview.context["fingerprint"]},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(
        f"{DAY_URL}?delegation={demo.pk}&date={TODAY.isoformat()}"
    )
    moved = {move.item.pk for move in plan.moves}
    after = spans()
    for pk, (start, end) in before.items():
        if pk == visit.pk:
            assert after[pk] == (start, end + dt.timedelta(minutes=25))
        elif pk in moved:
            assert after[pk] == (start + dt.timedelta(minutes=25), end + dt.timedelta(minutes=25))
        else:
            assert after[pk] == (start, end)
    release = ProgrammeRelease.objects.order_by("-version").first()
    assert ProgrammeRelease.objects.count() == releases + 1 and release.released_by == planner_client.user
    notices = ReleaseNotification.objects.filter(release=release)
    assert set(notices.filter(member__isnull=False).values_list("member", flat=True)) == {
        member.pk for member, _channels in told.members
    }
    assert set(notices.filter(contact__isnull=False).values_list("contact", flat=True)) == {
        contact.pk for contact in told.contacts
    }
    # The staff told are exactly those of the moved guest-visible items.
    visible = ProgrammeItem.objects.filter(
        pk__in=moved, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC]
    )
    staff_of_moved = set()
    for moved_item in visible.prefetch_related("hosts").select_related("interpreter", "driver"):
        staff_of_moved |= {c.pk for c in moved_item.busy_contacts(moved_item.hosts.all()) if c.email}
    assert {contact.pk for contact in told.contacts} == staff_of_moved
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        f"{len(moved)} Programmpunkte um 25 Minuten verschoben. Version {release.version} freigegeben, "
        f"{notices.count()} Mitteilungen vorgemerkt."
    ]
    # Back on the day with the new times, and the delay to undo.
    text = response.content.decode()
    assert "11:55</time>" in text and "verschoben um 25 Min." in text
    assert reverse("visit_day:undo", args=[demo.pk]) in text


def test_a_stale_preview_is_refused_with_a_fresh_one(demo, planner_client):
    visit = item("Unternehmensbesuch Schwanenland")
    preview = planner_client.get(delay_url(visit), {"date": TODAY.isoformat(), "quick": 25})
    meal = item("Abendessen mit Unternehmerinnen")
    meal.starts_at += dt.timedelta(minutes=5)
    meal.save()  # someone else moved a dependent item in between
    before = spans()
    releases = ProgrammeRelease.objects.count()

    response = planner_client.post(
        delay_url(visit),
        {"date": TODAY.isoformat(), "minutes": 25, "fingerprint": preview.context["fingerprint"]},
    )

    assert response.status_code == 409
    assert "seit der Vorschau geändert" in response.content.decode()
    assert response.context["fingerprint"] != preview.context["fingerprint"]
    assert spans() == before
    assert ProgrammeRelease.objects.count() == releases and not DelayRecord.objects.exists()
    # The fresh preview applies.
    applied = planner_client.post(
        delay_url(visit),
        {"date": TODAY.isoformat(), "minutes": 25, "fingerprint": response.context["fingerprint"]},
    )
    assert applied.status_code == 302 and DelayRecord.objects.filter(undone_at=None).exists()


def test_a_post_without_the_previews_fingerprint_applies_nothing(demo, planner_client):
    visit = item("Unternehmensbesuch Schwanenland")
    before = spans()
    response = planner_client.post(delay_url(visit), {"date": TODAY.isoformat(), "minutes": 25})
    assert response.status_code == 409
    assert spans() == before and not DelayRecord.objects.exists()


def test_undo_shows_what_it_restores_then_restores_it(demo, planner_client):
    visit = item("Unternehmensbesuch Schwanenland")
    before = spans()
    preview = planner_client.get(delay_url(visit), {"date": TODAY.isoformat(), "late": 25})
    planner_client.post(
        delay_url(visit),
        {"date": TODAY.isoformat(), "minutes": 25, "fingerprint": preview.context["fingerprint"]},
    )
    moved = spans()
    undo_url = reverse("visit_day:undo", args=[demo.pk])

    page = planner_client.get(undo_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "09:00–11:55" in text and "09:00–11:30" in text
    assert spans() == moved  # the GET changed nothing
    batch = page.context["delayed"].batch

    response = planner_client.post(undo_url, {"batch": str(batch)}, follow=True)

    assert spans() == before
    assert not DelayRecord.objects.filter(undone_at=None).exists()
    release = ProgrammeRelease.objects.order_by("-version").first()
    assert next(str(m) for m in response.context["messages"]).startswith("Verschiebung zurückgenommen:")
    assert f"Version {release.version} freigegeben" in response.content.decode()

    # Once more: nothing left to undo, nothing changed.
    again = planner_client.post(undo_url, {"batch": str(batch)}, follow=True)
    assert "nicht mehr die letzte" in again.content.decode()
    assert spans() == before and ProgrammeRelease.objects.order_by("-version").first() == release


def test_undo_is_refused_as_a_message_when_an_item_was_changed_since(demo, planner_client):
    visit = item("Unternehmensbesuch Schwanenland")
    preview = planner_client.get(delay_url(visit), {"date": TODAY.isoformat(), "quick": 10})
    planner_client.post(
        delay_url(visit),
        {"date": TODAY.isoformat(), "minutes": 10, "fingerprint": preview.context["fingerprint"]},
    )
    meal = item("Abendessen mit Unternehmerinnen")
    meal.starts_at += dt.timedelta(minutes=5)
    meal.save()
    changed = spans()
    undo_url = reverse("visit_day:undo", args=[demo.pk])
    batch = planner_client.get(undo_url).context["delayed"].batch

    response = planner_client.post(undo_url, {"batch": str(batch)}, follow=True)

    assert "nach der Verschiebung geändert" in response.content.decode()
    assert spans() == changed and DelayRecord.objects.filter(undone_at=None).exists()


def test_conflicts_and_fixed_items_are_shown(planner_client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: berlin(2025, 11, 17, 9, 30))
    delegation = factories.DelegationFactory()
    anna = factories.MemberFactory(delegation=delegation)
    late = factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 17, 9),
        ends_at=berlin(2025, 11, 17, 10),
        kind=ItemKind.COMPANY_VISIT,
        participants=[anna],
    )
    ceremony = factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 17, 10, 15),
        ends_at=berlin(2025, 11, 17, 11, 30),
        kind=ItemKind.CEREMONY,
        title="Festakt",
        title_de="Festakt",
        participants=[anna],
    )
    before = spans()

    response = planner_client.get(delay_url(late), {"date": "2025-11-17", "quick": 25})

    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.fixed == [ceremony] and plan.conflicts
    text = response.content.decode()
    assert "Bleibt zur festen Zeit" in text and "Festakt" in text
    for conflict in plan.conflicts:
        assert str(conflict.message) in text or conflict.message.replace("„", "&#x201E;") in text
    assert spans() == before


# -- Who may -----------------------------------------------------------------------------------------------


def test_only_planners_may_use_the_screen(demo, press_client, reader_client, anonymous_client, guest_link):
    visit = item("Unternehmensbesuch Schwanenland")
    query = {"date": TODAY.isoformat(), "quick": 25}
    undo_url = reverse("visit_day:undo", args=[demo.pk])
    before = spans()
    for client in (press_client, reader_client):
        assert client.get(DAY_URL).status_code == 403
        assert client.get(delay_url(visit), query).status_code == 403
        assert client.post(delay_url(visit), {**query, "minutes": 25, "fingerprint": "x"}).status_code == 403
        assert client.get(undo_url).status_code == 403
    # Logged out, or holding only a guest's link: the admin's login.
    _access, token = guest_link
    anonymous_client.get(reverse("guest:itinerary", kwargs={"token": token}))
    for url in (DAY_URL, delay_url(visit), undo_url):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    response = anonymous_client.post(delay_url(visit), {**query, "minutes": 25, "fingerprint": "x"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert spans() == before and not DelayRecord.objects.exists()


# -- Bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "query", "message"),
    [
        ("Unternehmensbesuch Schwanenland", {"quick": 0}, "Eine Verschiebung um 0 Minuten ändert nichts."),
        ("Unternehmensbesuch Schwanenland", {"late": 800}, "mehr als 720 Minuten"),
        ("Unternehmensbesuch Schwanenland", {"early": 150}, "würde enden, bevor er beginnt"),
        ("Unternehmensbesuch Schwanenland", {"late": "zehn"}, DJANGO_WHOLE_NUMBER),
        ("Unternehmensbesuch Schwanenland", {"early": -5}, DJANGO_AT_LEAST_0),
        ("Unternehmensbesuch Schwanenland", {}, "Bitte geben Sie an, um wie viele Minuten."),
        ("Unternehmensbesuch Schwanenland", {"late": 10, "early": 10}, "nur einmal an"),
        ("Unternehmensbesuch Rheinhafen", {"quick": 10}, "Ein abgesagter Programmpunkt"),
        ("Im Rathaus Goch", {"quick": 10, "date": "tomorrow"}, "liegt nicht auf dem gewählten Tag"),
    ],
)
def test_bad_input_gets_a_german_error_and_changes_nothing(demo, planner_client, title, query, message):
    with translation.override("de"):
        # Django's own messages in German; the project's are German already.
        message = gettext(message).replace("%(limit_value)s", "0")
    target = item(title)
    query = {"date": target.starts_at.astimezone(BERLIN).date().isoformat(), **query}
    if query["date"] == "tomorrow":
        query["date"] = (TODAY + dt.timedelta(days=1)).isoformat()
    before, releases = spans(), ProgrammeRelease.objects.count()

    response = planner_client.get(delay_url(target), query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context.get("plan") is None
    applied = planner_client.post(delay_url(target), {**query, "fingerprint": "0" * 32})
    assert applied.status_code == 400
    assert message in applied.content.decode()
    assert spans() == before and not DelayRecord.objects.exists()
    assert ProgrammeRelease.objects.count() == releases


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"quick": 0}, "Eine Verschiebung um 0 Minuten ändert nichts."),
        ({"late": "zehn"}, DJANGO_WHOLE_NUMBER),
        ({}, "Bitte geben Sie an, um wie viele Minuten."),
    ],
)
def test_bad_input_gets_a_ukrainian_error_in_ukrainian(demo, planner_client, query, message):
    with translation.override("uk"):
        ukrainian = gettext(message)
    assert ukrainian != message and not ukrainian.isascii()
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    before = spans()

    response = planner_client.get(
        delay_url(item("Unternehmensbesuch Schwanenland")), {"date": TODAY.isoformat(), **query}
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "uk"
    assert ukrainian in response.content.decode().replace("&#x27;", "'")
    assert spans() == before


# -- The admin's button ---------------------------------------------------------------------------------


def test_the_items_admin_page_links_to_the_screen_today_and_later_only(demo, planner_client, reader_client):
    visit = item("Unternehmensbesuch Schwanenland")
    change = reverse("admin:visits_programmeitem_change", args=[visit.pk])
    link = f"{DAY_URL}?delegation={demo.pk}&amp;date={TODAY.isoformat()}#item-{visit.pk}"
    assert link in planner_client.get(change).content.decode()
    assert "Verspätung melden" not in reader_client.get(change).content.decode()
    yesterday = todays_items(demo)[0].starts_at - dt.timedelta(days=1)
    past = (
        ProgrammeItem.objects.filter(delegation=demo, starts_at__lt=yesterday)
        .exclude(status="cancelled")
        .first()
    )
    past_page = planner_client.get(reverse("admin:visits_programmeitem_change", args=[past.pk]))
    assert "Verspätung melden" not in past_page.content.decode()


# -- Queries -------------------------------------------------------------------------------------------------


def _day_with(n: int):
    """A visit on 17 November 2025 with `n` items that day, all with one member, a host and a venue, a first
    release, and a delay of all of them applied."""
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(3, delegation=delegation)
    host = factories.ContactFactory(email="host@kreis-kleve.example")
    items = [
        factories.ProgrammeItemFactory(
            delegation=delegation,
            starts_at=berlin(2025, 11, 17, 8) + dt.timedelta(minutes=30 * index),
            ends_at=berlin(2025, 11, 17, 8, 25) + dt.timedelta(minutes=30 * index),
            participants=members[:2],
            hosts=[host],
        )
        for index in range(n)
    ]
    factories.release(delegation, accept_reason="Test")
    issue_staff_access(delegation=delegation, contact=host)
    batch = factories.DelayRecordFactory(item=items[0]).batch
    for other in items[1:]:
        factories.DelayRecordFactory(item=other, batch=batch)
    return delegation, items[0]


def _queries(client, url, query) -> int:
    client.get(url, query)  # caches that fill once per process
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return len(context.captured_queries)


def test_the_day_and_the_preview_run_the_same_queries_for_a_short_and_a_long_day(planner_client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: berlin(2025, 11, 17, 7))
    counts = []
    for n in (3, 24):
        delegation, first = _day_with(n)
        day = _queries(planner_client, DAY_URL, {"delegation": delegation.pk, "date": "2025-11-17"})
        preview = _queries(planner_client, delay_url(first), {"date": "2025-11-17", "quick": 10})
        counts.append((day, preview))
    assert counts[0] == counts[1], counts
