"""What each staff group may see and do in the admin, cell by cell, and what stays hidden from whom."""

import html
import re

import pytest
from django.apps import apps
from django.urls import reverse

from delegations import roles
from tests import factories
from tests.admin_samples import admin_form_data, project_admins, sample
from visits import enums as v
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db

# What each group may do per model in the admin: v(iew), a(dd), c(hange), d(elete). This is the table of
# delegations/roles.py and the apps' roles.py files written out, so a change there shows up here as a
# decision, not a side effect. Planners do everything; the press office sees only the public side, so nothing
# of the apps around the visit (they name guests and hosts); read-only views, and sees the erasure log but
# not who must log in with two factors.
EXPECTED = {
    roles.PLANNERS: {
        "delegations.topic": "vacd",
        "delegations.partnership": "vacd",
        "delegations.organisation": "vacd",
        "delegations.contact": "vacd",
        "delegations.delegation": "vacd",
        "delegations.member": "vacd",
        "visits.venue": "vacd",
        "visits.vehicle": "vacd",
        "visits.programmeitem": "vacd",
        "visits.companyappointment": "vacd",
        "press.eventpage": "vacd",
        "press.photo": "vacd",
        "visits.guestaccess": "vacd",
        "visits.staffaccess": "vacd",
        "visits.delayrecord": "vacd",
        "visits.programmerelease": "vacd",
        "visits.releasenotification": "vacd",
        "visits.attachment": "vacd",
        "pages.legalpage": "vacd",
        "pages.accessibilityfeedback": "vacd",
        "protocol.precedenceentry": "vacd",
        "protocol.seatingplan": "vacd",
        "protocol.speech": "vacd",
        "protocol.gift": "vacd",
        "funding.fundingprogramme": "vacd",
        "funding.delegationfunding": "vacd",
        "funding.cost": "vacd",
        "funding.dailyrate": "vacd",
        "followup.outcome": "vacd",
        "followup.action": "vacd",
        "letters.letterhead": "vacd",
        "letters.invitationletter": "vacd",
        "privacy.erasure": "v",  # a log: evidence that an erasure was done, never edited
        "accounts.twofactorrequirement": "vacd",
    },
    roles.PRESS_OFFICE: {
        "delegations.topic": "v",
        "delegations.partnership": "v",
        "delegations.organisation": "v",
        "delegations.contact": "v",
        "delegations.delegation": "v",
        "delegations.member": "",
        "visits.venue": "v",
        "visits.vehicle": "v",
        "visits.programmeitem": "v",
        "visits.companyappointment": "",
        "press.eventpage": "vacd",
        "press.photo": "vacd",
        "visits.guestaccess": "",
        "visits.staffaccess": "",
        "visits.delayrecord": "",
        "visits.programmerelease": "",
        "visits.releasenotification": "",
        "visits.attachment": "",  # visa papers and contracts name guests
        "pages.legalpage": "vc",
        "pages.accessibilityfeedback": "v",
        "protocol.precedenceentry": "",
        "protocol.seatingplan": "",
        "protocol.speech": "",
        "protocol.gift": "",
        "funding.fundingprogramme": "",
        "funding.delegationfunding": "",
        "funding.cost": "",
        "funding.dailyrate": "",
        "followup.outcome": "",
        "followup.action": "",
        "letters.letterhead": "",
        "letters.invitationletter": "",
        "privacy.erasure": "",
        "accounts.twofactorrequirement": "",
    },
    roles.READ_ONLY: {
        "delegations.topic": "v",
        "delegations.partnership": "v",
        "delegations.organisation": "v",
        "delegations.contact": "v",
        "delegations.delegation": "v",
        "delegations.member": "v",
        "visits.venue": "v",
        "visits.vehicle": "v",
        "visits.programmeitem": "v",
        "visits.companyappointment": "v",
        "press.eventpage": "v",
        "press.photo": "v",
        "visits.guestaccess": "",
        "visits.staffaccess": "",
        "visits.delayrecord": "v",
        "visits.programmerelease": "v",
        "visits.releasenotification": "v",
        "visits.attachment": "v",  # which documents exist, but not the files (see below)
        "pages.legalpage": "v",
        "pages.accessibilityfeedback": "",
        "protocol.precedenceentry": "v",
        "protocol.seatingplan": "v",
        "protocol.speech": "v",
        "protocol.gift": "v",
        "funding.fundingprogramme": "v",
        "funding.delegationfunding": "v",
        "funding.cost": "v",  # the costs, but not their receipts (see below)
        "funding.dailyrate": "v",
        "followup.outcome": "v",
        "followup.action": "v",
        "letters.letterhead": "v",
        "letters.invitationletter": "v",
        "privacy.erasure": "v",
        "accounts.twofactorrequirement": "",
    },
}

