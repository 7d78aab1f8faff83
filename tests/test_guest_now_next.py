"""The guest page on the days of the visit: the "today" panel with what runs now and what comes next, right at
the moment of rendering, kept only until the next moment that changes it, and times a delay moved marked as
changed (on the page, in the panel and on paper)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from core import page_cache
from delegations.models import Member
from demo.loader import seed_demo
from tests import documents, factories
from visits import services
from visits.delays import apply_delay
from visits.enums import ItemStatus
from visits.models import ProgrammeItem

berlin = factories.berlin


def panel(html: str) -> str:
    start = html.index('<section class="today"')
    return html[start : html.index("</section>", start)]


def panel_shown(html: str) -> bool:
    tag = re.search(r'<section class="today"[^>]*>', html)[0]
    return not tag.endswith(" hidden>")


def shown_lines(html: str, kind: str) -> list[int]:
    """The items whose line in the panel's "now" or "next" list shows (the others are there, hidden)."""
    return [int(pk) for pk in re.findall(rf'<li data-{kind}-of="item-(-?\d+)">', panel(html))]


def line(html: str, kind: str, pk: int) -> str:
    text = panel(html)
    start = text.index(f'<li data-{kind}-of="item-{pk}"')
    return text[start : text.index("</li>", start)]


def article(html: str, pk: int) -> str:
    start = re.search(rf'<article [^>]*id="item-{pk}"', html).start()
    return html[start : html.index("</article>", start)]


def words(fragment: str) -> str:
    return " ".join(strip_tags(fragment).split())


def previous_times(fragment: str) -> list[str]:
    return [words(struck) for struck in re.findall(r'<del class="previous-time">(.*?)</del>', fragment, re.S)]


def at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def make_day() -> dict:
    """A visit's third day, 18 November 2025: one shared item, one for each of two members at about the same
    time, a cancelled one, and a reception in the afternoon."""
    delegation = factories.DelegationFactory()
    olena = factories.MemberFactory(delegation=delegation, first_name="Olena")
    petro = factories.MemberFactory(delegation=delegation, first_name="Petro")
    county = factories.VenueFactory(name="Kreishaus Kleve", name_uk="Адміністрація округу Клеве")
    item = factories.ProgrammeItemFactory
    items = {
        "town_hall": item(
            delegation=delegation,
            title_de="Im Rathaus",
            starts_at=berlin(2025, 11, 18, 9),
            ends_at=berlin(2025, 11, 18, 10),
        ),
        "olena": item(
            delegation=delegation,
            title_de="Olenas Termin",
            participants=[olena],
            starts_at=berlin(2025, 11, 18, 10, 30),
            ends_at=berlin(2025, 11, 18, 11, 30),
        ),
        "petro": item(
            delegation=delegation,
            title_de="Petros Termin",
            participants=[petro],
            starts_at=berlin(2025, 11, 18, 10, 15),
            ends_at=berlin(2025, 11, 18, 11),
        ),
        "tour": item(
            delegation=delegation,
            title_de="Stadtführung",
            status=ItemStatus.CANCELLED,
            starts_at=berlin(2025, 11, 18, 12),
            ends_at=berlin(2025, 11, 18, 13),
        ),
        "reception": item(
            delegation=delegation,
            title_de="Empfang",
            title_uk="Прийом",
            venue=county,
            starts_at=berlin(2025, 11, 18, 14),
            ends_at=berlin(2025, 11, 18, 15),
        ),
    }
    factories.release(delegation)
    _, olena_token = services.issue_guest_access(delegation=delegation, member=olena)
    _, petro_token = services.issue_guest_access(delegation=delegation, member=petro)
    pks = {name: item.pk for name, item in items.items()}
    return {"pks": pks, "olena": olena_token, "petro": petro_token, "delegation": delegation}


@pytest.fixture
def day(db):
    return make_day()


def page(token: str, language: str = "de") -> str:
    response = Client().get(f"/g/{token}/{language}/")
    assert response.status_code == 200
    return response.content.decode()


