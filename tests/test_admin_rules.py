"""The staff admin's forms: a form that breaks a rule says so in German and saves nothing, the same form saves
once the rule is kept, and two planners saving the same item get a conflict, not a lost update."""

import pytest

from delegations.models import Delegation, Member, Organisation, Partnership
from tests import factories
from tests.admin_pages import admin_url, page_text
from tests.admin_samples import admin_form_data, submit_admin_form
from visits.models import CompanyAppointment, ProgrammeItem, Venue

pytestmark = pytest.mark.django_db


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
