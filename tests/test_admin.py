"""The staff admin: every admin's pages render, search and filters find the right rows, rules speak German."""

import html

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from letters.models import Letterhead
from privacy.models import Erasure
from tests import factories
from tests.admin_samples import (
    DOMAIN_APPS,
    admin_form_data,
    make_rows,
    project_admins,
    sample,
    submit_admin_form,
    third_party_admins,
)
from visits import enums as v
from visits.models import CompanyAppointment, ProgrammeItem, Venue

pytestmark = pytest.mark.django_db


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def result_pks(response) -> set[int]:
    assert response.status_code == 200, response.status_code
    return {obj.pk for obj in response.context["cl"].result_list}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# -- Every admin is there and renders ------------------------------------------------------------------


# Edited as inlines on another model's admin page, by the model whose admin holds them.
SHOWN_AS_INLINES = {
    "protocol.Table": "protocol.SeatingPlan",
    "protocol.Seat": "protocol.SeatingPlan",
    "funding.BudgetLine": "funding.DelegationFunding",
}
# Shown on another model's admin page: the copies and notices of a release on the release's page.
SHOWN_ON_ANOTHER_ADMIN_PAGE = {"visits.ReleasedItem"}
# Not in the admin at all, and why.
NOT_IN_THE_ADMIN = {
    # The last reference number given out per year: only issuing a letter moves it, so that no number is
    # ever given twice; editing it by hand could.
    "letters.ReferenceCounter",
}


def test_every_model_of_our_apps_has_an_admin():
    models = {
        model
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and model._meta.label not in SHOWN_AS_INLINES.keys() | SHOWN_ON_ANOTHER_ADMIN_PAGE | NOT_IN_THE_ADMIN
    }
    assert {model for model in project_admins() if model._meta.app_label in DOMAIN_APPS} == models


@pytest.mark.parametrize(("label", "holder"), SHOWN_AS_INLINES.items(), ids=SHOWN_AS_INLINES.keys())
def test_models_without_their_own_admin_are_inlines_of_another(label, holder):
    inlines = admin.site._registry[apps.get_model(holder)].inlines
    assert label in {inline.model._meta.label for inline in inlines}


# Admins whose changelist is not a list, and why: there is one letterhead, so its list opens its form.
CHANGELIST_OPENS_THE_FORM = {Letterhead}


@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_changelist_add_and_change_form_render_for_a_planner(planner_client, model):
    obj = sample(model)
    model_admin = admin.site._registry[model]

    changelist = planner_client.get(admin_url(model, "changelist"))
    if model in CHANGELIST_OPENS_THE_FORM:
        assert (changelist.status_code, changelist.url) == (302, admin_url(model, "change", obj.pk))
    else:
        assert changelist.status_code == 200
        assert admin_url(model, "change", obj.pk) in changelist.content.decode()

    change = planner_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert html.escape(str(obj)) in change.content.decode()

    add = planner_client.get(admin_url(model, "add"))
    request = add.wsgi_request
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)


@pytest.mark.parametrize("model", list(third_party_admins()), ids=lambda model: model._meta.label)
def test_account_admins_render_for_the_superuser(superuser_client, model):
    obj = sample(model)
    changelist = superuser_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "change", obj.pk) in changelist.content.decode()
    assert superuser_client.get(admin_url(model, "add")).status_code == 200
    assert superuser_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_the_admin_registry_holds_nothing_untested():
    # Third-party admins (accounts and their second factors) are tested with the superuser above; every other
    # admin is a project admin. A new third-party admin is a decision, so it has to be named here.
    assert {model._meta.label for model in third_party_admins()} == {
        "auth.User",
        "auth.Group",
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
    }
    assert set(admin.site._registry) == set(project_admins()) | set(third_party_admins())
    assert {User, Group} <= set(third_party_admins())


def test_the_erasure_log_is_read_only_even_for_the_superuser(superuser_client):
    # The log is the evidence that a duty was done: nobody adds, edits or deletes an entry in the admin.
    erasure = sample(Erasure)
    change_url = admin_url(Erasure, "change", erasure.pk)
    page = superuser_client.get(change_url)

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert superuser_client.get(admin_url(Erasure, "add")).status_code == 403
    assert superuser_client.post(change_url, {"reason": "retention"}).status_code == 403
    assert superuser_client.get(admin_url(Erasure, "delete", erasure.pk)).status_code == 403
    assert superuser_client.post(admin_url(Erasure, "delete", erasure.pk), {"post": "yes"}).status_code == 403
    erasure.refresh_from_db()
    assert erasure.reason == "request"


