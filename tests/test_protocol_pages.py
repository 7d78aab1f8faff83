"""The protocol's staff pages: who may see and change them, reordering the precedence, the printable running
order, and the gifts register with its exports and a constant number of queries."""

import csv
import html
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from protocol.enums import GiftDirection
from protocol.models import PrecedenceEntry
from tests import factories
from tests import factories_protocol as pf
from visits.enums import ItemKind

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def order_of(delegation) -> list[str]:
    return [
        str(entry.person.latin)
        for entry in PrecedenceEntry.objects.filter(delegation=delegation).select_related("member", "contact")
    ]


@pytest.fixture
def visit():
    """A delegation with three guests in order, a host of a programme item, a ceremony with a seating plan
    and speeches, a Golden Book entry and a gift."""
    delegation = factories.DelegationFactory()
    head = factories.MemberFactory(
        delegation=delegation,
        first_name="Andrii",
        last_name="Zrazkovyi",
        first_name_original="Андрій",
        last_name_original="Зразковий",
        is_head=True,
    )
    second = factories.MemberFactory(
        delegation=delegation,
        first_name="Oksana",
        last_name="Prykladenko",
        first_name_original="Оксана",
        last_name_original="Прикладенко",
    )
    third = factories.MemberFactory(
        delegation=delegation,
        first_name="Serhii",
        last_name="Vyhadko",
        first_name_original="Сергій",
        last_name_original="Вигадко",
    )
    for position, member in enumerate((head, second, third), start=1):
        pf.PrecedenceEntryFactory(delegation=delegation, member=member, position=position)
    host = factories.ContactFactory(first_name="Johanna", last_name="Musterfeld")
    ceremony = pf.CeremonyFactory(delegation=delegation, title="Festakt 50 Jahre", hosts=[host])
    plan = pf.SeatingPlanFactory(programme_item=ceremony, notes="Einlass ab 15:30")
    table = pf.TableFactory(plan=plan, number=1, name="Ehrentisch", seats=6)
    pf.TableFactory(plan=plan, number=2, shape="rectangular", seats=4)
    pf.SeatFactory(table=table, number=1, member=head)
    pf.SeatFactory(table=table, number=2, member=None, contact=host)
    pf.SeatFactory(table=table, number=3, member=None, name="Ehrengast Bürgermeisterin")
    pf.SpeechFactory(
        programme_item=ceremony, position=1, name="Landrat des Kreises Kleve", planned_minutes=10
    )
    pf.SpeechFactory(
        programme_item=ceremony,
        position=2,
        name="",
        member=head,
        language="uk",
        interpreter=factories.InterpreterFactory(first_name="Iryna", last_name="Perekladach"),
        planned_minutes=5,
        topic="Grußwort aus Podilsk",
    )
    factories.ProgrammeItemFactory(
        delegation=delegation, kind=ItemKind.GOLDEN_BOOK, title="Goldenes Buch Kleve"
    )
    pf.GiftFactory(delegation=delegation, description="Bildband Niederrhein", value_eur=Decimal("39.90"))
    return delegation


def overview_url(delegation) -> str:
    return reverse("protocol:overview", kwargs={"pk": delegation.pk})


def move_url(entry, direction: str) -> str:
    return reverse(
        "protocol:move", kwargs={"pk": entry.delegation_id, "entry_pk": entry.pk, "direction": direction}
    )


# -- Who may do what -----------------------------------------------------------------------------------------


def staff_urls(delegation) -> list[str]:
    item = delegation.programme_items.get(kind=ItemKind.CEREMONY)
    return [
        overview_url(delegation),
        reverse("protocol:gifts", kwargs={"pk": delegation.pk}),
        reverse("protocol:gifts-download", kwargs={"pk": delegation.pk, "fmt": "csv"}),
        reverse("protocol:running-order", kwargs={"item_pk": item.pk}),
    ]


def test_planner_and_reader_see_the_pages_press_and_anonymous_do_not(
    visit, planner_client, reader_client, press_client, anonymous_client
):
    for url in staff_urls(visit):
        assert planner_client.get(url).status_code == 200, url
        assert reader_client.get(url).status_code == 200, url
        assert press_client.get(url).status_code == 403, url
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_the_reader_sees_the_order_without_buttons_and_cannot_change_it(visit, reader_client):
    page = text(reader_client.get(overview_url(visit)))
    assert "Andrii Zrazkovyi" in page and "Андрій Зразковий" in page
    assert "nach oben" not in page and "anhängen" not in page
    first = PrecedenceEntry.objects.get(delegation=visit, position=1)
    assert reader_client.post(move_url(first, "down")).status_code == 403
    add = reverse("protocol:add-missing", kwargs={"pk": visit.pk})
    assert reader_client.post(add).status_code == 403
    assert order_of(visit) == ["Andrii Zrazkovyi", "Oksana Prykladenko", "Serhii Vyhadko"]