# Models edited only as inlines of another model's admin: each group may do with them what it may do with
# the model that holds them.
INLINES = {
    "protocol.table": "protocol.seatingplan",
    "protocol.seat": "protocol.seatingplan",
    "funding.budgetline": "funding.delegationfunding",
}

# Where an admin refuses more than the permissions do, and why.
NEVER_ADDED_IN_THE_ADMIN = {
    "pages.legalpage",  # one page per kind, made by a migration
    "pages.accessibilityfeedback",  # comes from the public form only
    "visits.programmerelease",  # made on the release page from the working programme, never edited
    "visits.releasenotification",  # made by a release, written only by the worker
    "visits.staffaccess",  # made on the delegation's page, where the links are shown once
    "visits.delayrecord",  # written by a delay (manage.py delay), the record its undo reads
    "letters.letterhead",  # one letterhead, and the sample is it
    "letters.invitationletter",  # issued on the delegation's letters page, which numbers them in order
}
NEVER_DELETED_IN_THE_ADMIN = {
    "letters.letterhead",  # every letter prints with it
    "visits.releasenotification",  # the delivery record goes with its release only
    "visits.delayrecord",  # the undo of a delay reads it
}
# Admins whose list opens the one object's form instead (those who may view it get the redirect).
CHANGELIST_OPENS_THE_FORM = {"letters.letterhead"}

GROUP_CLIENTS = {
    roles.PLANNERS: "planner_client",
    roles.PRESS_OFFICE: "press_client",
    roles.READ_ONLY: "reader_client",
}


ACTIONS = (("v", "view"), ("a", "add"), ("c", "change"), ("d", "delete"))


def _granted(group: str, label: str) -> str:
    app, model = label.split(".")
    return "".join(
        letter for letter, action in ACTIONS if (app, f"{action}_{model}") in roles.ROLE_PERMISSIONS[group]
    )


def test_the_table_is_what_the_roles_grant():
    granted = {group: {label: _granted(group, label) for label in table} for group, table in EXPECTED.items()}
    assert granted == EXPECTED


def test_inlines_are_granted_what_the_model_holding_them_is():
    for group, table in EXPECTED.items():
        for inline, holder in INLINES.items():
            assert _granted(group, inline) == table[holder], (group, inline)


def test_the_roles_grant_nothing_on_models_outside_the_table():
    # A model's view/add/change/delete granted to a group is in the table (or is an inline's), so no group
    # gets a right that nobody decided here.
    models = set()
    for perms in roles.ROLE_PERMISSIONS.values():
        for app, codename in perms:
            action, _, model_name = codename.partition("_")
            if action not in dict(ACTIONS).values():
                continue
            try:
                models.add(apps.get_model(app, model_name)._meta.label_lower)
            except LookupError:
                continue  # a permission of its own, like view_contact_details, not a model's
    assert models <= set(EXPECTED[roles.PLANNERS]) | set(INLINES)


def test_the_table_covers_every_model_in_the_admin():
    in_admin = {model._meta.label_lower for model in project_admins()}
    for table in EXPECTED.values():
        assert set(table) == in_admin


# Cells where the application does not yet do what the table says (strict: fixing the bug fails the mark,
# so it is removed then).
# (group, model) → why the admin answers otherwise than the table says; a strict xfail until it is fixed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _cells(lacking: str = ""):
    for group, table in EXPECTED.items():
        for label, allowed in table.items():
            if not (lacking and lacking in allowed):
                bug = KNOWN_BUGS.get((group, label)) if not lacking else None
                marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
                yield pytest.param(group, label, id=f"{group}-{label}", marks=marks)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("group", "label"), _cells())
def test_each_group_may_view_add_change_and_delete_exactly_what_the_table_says(request, group, label):
    client = request.getfixturevalue(GROUP_CLIENTS[group])
    model = apps.get_model(label)
    allowed = EXPECTED[group][label]
    obj = sample(model)
    may_view = "v" in allowed or "c" in allowed
    may_add = "a" in allowed and label not in NEVER_ADDED_IN_THE_ADMIN

    may_delete = "d" in allowed and label not in NEVER_DELETED_IN_THE_ADMIN
    listed = 302 if label in CHANGELIST_OPENS_THE_FORM else 200

    statuses = {
        "changelist": client.get(_url(model, "changelist")).status_code,
        "add": client.get(_url(model, "add")).status_code,
        "change form": client.get(_url(model, "change", obj.pk)).status_code,
        "delete": client.get(_url(model, "delete", obj.pk)).status_code,
    }

    assert statuses == {
        "changelist": listed if may_view else 403,
        "add": 200 if may_add else 403,
        "change form": 200 if may_view else 403,
        "delete": 200 if may_delete else 403,
    }