def test_the_letterhead_is_one_row_opened_directly(superuser_client):
    # No list of one row: the list opens the form that creates it, then the form that changes it; no
    # second letterhead, and the one there is cannot be deleted (letters print with it).
    assert superuser_client.get(admin_url(Letterhead, "changelist")).url == admin_url(Letterhead, "add")
    letterhead = sample(Letterhead)
    assert superuser_client.get(admin_url(Letterhead, "changelist")).url == admin_url(
        Letterhead, "change", letterhead.pk
    )
    assert superuser_client.get(admin_url(Letterhead, "add")).status_code == 403
    assert superuser_client.get(admin_url(Letterhead, "delete", letterhead.pk)).status_code == 403


# -- Search and filters ----------------------------------------------------------------------------------

SEARCHES = {
    "topic by its English name": (
        Topic,
        lambda: factories.TopicFactory(name_en="Hydrogen economy"),
        "hydrogen",
    ),
    "partnership by name": (
        Partnership,
        lambda: factories.PartnershipFactory(name="Solidaritätspartnerschaft Kleve-Podilsk"),
        "Solidaritäts",
    ),
    "organisation by name": (
        Organisation,
        lambda: factories.OrganisationFactory(name="Stadtwerke Kleve"),
        "werke",
    ),
    "contact by organisation": (
        Contact,
        lambda: factories.ContactFactory(
            organisation=factories.OrganisationFactory(name="Hochschule Rhein-Waal")
        ),
        "Rhein-Waal",
    ),
    "delegation by slug": (
        Delegation,
        lambda: factories.DelegationFactory(slug="podilsk-2025"),
        "podilsk-2025",
    ),
    "member by Cyrillic name": (
        Member,
        lambda: factories.MemberFactory(last_name_original="Вигаданенко"),
        "Вигадан",
    ),
    "venue by name": (Venue, lambda: factories.VenueFactory(name="Berufskolleg Kleve"), "Berufskolleg"),
    "programme item by Ukrainian title": (
        ProgrammeItem,
        lambda: factories.ProgrammeItemFactory(title_uk="Урочистості 50 років"),
        "Урочистості",
    ),
    "appointment by company": (
        CompanyAppointment,
        lambda: factories.CompanyAppointmentFactory(
            company=factories.OrganisationFactory(name="H2 Emmerich AG")
        ),
        "Emmerich",
    ),
}


@pytest.mark.parametrize(("model", "make", "term"), SEARCHES.values(), ids=SEARCHES.keys())
def test_search_finds_the_one_that_matches(planner_client, model, make, term):
    wanted = make()
    make_rows(model, 3)
    response = planner_client.get(admin_url(model, "changelist"), {"q": term})
    assert result_pks(response) == {wanted.pk}


def test_programme_items_filter_by_delegation_day_kind_status_and_visibility(planner_client):
    visit = factories.DelegationFactory()
    other_visit = factories.DelegationFactory()
    monday_late = factories.ProgrammeItemFactory(
        delegation=visit, starts_at=factories.berlin(2025, 11, 17, 23, 0), kind=v.ItemKind.MEAL
    )
    # 00:30 in Berlin is still the 17th in UTC: the day is Berlin's.
    tuesday_early = factories.ProgrammeItemFactory(
        delegation=visit,
        starts_at=factories.berlin(2025, 11, 18, 0, 30),
        kind=v.ItemKind.CEREMONY,
        status=v.ItemStatus.CANCELLED,
    )
    elsewhere = factories.ProgrammeItemFactory(
        delegation=other_visit, starts_at=factories.berlin(2025, 11, 17, 10), visibility=v.Visibility.PUBLIC
    )
    url = admin_url(ProgrammeItem, "changelist")

    assert result_pks(planner_client.get(url, {"delegation__id__exact": visit.pk})) == {
        monday_late.pk,
        tuesday_early.pk,
    }
    assert result_pks(planner_client.get(url, {"day": "2025-11-17"})) == {monday_late.pk, elsewhere.pk}
    assert result_pks(planner_client.get(url, {"day": "2025-11-18"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"kind__exact": "ceremony"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"status__exact": "cancelled"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"visibility__exact": "public"})) == {elsewhere.pk}

    # The day filter offers the days of the chosen delegation only, in German.
    response = planner_client.get(url, {"delegation__id__exact": other_visit.pk})
    day_filter = next(spec for spec in response.context["cl"].filter_specs if spec.title == "Tag")
    assert [choice["display"] for choice in day_filter.choices(response.context["cl"])] == [
        "Alle",
        "Mo, 17. Nov. 2025",
    ]