# -- Precedence ----------------------------------------------------------------------------------------------


def test_the_planner_moves_an_entry_down_and_up(visit, planner_client):
    first = PrecedenceEntry.objects.get(delegation=visit, position=1)
    response = planner_client.post(move_url(first, "down"))
    assert response.status_code == 302 and response["Location"] == overview_url(visit)
    assert order_of(visit) == ["Oksana Prykladenko", "Andrii Zrazkovyi", "Serhii Vyhadko"]
    assert sorted(PrecedenceEntry.objects.filter(delegation=visit).values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]

    third = PrecedenceEntry.objects.get(delegation=visit, position=3)
    planner_client.post(move_url(third, "up"))
    assert order_of(visit) == ["Oksana Prykladenko", "Serhii Vyhadko", "Andrii Zrazkovyi"]

    # The first cannot go further up: nothing changes, and the page says so.
    top = PrecedenceEntry.objects.get(delegation=visit, position=1)
    page = text(planner_client.post(move_url(top, "up"), follow=True))
    assert "steht schon an dieser Stelle" in page
    assert order_of(visit) == ["Oksana Prykladenko", "Serhii Vyhadko", "Andrii Zrazkovyi"]


def test_moving_by_get_is_refused_and_changes_nothing(visit, planner_client):
    first = PrecedenceEntry.objects.get(delegation=visit, position=1)
    assert planner_client.get(move_url(first, "down")).status_code == 405
    assert planner_client.get(reverse("protocol:add-missing", kwargs={"pk": visit.pk})).status_code == 405
    assert order_of(visit) == ["Andrii Zrazkovyi", "Oksana Prykladenko", "Serhii Vyhadko"]