# What Olena's page says at moments of the third day: the running item, the next one (by pk name).
OLENAS_DAY = [
    ((8, 0), [], "town_hall"),
    ((9, 30), ["town_hall"], "olena"),  # Petro's item at 10:15 is not hers
    ((10, 20), [], "olena"),  # Petro's item runs, but not on her page
    ((10, 45), ["olena"], "reception"),  # the cancelled tour at 12:00 is never next
    ((12, 30), [], "reception"),  # nor now
    ((14, 0), ["reception"], None),
    ((15, 0), [], None),
]


@pytest.mark.parametrize(("clock", "running", "coming"), OLENAS_DAY)
def test_now_and_next_at_moments_of_the_day(day, monkeypatch, clock, running, coming):
    pks = day["pks"]
    at(monkeypatch, berlin(2025, 11, 18, *clock))

    html = page(day["olena"])

    assert panel_shown(html)
    assert shown_lines(html, "now") == [pks[name] for name in running]
    assert shown_lines(html, "next") == ([pks[coming]] if coming else [])
    assert ("data-now-none>" in html) == (not running)
    assert ("data-next-none>" in html) == (coming is None)
    # The entries in the programme carry the same marks, as badges.
    assert re.findall(r'id="item-(\d+)"[^>]*>(?:(?!</article>).)*data-now-badge>', html, re.S) == [
        str(pks[name]) for name in running
    ]
    assert html.count("data-next-badge>") == (1 if coming else 0)
    if coming:
        assert "data-next-badge>" in article(html, pks[coming])


def test_another_members_item_is_never_now_or_next_nor_anywhere_on_the_page(day, monkeypatch):
    pks = day["pks"]
    at(monkeypatch, berlin(2025, 11, 18, 10, 20))

    olenas, petros = page(day["olena"]), page(day["petro"])

    assert shown_lines(petros, "now") == [pks["petro"]]
    assert shown_lines(petros, "next") == [pks["reception"]]
    assert f"item-{pks['olena']}" not in petros
    assert shown_lines(olenas, "now") == [] and shown_lines(olenas, "next") == [pks["olena"]]
    assert f"item-{pks['petro']}" not in olenas and "Petros Termin" not in olenas


def test_a_cancelled_item_has_no_line_in_the_panel(day, monkeypatch):
    at(monkeypatch, berlin(2025, 11, 18, 8))
    html = page(day["olena"])
    tour = day["pks"]["tour"]
    assert f'data-now-of="item-{tour}"' not in html and f'data-next-of="item-{tour}"' not in html
    assert "data-now-badge" not in article(html, tour) and "data-next-badge" not in article(html, tour)


def test_the_next_line_names_time_title_and_place_and_links_to_the_entry(day, monkeypatch):
    at(monkeypatch, berlin(2025, 11, 18, 12, 30))
    reception = day["pks"]["reception"]

    html = page(day["olena"], "uk")

    coming = line(html, "next", reception)
    assert f'<a href="#item-{reception}">' in coming
    assert words(coming) == "Вт 14:00–15:00 Прийом Адміністрація округу Клеве"
    assert words(panel(html)).startswith("Сьогодні Зараз")
    assert "Зараз немає жодного пункту програми." in words(panel(html))


def test_the_panel_shows_on_the_days_of_the_visit_only(day, monkeypatch):
    pks = day["pks"]
    at(monkeypatch, berlin(2025, 11, 10, 12))  # a week before: the notice says what comes first
    before = page(day["olena"])
    assert not panel_shown(before)
    assert shown_lines(before, "next") == [pks["town_hall"]]  # ready for the device once the visit begins
    assert f'<p class="notice notice-next" data-next-notice="item-{pks["town_hall"]}">' in before

    at(monkeypatch, berlin(2025, 11, 16, 0, 1))  # the day of arrival, nothing on yet
    arrival = page(day["olena"])
    assert panel_shown(arrival) and "data-next-notice" not in arrival
    assert shown_lines(arrival, "next") == [pks["town_hall"]]

    at(monkeypatch, berlin(2025, 11, 23, 12))  # after the visit: nothing can be now or next any more
    assert '<section class="today"' not in page(day["olena"])