def test_an_unknown_day_in_the_filter_is_refused_not_an_error(planner_client):
    factories.ProgrammeItemFactory()  # a filter without choices is not shown, nor applied
    response = planner_client.get(admin_url(ProgrammeItem, "changelist"), {"day": "17.11."})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_company_appointments_filter_by_status(planner_client):
    declined = factories.CompanyAppointmentFactory(status=v.AppointmentStatus.DECLINED)
    factories.CompanyAppointmentFactory(status=v.AppointmentStatus.REQUESTED)
    response = planner_client.get(admin_url(CompanyAppointment, "changelist"), {"status__exact": "declined"})
    assert result_pks(response) == {declined.pk}
    assert "kleve-status-declined" in response.content.decode()


@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_every_filter_choice_of_every_changelist_answers(planner_client, model):
    make_rows(model, 3)
    url = admin_url(model, "changelist")
    if model in CHANGELIST_OPENS_THE_FORM:
        # No list, so no filters to try: the admin declares none, and the list still opens the form.
        assert not admin.site._registry[model].list_filter
        assert planner_client.get(url).status_code == 302
        return
    changelist = planner_client.get(url).context["cl"]
    tried = 0
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            response = planner_client.get(url + choice["query_string"])
            assert response.status_code == 200, (spec.title, choice["display"], response.get("Location"))
            tried += 1
    assert tried >= len(changelist.filter_specs)


# -- The rules, said in German when a form breaks them -----------------------------------------------------


def _dates(prefix: str, day: str, time: str) -> dict[str, str]:
    return {f"{prefix}_0": day, f"{prefix}_1": time}


def _item_form(item_delegation=None) -> dict:
    delegation = item_delegation or factories.DelegationFactory()
    return {"delegation": str(delegation.pk), "kind": "meeting", "title_de": "Gespräch im Kreishaus"}


def _appointment_form(**fields) -> dict:
    base = {
        "delegation": str(fields.pop("delegation", factories.DelegationFactory()).pk),
        "company": str(fields.pop("company", factories.OrganisationFactory()).pk),
        "topic": str(fields.pop("topic", factories.TopicFactory()).pk),
        "status": "requested",
    }
    return base | {name: str(value.pk) if hasattr(value, "pk") else value for name, value in fields.items()}