def test_moving_needs_the_csrf_token(visit):
    from django.contrib.auth.models import Group
    from django.test import Client

    user = factories.UserFactory(username="csrf-planner")
    user.groups.add(Group.objects.get(name="planners"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    first = PrecedenceEntry.objects.get(delegation=visit, position=1)
    assert client.post(move_url(first, "down")).status_code == 403
    assert order_of(visit)[0] == "Andrii Zrazkovyi"


def test_an_entry_of_another_delegation_cannot_be_moved_through_this_one(visit, planner_client):
    foreign = pf.PrecedenceEntryFactory(position=1)
    url = reverse("protocol:move", kwargs={"pk": visit.pk, "entry_pk": foreign.pk, "direction": "down"})
    assert planner_client.post(url).status_code == 404


def test_add_all_participants_not_yet_listed(visit, planner_client):
    late = factories.MemberFactory(delegation=visit, first_name="Nataliia", last_name="Uiavna")
    page = text(planner_client.get(overview_url(visit)))
    assert "Alle 2 noch nicht gelisteten Personen anhängen" in page
    response = planner_client.post(reverse("protocol:add-missing", kwargs={"pk": visit.pk}), follow=True)
    assert "2 Personen wurden an die Rangfolge angehängt." in text(response)
    assert order_of(visit) == [
        "Andrii Zrazkovyi",
        "Oksana Prykladenko",
        "Serhii Vyhadko",
        late.first_name + " Uiavna",
        "Johanna Musterfeld",
    ]
    # A second time adds nobody.
    response = planner_client.post(reverse("protocol:add-missing", kwargs={"pk": visit.pk}), follow=True)
    assert "stehen schon in der Rangfolge" in text(response)
    assert PrecedenceEntry.objects.filter(delegation=visit).count() == 5


def test_the_protocol_page_lists_the_golden_book_and_the_running_orders(visit, planner_client):
    page = text(planner_client.get(overview_url(visit)))
    assert "Goldenes Buch Kleve" in page
    ceremony = visit.programme_items.get(kind=ItemKind.CEREMONY)
    assert reverse("protocol:running-order", kwargs={"item_pk": ceremony.pk}) in page
    assert reverse("protocol:item-place-cards", kwargs={"item_pk": ceremony.pk}) in page


# -- The printable running order and seating plan ------------------------------------------------------------


def test_the_printable_page_draws_tables_with_seats_and_lists_the_speeches(visit, planner_client):
    ceremony = visit.programme_items.get(kind=ItemKind.CEREMONY)
    response = planner_client.get(reverse("protocol:running-order", kwargs={"item_pk": ceremony.pk}))
    page = text(response)
    assert "Tisch 1: Ehrentisch" in page and "Tisch 2" in page
    assert 'class="table-round seats-6"' in page and 'class="table-long"' in page
    assert page.count('class="seat free"') == 7  # seats 4-6 of the round table, all four of the long one
    assert page.count('<div class="seat free">') == 4  # all four of the long table
    for name in ("Andrii Zrazkovyi", "Андрій Зразковий", "Johanna Musterfeld", "Ehrengast Bürgermeisterin"):
        assert name in page
    assert (
        "Landrat des Kreises Kleve" in page and "Iryna Perekladach" in page and "Grußwort aus Podilsk" in page
    )
    assert "Redezeit insgesamt" in page
    assert "Einlass ab 15:30" in page
    assert "style=" not in response.content.decode()
    assert "protocol/seating.css" in page


def test_a_programme_item_without_plan_says_so(planner_client):
    meal = factories.ProgrammeItemFactory(kind=ItemKind.MEAL)
    page = text(planner_client.get(reverse("protocol:running-order", kwargs={"item_pk": meal.pk})))
    assert "Für diesen Programmpunkt gibt es keine Sitzordnung." in page


# -- Gifts ---------------------------------------------------------------------------------------------------


def make_gifts(delegation, count: int) -> None:
    member = factories.MemberFactory(delegation=delegation)
    contact = factories.ContactFactory()
    item = factories.ProgrammeItemFactory(delegation=delegation)
    for index in range(count):
        pf.GiftFactory(
            delegation=delegation,
            direction=GiftDirection.RECEIVED if index % 2 else GiftDirection.GIVEN,
            value_eur=Decimal("10.00"),
            giver_member=member if index % 2 else None,
            recipient_contact=contact if index % 2 else None,
            occasion=item if index % 3 else None,
        )


def queries_of(client, url) -> int:
    """How many queries a page runs (the site's middleware included, which other apps extend)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_gifts_list_runs_the_same_queries_whatever_its_length(planner_client, django_assert_num_queries):
    delegation = factories.DelegationFactory()
    make_gifts(delegation, 2)
    url = reverse("protocol:gifts", kwargs={"pk": delegation.pk})
    planner_client.get(url)  # the first request of a session loads what later ones have cached
    small = queries_of(planner_client, url)
    make_gifts(delegation, 12)
    with django_assert_num_queries(small):
        response = planner_client.get(url)
    assert text(response).count("Bildband") == 14


def test_the_protocol_pages_run_the_same_queries_whatever_their_length(
    visit, planner_client, django_assert_num_queries
):
    ceremony = visit.programme_items.get(kind=ItemKind.CEREMONY)
    urls = [overview_url(visit), reverse("protocol:running-order", kwargs={"item_pk": ceremony.pk})]
    planner_client.get(urls[0])
    small = [queries_of(planner_client, url) for url in urls]
    table = pf.TableFactory(plan=ceremony.seating_plan, number=3, seats=12)
    for number in range(1, 9):
        member = factories.MemberFactory(delegation=visit)
        pf.PrecedenceEntryFactory(delegation=visit, member=member, position=10 + number)
        pf.SeatFactory(table=table, number=number, member=member)
        pf.SpeechFactory(programme_item=ceremony, position=10 + number)
        pf.CeremonyFactory(delegation=visit)
    for url, expected in zip(urls, small, strict=True):
        with django_assert_num_queries(expected):
            planner_client.get(url)


def test_the_gifts_list_shows_totals_and_exports_csv_and_xlsx(visit, planner_client):
    pf.GiftFactory(
        delegation=visit,
        direction=GiftDirection.RECEIVED,
        description="Keramikschale",
        giver="Andrii Zrazkovyi",
        recipient="Landrat",
        value_eur=Decimal("60.00"),
        kept_at="Vitrine Kreishaus, 2. OG",
    )
    page = text(planner_client.get(reverse("protocol:gifts", kwargs={"pk": visit.pk})))
    assert "Vitrine Kreishaus, 2. OG" in page
    assert "39,90" in page and "60,00" in page

    csv_response = planner_client.get(
        reverse("protocol:gifts-download", kwargs={"pk": visit.pk, "fmt": "csv"})
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Datum", "Richtung", "Geschenk"]
    assert sorted(row[2] for row in rows[1:]) == ["Bildband Niederrhein", "Keramikschale"]
    assert {row[5] for row in rows[1:]} == {"39.90", "60.00"}

    from openpyxl import load_workbook

    xlsx = planner_client.get(reverse("protocol:gifts-download", kwargs={"pk": visit.pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[2][0] == "Datum"
    assert values[-1][0] == "Summe" and values[-1][5] == pytest.approx(99.90)
    assert (
        planner_client.get(
            reverse("protocol:gifts-download", kwargs={"pk": visit.pk, "fmt": "pdf"})
        ).status_code
        == 404
    )


def test_the_gift_changelist_shows_totals_of_the_filtered_gifts(planner_client):
    delegation = factories.DelegationFactory()
    make_gifts(delegation, 4)
    page = text(planner_client.get(reverse("admin:protocol_gift_changelist")))
    assert "Summen der angezeigten Geschenke" in page
    page = text(planner_client.get(reverse("admin:protocol_gift_changelist") + "?direction__exact=received"))
    assert page.count("20,00") >= 1


def test_the_admin_pages_of_the_protocol_render(visit, planner_client, reader_client):
    plan = visit.programme_items.get(kind=ItemKind.CEREMONY).seating_plan
    for name, args in [
        ("admin:protocol_precedenceentry_changelist", []),
        ("admin:protocol_seatingplan_changelist", []),
        ("admin:protocol_seatingplan_change", [plan.pk]),
        ("admin:protocol_speech_changelist", []),
        ("admin:protocol_gift_changelist", []),
        ("admin:protocol_gift_add", []),
    ]:
        assert planner_client.get(reverse(name, args=args)).status_code == 200, name
    assert reader_client.get(reverse("admin:protocol_seatingplan_change", args=[plan.pk])).status_code == 200
    assert reader_client.get(reverse("admin:protocol_gift_add")).status_code == 403


@pytest.mark.parametrize(
    "changelist, make",
    [
        ("admin:protocol_precedenceentry_changelist", lambda n: pf.PrecedenceEntryFactory.create_batch(n)),
        ("admin:protocol_seatingplan_changelist", lambda n: [pf.SeatFactory() for _ in range(n)]),
        ("admin:protocol_speech_changelist", lambda n: pf.SpeechFactory.create_batch(n)),
        ("admin:protocol_gift_changelist", lambda n: make_gifts(factories.DelegationFactory(), n)),
    ],
)
def test_the_protocol_changelists_run_the_same_queries_at_two_sizes(
    planner_client, django_assert_num_queries, changelist, make
):
    url = reverse(changelist)
    make(3)
    planner_client.get(url)
    small = queries_of(planner_client, url)
    make(20)
    with django_assert_num_queries(small):
        planner_client.get(url)


def seating_form(plan, table, seats: list[dict]) -> dict:
    """The admin change form of a plan as a browser sends it: the plan, its one table, and new seats."""
    data = {
        "programme_item": plan.programme_item_id,
        "notes": "",
        "tables-TOTAL_FORMS": "1",
        "tables-INITIAL_FORMS": "1",
        "tables-0-id": table.pk,
        "tables-0-plan": plan.pk,
        "tables-0-number": table.number,
        "tables-0-name": table.name,
        "tables-0-shape": table.shape,
        "tables-0-seats": table.seats,
        "seats-TOTAL_FORMS": str(len(seats)),
        "seats-INITIAL_FORMS": "0",
    }
    for index, seat in enumerate(seats):
        data.update(
            {f"seats-{index}-plan": plan.pk, f"seats-{index}-table": table.pk, f"seats-{index}-name": ""}
        )
        data.update({f"seats-{index}-{key}": value for key, value in seat.items()})
    return data


def test_the_seating_admin_refuses_the_same_guest_twice_in_one_save_and_saves_good_seats(
    planner_client, reader_client
):
    table = pf.TableFactory(seats=6)
    plan = table.plan
    guest = factories.MemberFactory(delegation=plan.programme_item.delegation)
    url = reverse("admin:protocol_seatingplan_change", args=[plan.pk])

    twice = seating_form(plan, table, [{"number": 1, "member": guest.pk}, {"number": 2, "member": guest.pk}])
    response = planner_client.post(url, twice)
    assert response.status_code == 200
    assert "Dieser Gast hat in der Sitzordnung schon einen Platz." in text(response)
    assert not plan.seats.exists()

    outside = seating_form(plan, table, [{"number": 7, "member": guest.pk}])
    assert f"Tisch {table.number} hat nur 6 Plätze." in text(planner_client.post(url, outside))
    assert not plan.seats.exists()

    good = seating_form(plan, table, [{"number": 1, "member": guest.pk}, {"number": 2, "name": "Ehrengast"}])
    assert reader_client.post(url, good).status_code == 403
    assert not plan.seats.exists()
    response = planner_client.post(url, good)
    assert response.status_code == 302
    assert sorted(plan.seats.values_list("number", "name")) == [(1, ""), (2, "Ehrengast")]
