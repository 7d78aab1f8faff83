"""The planner's desk: the friction a planner met in the German admin, each smoothed and held here.

The programme page's tools, the way back to it after saving an item, the release button that says what it
does, the appointment picker of one delegation, the guest-link button on the delegation page, and the
German of the admin's own widgets.
"""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.admin_pages import admin_url
from tests.admin_samples import admin_form_data
from visits import services
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


def programme_url(delegation) -> str:
    return reverse("admin:delegations_delegation_programme", args=[delegation.pk])


# -- The programme page: print, release, and back to it after saving an item -------------------------------


def test_the_programme_page_offers_printing_and_releasing_to_a_planner(planner_client):
    delegation = factories.DelegationFactory()
    page = planner_client.get(programme_url(delegation)).content.decode()

    tools = page[page.index('<ul class="object-tools">') : page.index("</ul>", page.index("object-tools"))]
    assert re.search(
        r'<button type="button" class="kleve-print-button" data-kleve-print hidden>Drucken</button>', tools
    )
    release = reverse("admin:visits_programmerelease_release") + f"?delegation={delegation.pk}"
    assert f'<a href="{release}">Programm freigeben</a>' in tools
    assert "admin/kleve/print-button.js" in page


def test_read_only_staff_get_the_print_button_but_no_release(reader_client):
    delegation = factories.DelegationFactory()
    page = reader_client.get(programme_url(delegation)).content.decode()
    assert "data-kleve-print" in page
    assert reverse("admin:visits_programmerelease_release") not in page


def test_saving_an_item_opened_from_the_programme_returns_to_the_programme(planner_client):
    item = factories.ProgrammeItemFactory(title="Empfang")
    page = planner_client.get(programme_url(item.delegation)).content.decode()
    change_url = admin_url(ProgrammeItem, "change", item.pk) + "?from=programme"
    assert f'href="{change_url}"' in page

    form = planner_client.get(change_url)
    response = planner_client.post(change_url, admin_form_data(form, title_de="Empfang im Kreishaus"))

    assert response.status_code == 302
    assert response.url == programme_url(item.delegation) + f"#item-{item.pk}"
    item.refresh_from_db()
    assert item.title_de == "Empfang im Kreishaus"


def test_save_and_continue_from_the_programme_stays_on_the_item(planner_client):
    item = factories.ProgrammeItemFactory()
    change_url = admin_url(ProgrammeItem, "change", item.pk) + "?from=programme"
    form = planner_client.get(change_url)
    response = planner_client.post(change_url, admin_form_data(form, _continue="1"))
    assert response.status_code == 302
    assert response.url.startswith(admin_url(ProgrammeItem, "change", item.pk))


def test_saving_an_item_opened_from_the_list_returns_to_the_list(planner_client):
    item = factories.ProgrammeItemFactory()
    change_url = admin_url(ProgrammeItem, "change", item.pk)
    response = planner_client.post(change_url, admin_form_data(planner_client.get(change_url)))
    assert response.url == admin_url(ProgrammeItem, "changelist")