def _rule_cases():
    def item_ends_before_start():
        return ProgrammeItem, _item_form() | _dates("starts_at", "2025-11-17", "10:00") | _dates(
            "ends_at", "2025-11-17", "09:30"
        )

    def delegation_departs_before_arrival():
        return Delegation, {
            "title_de": "Gegenbesuch",
            "slug": "gegenbesuch",
            "partnership": str(factories.PartnershipFactory().pk),
            "arrival_date": "2025-11-22",
            "departure_date": "2025-11-16",
        }

    def delegation_slug_taken():
        factories.DelegationFactory(slug="podilsk-2025")
        return Delegation, {
            "title_de": "Zweiter Besuch",
            "slug": "podilsk-2025",
            "partnership": str(factories.PartnershipFactory().pk),
            "arrival_date": "2026-05-04",
            "departure_date": "2026-05-08",
        }

    def member_departs_before_arrival():
        return Member, {
            "delegation": str(factories.DelegationFactory().pk),
            "first_name": "Iryna",
            "last_name": "Vyhadana",
        } | _dates("arrival_at", "2025-11-16", "14:00") | _dates("departure_at", "2025-11-16", "09:00")

    def second_head():
        head = factories.MemberFactory(is_head=True)
        return Member, {
            "delegation": str(head.delegation.pk),
            "first_name": "Petro",
            "last_name": "Vyhadanyi",
            "is_head": "on",
        }

    def appointment_item_of_another_delegation():
        return CompanyAppointment, _appointment_form(
            status="confirmed", programme_item=factories.ProgrammeItemFactory()
        )

    def declined_appointment_with_item():
        delegation = factories.DelegationFactory()
        return CompanyAppointment, _appointment_form(
            delegation=delegation,
            status="declined",
            programme_item=factories.ProgrammeItemFactory(delegation=delegation),
        )

    def appointment_twice():
        existing = factories.CompanyAppointmentFactory()
        return CompanyAppointment, _appointment_form(
            delegation=existing.delegation, company=existing.company, topic=existing.topic
        )

    def venue_with_latitude_only():
        return Venue, {"name_de": "Schwanenburg", "kind": "other", "country": "DE", "latitude": "51.79"}

    def organisation_country_lower_case():
        return Organisation, {"name": "Rajonrada Podilsk", "kind": "authority", "country": "ua"}

    def venue_country_name():
        return Venue, {"name_de": "Rathaus", "kind": "meeting", "country": "de"}

    def partnership_country_lower_case():
        return Partnership, {
            "name_de": "Partnerschaft",
            "partner_region": "Rajon Podilsk",
            "partner_country": "ua",
            "kind": "solidarity",
        }

    def partnership_signed_before_resolution():
        return Partnership, {
            "name_de": "Partnerschaft",
            "partner_region": "Rajon Podilsk",
            "partner_country": "UA",
            "kind": "solidarity",
            "council_resolution_on": "2024-11-28",
            "signed_on": "2024-11-01",
        }

    return {
        "item ends after it starts": (
            item_ends_before_start,
            "Ein Programmpunkt muss nach seinem Beginn enden.",
        ),
        "delegation departs after arrival": (
            delegation_departs_before_arrival,
            "Die Abreise darf nicht vor der Anreise liegen.",
        ),
        "delegation slug unique": (
            delegation_slug_taken,
            "Delegation mit diesem Wert für das Feld Kurzname (URL) existiert bereits.",
        ),
        "member departs after arrival": (
            member_departs_before_arrival,
            "Die Abfahrt darf nicht vor der Ankunft liegen.",
        ),
        "one head per delegation": (second_head, "Eine Delegation hat höchstens eine Leitung."),
        "appointment item of the same delegation": (
            appointment_item_of_another_delegation,
            "Der Programmpunkt gehört zu einer anderen Delegation.",
        ),
        "declined appointment has no item": (
            declined_appointment_with_item,
            "Ein abgesagter Termin kann keinen Programmpunkt haben.",
        ),
        "one appointment per company and topic": (
            appointment_twice,
            "Diesen Termin gibt es für die Delegation schon.",
        ),
        "coordinates both or neither": (
            venue_with_latitude_only,
            "Breiten- und Längengrad bitte beide angeben oder beide leer lassen.",
        ),
        "organisation country code": (
            organisation_country_lower_case,
            "Das Land bitte als zweistelligen ISO-Code in Großbuchstaben angeben.",
        ),
        "venue country code": (
            venue_country_name,
            "Das Land bitte als zweistelligen ISO-Code in Großbuchstaben angeben.",
        ),
        "partner country code": (
            partnership_country_lower_case,
            "Das Land bitte als zweistelligen ISO-Code in Großbuchstaben angeben.",
        ),
        "signed after the resolution": (
            partnership_signed_before_resolution,
            "Die Unterzeichnung kann nicht vor dem Kreistagsbeschluss liegen.",
        ),
    }


RULE_CASES = _rule_cases()


@pytest.mark.parametrize(("build", "message"), RULE_CASES.values(), ids=RULE_CASES.keys())
def test_an_admin_form_that_breaks_a_rule_says_so_in_german_and_saves_nothing(planner_client, build, message):
    model, fields = build()
    before = model.objects.count()
    response = submit_admin_form(planner_client, admin_url(model, "add"), **fields)
    assert response.status_code == 200  # the form again, not the redirect after saving
    form = response.context["adminform"].form
    assert [str(error) for errors in form.errors.values() for error in errors] == [message]
    assert message in page_text(response)
    assert "Bitte den unten aufgeführten Fehler korrigieren." in page_text(response)
    assert model.objects.count() == before