@pytest.mark.parametrize(("group", "label"), _cells(lacking="c"))
def test_saving_a_change_is_refused_without_the_change_permission(request, planner_client, group, label):
    client = request.getfixturevalue(GROUP_CLIENTS[group])
    model = apps.get_model(label)
    obj = sample(model)
    url = _url(model, "change", obj.pk)
    data = admin_form_data(planner_client.get(url))  # what a planner could send: a complete form

    response = client.post(url, data)

    assert response.status_code == 403


def test_the_admin_index_lists_only_what_the_group_may_see(press_client, reader_client):
    press_index = press_client.get(reverse("admin:index"))
    reader_index = reader_client.get(reverse("admin:index"))
    press_models = {m["object_name"] for app in press_index.context["app_list"] for m in app["models"]}
    reader_models = {m["object_name"] for app in reader_index.context["app_list"] for m in app["models"]}

    assert "Member" not in press_models
    assert "GuestAccess" not in press_models
    assert "CompanyAppointment" not in press_models
    assert {"Member", "CompanyAppointment"} <= reader_models
    assert "GuestAccess" not in reader_models
    # Nothing of the apps around the visit for the press office; two-factor duties are the planners' business.
    around_the_visit = {"protocol", "funding", "followup", "letters", "privacy", "accounts"}
    assert not {app["app_label"] for app in press_index.context["app_list"]} & around_the_visit
    assert "TwoFactorRequirement" not in reader_models
    assert {"SeatingPlan", "Cost", "Action", "InvitationLetter", "Erasure"} <= reader_models


# -- The press office: no personal data ---------------------------------------------------------------


def test_the_press_office_sees_no_phone_or_email_of_contacts(press_client, planner_client):
    contact = factories.ContactFactory(phone="+49 2821 594-123", email="hüsgen@kreis-kleve.example")
    changelist_url = _url(contact, "changelist")
    change_url = _url(contact, "change", contact.pk)

    for response in (press_client.get(changelist_url), press_client.get(change_url)):
        page = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert contact.last_name in page
        # In whatever form it is written (+49 2821 594123, 02821/594-123): not the digits of the number.
        assert "2821594123" not in re.sub(r"[\s/()-]", "", page)
        assert "hüsgen@" not in page
    # Nor can the press office find a contact by them.
    found = press_client.get(changelist_url, {"q": "hüsgen@kreis-kleve.example"}).context["cl"].result_count
    assert found == 0
    # A planner sees both.
    page = html.unescape(planner_client.get(change_url).content.decode())
    assert "hüsgen@kreis-kleve.example" in page
    assert "+4928215941" in page.replace(" ", "")


def test_the_press_office_sees_no_hotel(press_client):
    hotel = factories.HotelFactory(name="Hotel Cordial")
    town_hall = factories.VenueFactory(name="Rathaus Kleve")
    changelist = press_client.get(_url(hotel, "changelist"))
    assert {venue.pk for venue in changelist.context["cl"].result_list} == {town_hall.pk}
    assert "Hotel Cordial" not in changelist.content.decode()
    # Not by address either, and the kind filter does not offer hotels.
    assert press_client.get(_url(hotel, "change", hotel.pk)).status_code == 302
    assert "?kind=hotel" not in changelist.content.decode()


def test_venue_autocomplete_offers_no_hotel_to_the_press_office(press_client, planner_client):
    factories.HotelFactory(name="Hotel am Rathaus")
    factories.VenueFactory(name="Rathaus Kleve")
    query = {"app_label": "visits", "model_name": "programmeitem", "field_name": "venue", "term": "Rathaus"}

    press = press_client.get(reverse("admin:autocomplete"), query).json()["results"]
    planner = planner_client.get(reverse("admin:autocomplete"), query).json()["results"]

    assert [result["text"] for result in press] == ["Rathaus Kleve (Kleve)"]
    assert sorted(result["text"] for result in planner) == [
        "Hotel am Rathaus (Kleve)",
        "Rathaus Kleve (Kleve)",
    ]