@pytest.fixture
def kept_day(transactional_db):
    """The same day with its data committed, so the page cache keeps the page (tests/test_cache_pages.py)."""
    page_cache.store().clear()
    yield make_day()
    page_cache.store().clear()


def test_the_kept_page_lasts_until_the_next_start_or_end_and_no_longer(
    kept_day, monkeypatch, django_assert_num_queries
):
    pks = kept_day["pks"]
    at(monkeypatch, berlin(2025, 11, 18, 9, 30))
    assert shown_lines(page(kept_day["olena"]), "now") == [pks["town_hall"]]
    at(monkeypatch, berlin(2025, 11, 18, 9, 59))
    with django_assert_num_queries(0):
        kept = page(kept_day["olena"])
    assert shown_lines(kept, "now") == [pks["town_hall"]]

    at(monkeypatch, berlin(2025, 11, 18, 10, 0))  # the town hall ends
    ended = page(kept_day["olena"])
    assert shown_lines(ended, "now") == [] and shown_lines(ended, "next") == [pks["olena"]]


def test_the_kept_page_lasts_until_midnight_when_the_day_or_the_visit_begins(
    kept_day, monkeypatch, django_assert_num_queries
):
    """No item starts or ends at midnight, yet the page changes: the visit's first day shows the panel, and
    the day after the last item is no longer today. (Half an hour before: within the hour a kept page lasts
    at most, PAGE_CACHE_SECONDS.)"""
    at(monkeypatch, berlin(2025, 11, 15, 23, 30))
    assert not panel_shown(page(kept_day["olena"]))
    at(monkeypatch, berlin(2025, 11, 15, 23, 59))
    with django_assert_num_queries(0):
        page(kept_day["olena"])
    at(monkeypatch, berlin(2025, 11, 16))
    assert panel_shown(page(kept_day["olena"]))

    at(monkeypatch, berlin(2025, 11, 18, 23, 30))
    assert re.search(r"data-today-badge>\s*Heute", page(kept_day["olena"]))
    at(monkeypatch, berlin(2025, 11, 19))
    assert not re.search(r"data-today-badge>\s*Heute", page(kept_day["olena"]))


# The demo visit under way on its third day, the company visit at Schwanenland 25 minutes late.

CHANGED = {
    "uk": {"previously": "раніше", "badge": "Час змінено", "until": "до", "other": "Змінено в поточній"},
    "en": {"previously": "previously", "badge": "Time changed", "until": "until", "other": "Changed in the"},
}


@pytest.fixture
def delayed_demo(db, monkeypatch):
    seed_demo(now=timezone.now(), make_logins=False)
    visit = ProgrammeItem.objects.get(title_de__startswith="Unternehmensbesuch Schwanenland")
    apply_delay(item=visit, minutes=25)
    third_day = timezone.localtime(visit.starts_at, factories.BERLIN).date()
    member = Member.objects.get(first_name="Andrii")
    _, token = services.issue_guest_access(delegation=visit.delegation, member=member)
    moment = dt.datetime.combine(third_day, dt.time(11, 40), tzinfo=factories.BERLIN)
    at(monkeypatch, moment)
    town_hall = ProgrammeItem.objects.get(title_de__startswith="Im Rathaus Goch")
    drive = ProgrammeItem.objects.get(title_de="Fahrt nach Goch")
    return {"token": token, "visit": visit.pk, "town_hall": town_hall.pk, "drive": drive.pk}