def test_the_rule_cases_pass_once_the_rule_is_kept(planner_client):
    # The same forms save when the data is right, so the cases above fail for the rule and nothing else.
    model, fields = RULE_CASES["item ends after it starts"][0]()
    fields |= _dates("ends_at", "2025-11-17", "11:00")
    response = submit_admin_form(planner_client, admin_url(model, "add"), **fields)
    assert response.status_code == 302
    assert ProgrammeItem.objects.get().title == "Gespräch im Kreishaus"

    model, fields = RULE_CASES["one head per delegation"][0]()
    response = submit_admin_form(planner_client, admin_url(model, "add"), **(fields | {"is_head": None}))
    assert response.status_code == 302
    assert Member.objects.filter(is_head=True).count() == 1


def test_two_heads_entered_at_once_in_the_delegation_form_are_refused(planner_client):
    delegation = factories.DelegationFactory()
    first, second = factories.MemberFactory.create_batch(2, delegation=delegation)
    url = admin_url(Delegation, "change", delegation.pk)
    page = planner_client.get(url)
    data = admin_form_data(page)
    rows = {data[f"members-{index}-id"]: index for index in range(2)}
    data[f"members-{rows[str(first.pk)]}-is_head"] = "on"
    data[f"members-{rows[str(second.pk)]}-is_head"] = "on"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert "Eine Delegation hat höchstens eine Leitung." in page_text(response)
    assert Member.objects.filter(is_head=True).count() == 0


def test_participants_come_from_the_items_delegation(planner_client):
    item = factories.ProgrammeItemFactory()
    stranger = factories.MemberFactory(first_name="Taras", last_name="Fremd")
    response = submit_admin_form(
        planner_client, admin_url(ProgrammeItem, "change", item.pk), participants=[str(stranger.pk)]
    )
    assert response.status_code == 200
    assert "Nicht in der Delegation dieses Programmpunkts: Taras Fremd." in page_text(response)
    assert list(item.participants.all()) == []


def test_two_planners_saving_the_same_item_get_a_conflict_not_a_lost_update(planner_client):
    item = factories.ProgrammeItemFactory(title="Stadtführung")
    url = admin_url(ProgrammeItem, "change", item.pk)
    first_look = admin_form_data(planner_client.get(url), title_de="Stadtführung Kleve")
    second_look = admin_form_data(planner_client.get(url), title_de="Stadtführung Emmerich")

    assert planner_client.post(url, first_look).status_code == 302
    response = planner_client.post(url, second_look)

    assert response.status_code == 200
    assert "wurde inzwischen von jemand anderem geändert" in page_text(response)
    item.refresh_from_db()
    assert item.title_de == "Stadtführung Kleve"


# -- History, actions --------------------------------------------------------------------------------------


def test_the_history_of_an_item_shows_who_changed_what(planner_client):
    item = factories.ProgrammeItemFactory(title="Besuch bei den Stadtwerken")
    url = admin_url(ProgrammeItem, "change", item.pk)
    response = submit_admin_form(planner_client, url, title_de="Besuch bei der Stadtwerke Kleve GmbH")
    assert response.status_code == 302

    history = planner_client.get(admin_url(ProgrammeItem, "history", item.pk))

    assert history.status_code == 200
    rows = history.context["page_obj"].object_list
    assert [(record.history_type, record.history_user) for record in rows] == [
        ("~", planner_client.user),
        ("+", None),
    ]
    assert [(str(c["field"]), c["old"], c["new"]) for c in rows[0].history_delta_changes] == [
        ("Titel [de]", "Besuch bei den Stadtwerken", "Besuch bei der Stadtwerke Kleve GmbH")
    ]
    text = " ".join(page_text(history).split())
    assert (
        "<strong>Titel [de]:</strong> Besuch bei den Stadtwerken → Besuch bei der Stadtwerke Kleve GmbH"
        in text
    )
    assert "<td>Geändert</td> <td>planner</td>" in text