def test_an_item_added_from_the_programme_returns_to_the_programme(planner_client):
    delegation = factories.DelegationFactory()
    venue = factories.VenueFactory()
    add_url = admin_url(ProgrammeItem, "add") + f"?delegation={delegation.pk}&from=programme"
    assert (
        f'href="{add_url.replace("&", "&amp;")}"'
        in planner_client.get(programme_url(delegation)).content.decode()
    )
    form = planner_client.get(add_url)
    response = planner_client.post(
        add_url,
        admin_form_data(
            form,
            starts_at_0="17.11.2025",
            starts_at_1="10:00",
            ends_at_0="17.11.2025",
            ends_at_1="11:00",
            title_de="Neuer Termin",
            kind="meeting",
            venue=str(venue.pk),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = ProgrammeItem.objects.get(title_de="Neuer Termin")
    assert response.url == programme_url(delegation) + f"#item-{item.pk}"


# -- The release page says what its button does when nothing changed ------------------------------------


def test_the_release_button_says_it_tells_nobody_when_nothing_changed(planner_client):
    delegation = factories.DelegationFactory()
    factories.MemberFactory(delegation=delegation)
    factories.ProgrammeItemFactory(delegation=delegation)
    url = reverse("admin:visits_programmerelease_release")

    first = planner_client.get(url, {"delegation": delegation.pk}).content.decode()
    assert 'value="Programm freigeben"' in first

    factories.release(delegation)
    again = planner_client.get(url, {"delegation": delegation.pk}).content.decode()
    assert "Keine Änderungen." in again
    assert 'value="Programm freigeben"' not in again
    assert 'value="Texte ohne Mitteilung freigeben"' in again
    assert "niemand wird benachrichtigt" in again


# -- The appointment picker offers only the appointment's delegation's items --------------------------------


def item_choices(client, **params) -> list[str]:
    query = {"app_label": "visits", "model_name": "companyappointment", "field_name": "programme_item"}
    response = client.get(reverse("admin:autocomplete"), {**query, "term": "", **params})
    assert response.status_code == 200
    return sorted(result["text"] for result in response.json()["results"])


def test_the_appointment_picker_offers_only_the_chosen_delegations_items(planner_client):
    ours = factories.ProgrammeItemFactory(
        title="Stadtwerke Kleve", starts_at=factories.berlin(2025, 11, 17, 9)
    )
    factories.ProgrammeItemFactory(title="Stadtwerke Goch", starts_at=factories.berlin(2025, 11, 17, 9))

    assert item_choices(planner_client, delegation=ours.delegation_id) == [
        "17.11.2025 09:00 Stadtwerke Kleve"
    ]
    assert item_choices(planner_client, delegation=ours.delegation_id, term="Goch") == []
    # No delegation chosen yet (or a malformed one): nothing to pick from.
    assert item_choices(planner_client) == []
    assert item_choices(planner_client, delegation="1 OR 1=1") == []


def test_the_appointment_form_loads_the_pickers_script(planner_client):
    appointment = factories.CompanyAppointmentFactory()
    page = planner_client.get(admin_url(type(appointment), "change", appointment.pk)).content.decode()
    assert page.index("admin/js/jquery.init.js") < page.index("admin/kleve/appointment-item-picker.js")


# -- The admin's own widgets speak German ------------------------------------------------------------------


def test_the_search_box_is_labelled_in_german(planner_client):
    from delegations.models import Delegation

    page = planner_client.get(admin_url(Delegation, "changelist")).content.decode()
    assert '<h2 id="changelist-search-form" class="visually-hidden">Delegationen durchsuchen</h2>' in page
    assert 'alt="Suchen"' in page
    assert "Search" not in page


def test_the_empty_choice_of_a_dropdown_asks_to_choose_not_for_an_action(planner_client):
    from visits.models import CompanyAppointment

    factories.CompanyAppointmentFactory()
    actions = planner_client.get(admin_url(CompanyAppointment, "changelist")).content.decode()
    form = planner_client.get(admin_url(ProgrammeItem, "add")).content.decode()
    assert '<option value="" selected>– Bitte auswählen –</option>' in actions  # the action menu
    assert '<option value="" selected>– Bitte auswählen –</option>' in form  # the item's kind
    assert "Aktion wählen" not in actions + form


def test_the_time_zone_note_for_date_and_time_fields_is_german(planner_client):
    catalog = planner_client.get(reverse("admin:jsi18n")).content.decode()
    assert "Hinweis: Uhrzeiten bitte in der Zeitzone %(timezone)s eingeben. Ihr Ger\\u00e4t geht" in catalog


# -- The change history reads as people read it -----------------------------------------------------------


def history_of_a_moved_item(client):
    client.user.first_name, client.user.last_name = "Petra", "Planer"
    client.user.save()
    item = factories.ProgrammeItemFactory(
        starts_at=factories.berlin(2025, 11, 17, 10), ends_at=factories.berlin(2025, 11, 17, 11)
    )
    url = admin_url(ProgrammeItem, "change", item.pk)
    form = client.get(url)
    response = client.post(
        url,
        admin_form_data(
            form, starts_at_0="17.11.2025", starts_at_1="11:00", ends_at_0="17.11.2025", ends_at_1="12:00"
        ),
    )
    assert response.status_code == 302
    return item


def history_changes(response) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", line).split())
        for line in re.findall(r"<li>(.*?)</li>", response.content.decode().split('id="change-history"')[1])
    ]


def test_the_history_shows_times_in_berlin_and_the_authors_name(planner_client):
    item = history_of_a_moved_item(planner_client)

    response = planner_client.get(admin_url(ProgrammeItem, "history", item.pk))

    assert history_changes(response) == [
        "Ende: 17. November 2025 11:00 → 17. November 2025 12:00",
        "Beginn: 17. November 2025 10:00 → 17. November 2025 11:00",
    ]
    page = response.content.decode()
    assert "+00:00" not in page.split('id="change-history"')[1].split("</table>")[0]  # no UTC ISO string
    assert '<th scope="col">Zeitpunkt (Europe/Berlin)</th>' in page
    assert "<td>Petra Planer</td>" in page


def test_the_history_speaks_the_users_language(planner_client):
    from django.conf import settings

    item = history_of_a_moved_item(planner_client)
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = planner_client.get(admin_url(ProgrammeItem, "history", item.pk))

    assert history_changes(response)[1] == "Start: Nov. 17, 2025, 10 a.m. → Nov. 17, 2025, 11 a.m."


# -- Guest links from the delegation page ------------------------------------------------------------------


def guest_links_url(delegation) -> str:
    return reverse("admin:delegations_delegation_guest_links", args=[delegation.pk])


def test_a_planner_makes_the_guest_links_from_the_delegation_page(planner_client):
    from delegations.models import Delegation
    from visits.models import GuestAccess

    delegation = factories.DelegationFactory()
    oksana = factories.MemberFactory(delegation=delegation, first_name="Oksana", last_name="Vyhadana")
    old_access, _token = services.issue_guest_access(delegation=delegation, member=oksana)
    page = planner_client.get(admin_url(Delegation, "change", delegation.pk)).content.decode()
    assert (
        f'<form class="kleve-object-tool-form" method="post" action="{guest_links_url(delegation)}">' in page
    )

    response = planner_client.post(guest_links_url(delegation))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    (link,) = re.findall(r"<code>(http[^<]+/g/[^<]+)</code>", text)
    assert "Oksana Vyhadana" in text
    assert f'href="{admin_url(Delegation, "change", delegation.pk)}"' in text
    old_access.refresh_from_db()
    assert old_access.revoked_at is not None
    assert GuestAccess.objects.filter(member=oksana, revoked_at__isnull=True).count() == 1
    assert planner_client.get(link[link.index("/g/") :]).status_code == 200


def test_guest_links_are_made_only_by_post(planner_client):
    from visits.models import GuestAccess

    delegation = factories.DelegationFactory()
    factories.MemberFactory(delegation=delegation)
    assert planner_client.get(guest_links_url(delegation)).status_code == 405
    assert GuestAccess.objects.count() == 0


def test_only_planners_make_guest_links(press_client, reader_client):
    from delegations.models import Delegation
    from visits.models import GuestAccess

    delegation = factories.DelegationFactory()
    factories.MemberFactory(delegation=delegation)
    for client in (press_client, reader_client):
        page = client.get(admin_url(Delegation, "change", delegation.pk)).content.decode()
        assert guest_links_url(delegation) not in page
        assert client.post(guest_links_url(delegation)).status_code == 403
    assert GuestAccess.objects.count() == 0


# -- The county writes "Sie" -------------------------------------------------------------------------------

DU = re.compile(
    r"\b(du|dein|deine|deinen|deiner|dich|dir)\b|Stelle sicher|korrigiere |Wähle |Exportiere |gebe das", re.I
)


def test_no_german_text_of_the_admin_says_du():
    from django.utils import translation
    from django.utils.translation import trans_real

    with translation.override("de"):
        catalog = trans_real.translation("de")._catalog
        # Each message as shown: the catalogue that wins (ours first), not the ones it overrides.
        shown = {key: catalog[key] for key in {key for key, _text in catalog.items()}}
        said = {key: text for key, text in shown.items() if isinstance(text, str) and DU.search(text)}
    assert said == {}
