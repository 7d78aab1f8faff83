"""Two planners edit the same object in the admin: the second save is refused and shows what changed."""

import html
import re
import threading
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import concurrency
from delegations import roles
from tests import factories
from tests.admin_samples import admin_form_data
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db

MEMBER_EDITING = ["view_member", "change_member", "view_delegation", "view_organisation"]


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def errors_text(response) -> str:
    """The form's general errors as one line of text, as a reader of the page sees them."""
    errors = re.findall(r'<ul class="errorlist nonfield"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", " ".join(errors))).split())


@pytest.fixture
def second_planner() -> Client:
    user = factories.UserFactory(username="bplanerin", first_name="Berta", last_name="Planer")
    user.groups.add(Group.objects.get(name=roles.PLANNERS))
    client = Client()
    client.force_login(user)
    return client


# Model, the German field label in the form, the field, the value A starts from, A's value and B's value.
CASES = {
    "item": (factories.ProgrammeItemFactory, "Titel [de]", "title_de", "Stadtführung", "Kleve", "Emmerich"),
    "member": (
        factories.MemberFactory,
        "Funktion [de]",
        "function_de",
        "Referentin",
        "Bürgermeisterin",
        "Landrätin",
    ),
    "page": (factories.EventPageFactory, "Titel [de]", "title_de", "Festakt", "Festakt I", "Festakt II"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_second_save_is_refused_with_the_diff_and_the_first_stays(planner_client, second_planner, case):
    factory, label, field, start, mine, theirs = CASES[case]
    obj = factory(**{field: start})
    url = change_url(obj)
    a_form = admin_form_data(planner_client.get(url), **{field: mine})
    b_form = admin_form_data(second_planner.get(url), **{field: theirs})
    assert a_form["seen_version"] == b_form["seen_version"] == "0"

    assert planner_client.post(url, a_form).status_code == 302
    response = second_planner.post(url, b_form)

    assert response.status_code == 200
    text = errors_text(response)
    assert "wurde inzwischen von jemand anderem geändert (planner, " in text
    assert "Nichts wurde gespeichert." in text
    assert f"{label}: „{start}“ → „{mine}“" in text
    fresh = type(obj).objects.get(pk=obj.pk)
    assert (getattr(fresh, field), fresh.version) == (mine, 1)
    assert fresh.history.count() == 2  # created and A's save; B's refused save wrote no history


def test_saving_again_after_reading_the_diff_takes_the_second_editors_values(planner_client, second_planner):
    item = factories.ProgrammeItemFactory(title="Stadtführung")
    url = change_url(item)
    a_form = admin_form_data(planner_client.get(url), title_de="Kleve")
    b_form = admin_form_data(second_planner.get(url), title_de="Emmerich")
    planner_client.post(url, a_form)
    refused = second_planner.post(url, b_form)

    again = admin_form_data(refused)
    assert (again["title_de"], again["seen_version"]) == ("Emmerich", "1")
    assert second_planner.post(url, again).status_code == 302
    item.refresh_from_db()
    assert (item.title_de, item.version, item.sequence) == ("Emmerich", 2, 2)


def test_the_diff_names_changed_participants_and_choices(planner_client, second_planner):
    item = factories.ProgrammeItemFactory(status="planned")
    guest = factories.MemberFactory(delegation=item.delegation, first_name="Oksana", last_name="Ivanenko")
    url = change_url(item)
    a_form = admin_form_data(planner_client.get(url), participants=[str(guest.pk)], status="confirmed")
    b_form = admin_form_data(second_planner.get(url), title_de="Anders")
    planner_client.post(url, a_form)

    text = errors_text(second_planner.post(url, b_form))

    assert "Teilnehmende: „(leer)“ → „Oksana Ivanenko“" in text
    assert "Status: „geplant“ → „bestätigt“" in text
    assert list(item.participants.all()) == [guest]


def test_an_editor_without_special_category_rights_sees_no_dietary_needs_in_the_diff(planner_client):
    member = factories.MemberFactory(dietary_needs="")
    url = change_url(member)
    editor = factories.UserFactory(username="assistenz")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="delegations", codename__in=MEMBER_EDITING)
    )
    assistant = Client()
    assistant.force_login(editor)
    b_form = admin_form_data(assistant.get(url), function_de="Landrätin")
    assert "dietary_needs" not in b_form
    planner_client.post(url, admin_form_data(planner_client.get(url), dietary_needs="vegetarisch"))

    text = errors_text(assistant.post(url, b_form))

    assert "wurde inzwischen von jemand anderem geändert" in text
    assert "vegetarisch" not in text
    assert "Ernährung" not in text


def _save_elsewhere(pk: int, title: str) -> None:
    """Another planner's save, on its own database connection, committed at once."""

    def save():
        try:
            other = ProgrammeItem.objects.get(pk=pk)
            other.title_de = title
            other.save()
        finally:
            connection.close()

    thread = threading.Thread(target=save)
    thread.start()
    thread.join(timeout=30)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets no second connection commit while the request's transaction reads",
)
@pytest.mark.django_db(transaction=True)
def test_a_save_that_loses_the_race_after_the_check_rolls_back_its_many_to_many():
    """Another save lands between the form's check and the UPDATE: nothing of this one stays."""
    planner = factories.UserFactory(username="planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    client = Client()
    client.force_login(planner)
    item = factories.ProgrammeItemFactory(title="Stadtführung")
    guest = factories.MemberFactory(delegation=item.delegation)
    url = change_url(item)
    form = admin_form_data(client.get(url), title_de="Mein Titel", participants=[str(guest.pk)])
    real_clean = concurrency.VersionedModelForm.clean
    passes = []

    def clean_then_someone_else_saves(self):
        cleaned = real_clean(self)
        passes.append([error.code for error in self.errors.as_data().get("__all__", [])])
        if len(passes) == 1:
            _save_elsewhere(item.pk, "Fremder Titel")
        return cleaned

    with mock.patch.object(concurrency.VersionedModelForm, "clean", clean_then_someone_else_saves):
        response = client.post(url, form)

    assert response.status_code == 200
    # The first pass's check passed and its UPDATE was refused; the second pass shows the conflict.
    assert [set(codes) for codes in passes] == [set(), {"conflict"}]
    assert "Titel [de]: „Stadtführung“ → „Fremder Titel“" in errors_text(response)
    item.refresh_from_db()
    assert (item.title_de, item.version, list(item.participants.all())) == ("Fremder Titel", 1, [])


def test_read_only_pages_carry_no_version(reader_client):
    page = factories.EventPageFactory()
    response = reader_client.get(change_url(page))
    assert response.status_code == 200
    assert "seen_version" not in response.content.decode()


def test_a_member_row_edited_in_the_delegation_is_refused_if_the_member_changed_meanwhile(
    planner_client, second_planner
):
    member = factories.MemberFactory(first_name="Olena")
    untouched = factories.MemberFactory(delegation=member.delegation, first_name="Iryna")
    url = change_url(member.delegation)
    rows = admin_form_data(planner_client.get(url))
    index = {rows[f"members-{i}-id"]: i for i in range(2)}
    rows[f"members-{index[str(member.pk)]}-first_name"] = "Olha"
    # Meanwhile someone saves both members on their own pages; only the edited row is refused.
    for obj, name in ((member, "Oleksandra"), (untouched, "Iryna")):
        page = change_url(obj)
        assert (
            second_planner.post(page, admin_form_data(second_planner.get(page), first_name=name)).status_code
            == 302
        )

    response = planner_client.post(url, rows)

    assert response.status_code == 200
    assert "Vorname (lateinisch): „Olena“ → „Oleksandra“" in errors_text(response)
    member.refresh_from_db()
    assert (member.first_name, member.version) == ("Oleksandra", 1)


def test_a_reader_sees_the_member_rows_without_a_version(reader_client):
    member = factories.MemberFactory()
    response = reader_client.get(change_url(member.delegation))
    assert response.status_code == 200
    assert member.first_name in response.content.decode()  # the rows are there, read-only
    assert "seen_version" not in response.content.decode()