def test_cancelling_items_by_action_marks_them_and_says_how_many(planner_client):
    items = factories.ProgrammeItemFactory.create_batch(2)
    response = planner_client.post(
        admin_url(ProgrammeItem, "changelist"),
        {"action": "cancel_items", "_selected_action": [str(item.pk) for item in items]},
        follow=True,
    )
    assert list(ProgrammeItem.objects.values_list("status", flat=True)) == ["cancelled", "cancelled"]
    assert [str(message) for message in response.context["messages"]] == [
        "2 Programmpunkte sind jetzt „abgesagt“."
    ]
    assert [item.sequence for item in ProgrammeItem.objects.all()] == [1, 1]


def test_declining_appointments_by_action_leaves_those_on_the_programme(planner_client):
    open_request = factories.CompanyAppointmentFactory()
    delegation = factories.DelegationFactory()
    on_programme = factories.CompanyAppointmentFactory(
        delegation=delegation, programme_item=factories.ProgrammeItemFactory(delegation=delegation)
    )
    response = planner_client.post(
        admin_url(CompanyAppointment, "changelist"),
        {"action": "mark_declined", "_selected_action": [str(open_request.pk), str(on_programme.pk)]},
        follow=True,
    )
    open_request.refresh_from_db()
    on_programme.refresh_from_db()
    assert (open_request.status, on_programme.status) == ("declined", "requested")
    assert [str(message) for message in response.context["messages"]] == [
        "1 Termin als abgesagt markiert.",
        "1 Termin steht schon im Programm: erst den Programmpunkt lösen oder absagen.",
    ]


def test_the_delegation_links_to_its_programme(planner_client):
    delegation = factories.DelegationFactory()
    factories.ProgrammeItemFactory.create_batch(3, delegation=delegation)
    programme_url = reverse("admin:delegations_delegation_programme", args=[delegation.pk])

    change = planner_client.get(admin_url(Delegation, "change", delegation.pk))
    changelist = planner_client.get(admin_url(Delegation, "changelist"))

    assert programme_url in change.content.decode()
    assert "3 Programmpunkte" in page_text(change)
    assert programme_url in changelist.content.decode()


# -- No changelist runs a query per row --------------------------------------------------------------------

# Queries of one changelist request by a planner: session, user, permissions, counts, rows, filter choices,
# the savepoint and its release around the request (ATOMIC_REQUESTS: the test's transaction makes the
# request's a savepoint, so both are counted), and whether a letterhead exists (the sidebar asks every admin
# whether it may add, and a second letterhead may not be added).
CHANGELIST_QUERIES = {
    "delegations.Topic": 13,
    "delegations.Partnership": 14,
    "delegations.Organisation": 14,
    "delegations.Contact": 13,
    "delegations.Delegation": 16,
    "delegations.Member": 14,
    "visits.Venue": 14,
    "visits.ProgrammeItem": 17,
    "visits.CompanyAppointment": 17,
    "visits.GuestAccess": 16,
    "visits.ProgrammeRelease": 14,
    "visits.ReleaseNotification": 16,
    "press.EventPage": 14,
    "press.Photo": 13,
    "pages.LegalPage": 14,
    "pages.AccessibilityFeedback": 13,
    "protocol.PrecedenceEntry": 14,
    "protocol.SeatingPlan": 14,
    "protocol.Speech": 14,
    "protocol.Gift": 17,
    "funding.FundingProgramme": 13,
    "funding.DelegationFunding": 14,
    "funding.Cost": 15,
    "followup.Outcome": 14,
    "followup.Action": 17,
    "letters.Letterhead": 9,  # the permission check (user and group permissions), the redirect to the form
    "letters.InvitationLetter": 14,
    "privacy.Erasure": 16,
    "accounts.TwoFactorRequirement": 13,
}


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_a_changelist_runs_the_same_queries_for_10_and_200_rows(
    planner_client, django_assert_num_queries, model, size
):
    assert model._meta.label in CHANGELIST_QUERIES, "add the changelist's query count to CHANGELIST_QUERIES"
    expected_rows = make_rows(model, size)
    url = admin_url(model, "changelist")
    planner_client.get(url)  # caches that fill once per process (content types, translations) are warm now
    with django_assert_num_queries(CHANGELIST_QUERIES[model._meta.label]):
        response = planner_client.get(url)
    if model in CHANGELIST_OPENS_THE_FORM:
        assert response.status_code == 302
    else:
        assert response.context["cl"].result_count == expected_rows