@pytest.mark.parametrize("language", ["uk", "en"])
def test_times_a_delay_moved_are_marked_with_the_times_before(delayed_demo, language):
    said = CHANGED[language]

    html = page(delayed_demo["token"], language)

    # Now: the late company visit, until its new end, its old times struck through.
    assert shown_lines(html, "now") == [delayed_demo["visit"]]
    running = line(html, "now", delayed_demo["visit"])
    assert f"{said['until']} 11:55" in words(running)
    assert previous_times(running) == [f"{said['previously']} 09:00–11:30"]
    assert said["badge"] in words(running)
    # Next: the town hall, moved with it.
    assert shown_lines(html, "next") == [delayed_demo["town_hall"]]
    coming = line(html, "next", delayed_demo["town_hall"])
    assert "12:25–14:25" in words(coming)
    assert previous_times(coming) == [f"{said['previously']} 12:00–14:00"]
    # In the programme: the new times, the old ones struck through, "time changed" for the general mark.
    entry = article(html, delayed_demo["town_hall"])
    assert re.search(r"data-starts>12:25</time>–<time[^>]*data-ends>14:25</time>", entry)
    assert previous_times(entry) == [f"{said['previously']} 12:00–14:00"]
    assert said["badge"] in words(entry) and said["other"] not in words(entry)
    # What the delay did not move carries no mark.
    unmoved = article(html, delayed_demo["drive"])
    assert previous_times(unmoved) == [] and said["badge"] not in words(unmoved)


def test_the_pdf_marks_the_moved_times_too(delayed_demo):
    response = Client().get(f"/g/{delayed_demo['token']}/en/programm.pdf")
    assert response.status_code == 200
    text = " ".join(documents.text(response.content).split())
    assert "12:25–14:25" in text and "12:00–14:00" in text and "Time changed" in text


def test_only_the_latest_release_marks_a_time_as_changed(delayed_demo):
    visit = ProgrammeItem.objects.get(pk=delayed_demo["visit"])
    factories.release(visit.delegation, accept_reason="ein Test: nichts geändert")
    html = page(delayed_demo["token"], "en")
    assert previous_times(html) == []
    assert "Time changed" not in html


@pytest.mark.parametrize("size", [5, 80])
def test_the_panel_costs_no_query_of_its_own_whatever_the_size(
    db, monkeypatch, size, django_assert_num_queries
):
    member = factories.MemberFactory()
    for n in range(size):
        factories.ProgrammeItemFactory(
            delegation=member.delegation,
            starts_at=berlin(2025, 11, 18, 8) + dt.timedelta(minutes=10 * n),
            ends_at=berlin(2025, 11, 18, 8, 10) + dt.timedelta(minutes=10 * n),
            participants=[member] if n % 2 else [],
        )
    factories.release(member.delegation, accept_reason="Die Größe zählt hier.")
    _, token = services.issue_guest_access(delegation=member.delegation, member=member)
    at(monkeypatch, berlin(2025, 11, 18, 8, 5))
    # access with its delegation and member; the noted use; the latest release; items; hosts; documents
    with django_assert_num_queries(6):
        html = page(token)
    assert len(re.findall(r"<li data-next-of=", html)) == size
    assert len(shown_lines(html, "now")) == 1 and len(shown_lines(html, "next")) == 1


def test_the_panel_carries_today_and_tomorrow_and_the_device_hides_it_after(db, monkeypatch):
    # Two items a day from the 17th to the 21st; on the 18th at noon the page carries lines for the rest of
    # the 18th, the 19th and the first item of the 20th, and the panel ends at the 20th's midnight.
    member = factories.MemberFactory()
    delegation = member.delegation
    made = {}
    for day in range(17, 22):
        for hour in (9, 15):
            made[(day, hour)] = factories.ProgrammeItemFactory(
                delegation=delegation,
                title_de=f"Punkt {day}. {hour} Uhr",
                starts_at=berlin(2025, 11, day, hour),
                ends_at=berlin(2025, 11, day, hour + 1),
            )
    factories.release(delegation)
    _, token = services.issue_guest_access(delegation=delegation, member=member)
    assert delegation.arrival_date <= dt.date(2025, 11, 17) and delegation.departure_date >= dt.date(
        2025, 11, 21
    )
    at(monkeypatch, berlin(2025, 11, 18, 12))

    html = page(token)

    carried = [int(pk) for pk in re.findall(r'<li data-next-of="item-(-?\d+)"', html)]
    assert carried == [made[key].pk for key in [(18, 15), (19, 9), (19, 15), (20, 9)]]
    ends = re.search(r'<section class="today"[^>]*data-ends="([^"]+)"', html)[1]
    assert dt.datetime.fromisoformat(ends) == berlin(2025, 11, 20, 0)