def test_the_press_office_sees_only_public_items_without_participants_or_notes(press_client):
    delegation = factories.DelegationFactory()
    guest = factories.MemberFactory(delegation=delegation, first_name="Oksana", last_name="Vyhadana")
    public = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Festakt 50 Jahre Kreis Kleve",
        visibility=v.Visibility.PUBLIC,
        participants=[guest],
        internal_notes="Ersatzredner steht bereit",
    )
    for_guests = factories.ProgrammeItemFactory(delegation=delegation, visibility=v.Visibility.GUESTS)
    internal = factories.ProgrammeItemFactory(delegation=delegation, visibility=v.Visibility.INTERNAL)

    changelist = press_client.get(_url(ProgrammeItem, "changelist"))
    assert [item.pk for item in changelist.context["cl"].result_list] == [public.pk]

    page = html.unescape(press_client.get(_url(ProgrammeItem, "change", public.pk)).content.decode())
    assert "Festakt 50 Jahre Kreis Kleve" in page
    assert "Vyhadana" not in page
    assert "Ersatzredner" not in page
    assert "Teilnehmende" not in page

    for hidden in (for_guests, internal):
        assert press_client.get(_url(ProgrammeItem, "change", hidden.pk)).status_code == 302
        assert press_client.get(_url(ProgrammeItem, "history", hidden.pk)).status_code == 302


def test_only_those_who_may_delete_see_the_history_of_a_deleted_item(press_client, planner_client):
    item = factories.ProgrammeItemFactory(visibility=v.Visibility.PUBLIC)
    url = _url(ProgrammeItem, "history", item.pk)
    item.delete()

    assert planner_client.get(url).status_code == 200
    assert press_client.get(url).status_code == 302


def test_the_press_office_cannot_open_an_old_version_of_an_internal_item(press_client):
    item = factories.ProgrammeItemFactory(visibility=v.Visibility.INTERNAL)
    version = item.history.get()
    url = reverse("admin:visits_programmeitem_simple_history", args=[item.pk, version.history_id])
    assert press_client.get(url).status_code == 302


def test_the_history_of_a_public_item_tells_the_press_office_no_notes(press_client):
    item = factories.ProgrammeItemFactory(visibility=v.Visibility.PUBLIC)
    item.internal_notes = "Sicherheitsbegleitung ab Hotel"
    item.title = "Empfang im Kreishaus"
    item.save()

    history = press_client.get(_url(ProgrammeItem, "history", item.pk))

    changes = history.context["page_obj"].object_list[0].history_delta_changes
    assert [str(change["field"]) for change in changes] == ["Titel [de]"]
    assert "Sicherheitsbegleitung" not in html.unescape(history.content.decode())


def test_the_press_office_sees_no_members_in_the_delegation(press_client):
    member = factories.MemberFactory(last_name="Vyhadana")
    page = html.unescape(
        press_client.get(_url(member.delegation, "change", member.delegation.pk)).content.decode()
    )
    assert member.delegation.title in page
    assert "Vyhadana" not in page


# -- Read-only: no special categories of personal data --------------------------------------------------


def test_read_only_sees_members_but_no_dietary_or_accessibility_needs(reader_client, planner_client):
    member = factories.MemberFactory(
        last_name="Vyhadana", dietary_needs="glutenfrei", accessibility_needs="Rollstuhl, stufenloser Zugang"
    )
    pages = [
        reader_client.get(_url(member, "changelist")),
        reader_client.get(_url(member, "change", member.pk)),
    ]
    for response in pages:
        page = html.unescape(response.content.decode())
        assert "Vyhadana" in page
        assert "glutenfrei" not in page
        assert "Rollstuhl" not in page
        assert "Ernährung" not in page

    planner_page = html.unescape(planner_client.get(_url(member, "change", member.pk)).content.decode())
    assert "glutenfrei" in planner_page
    assert "Rollstuhl, stufenloser Zugang" in planner_page


def test_read_only_sees_no_needs_in_the_members_history(reader_client):
    member = factories.MemberFactory()
    member.dietary_needs = "keine Nüsse"
    member.room = "214"
    member.save()

    history = reader_client.get(_url(member, "history", member.pk))

    changes = history.context["page_obj"].object_list[0].history_delta_changes
    assert [str(change["field"]) for change in changes] == ["Zimmer"]
    assert "Nüsse" not in html.unescape(history.content.decode())


def test_read_only_sees_that_a_receipt_exists_but_cannot_download_it(reader_client, planner_client):
    from tests.factories_funding import CostFactory

    cost = CostFactory(payee="Taxi Beispiel")
    receipt_url = reverse("funding:receipt", kwargs={"pk": cost.pk})

    assert reader_client.get(receipt_url).status_code == 403
    page = html.unescape(reader_client.get(_url(cost, "change", cost.pk)).content.decode())
    assert "liegt vor" in page
    assert receipt_url not in page
    assert planner_client.get(receipt_url).status_code == 200


# -- Nobody without a login ---------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(anonymous_client):
    delegation = factories.DelegationFactory()
    urls = [
        reverse("admin:index"),
        _url(delegation, "changelist"),
        _url(delegation, "change", delegation.pk),
        _url(ProgrammeItem, "changelist"),
        reverse("admin:delegations_delegation_programme", args=[delegation.pk]),
    ]
    for url in urls:
        response = anonymous_client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("admin:login")), url
