"""The translations of a visit: which are missing or older than their German source, the page that lists and
edits them, its permissions and its constant number of queries."""

import pytest
from django.urls import reverse

from core.models import TranslationSource
from delegations.models import Delegation
from tests import factories
from visits.enums import Visibility
from visits.models import ProgrammeItem
from visits.translating.worklist import State, work_list

pytestmark = pytest.mark.django_db


def _visit():
    delegation = factories.DelegationFactory(summary_de="Besuch aus Podilsk", summary_uk="", summary_en="")
    done = factories.ProgrammeItemFactory(
        delegation=delegation, title="Begrüßung", title_uk="Привітання", title_en="Welcome"
    )
    missing = factories.ProgrammeItemFactory(
        delegation=delegation, title="Stadtführung", title_uk="", title_en="", dress_code_de="festlich"
    )
    factories.ProgrammeItemFactory(
        delegation=delegation, title="Interne Vorbesprechung", title_uk="", visibility=Visibility.INTERNAL
    )
    return delegation, done, missing


def _states(delegation, language="uk"):
    return {(text.id, text.state) for text in work_list(delegation, language).texts}


def test_missing_done_and_internal_items():
    delegation, done, missing = _visit()
    states = _states(delegation)
    assert (f"visits.programmeitem.{done.pk}.title", State.DONE) in states
    assert (f"visits.programmeitem.{missing.pk}.title", State.MISSING) in states
    assert (f"visits.programmeitem.{missing.pk}.dress_code", State.MISSING) in states
    assert (f"delegations.delegation.{delegation.pk}.summary", State.MISSING) in states
    # No German description, nothing to translate; an internal item is nobody's reading.
    assert not any(text_id.endswith(f"{done.pk}.description") for text_id, _ in states)
    assert not any("Vorbesprechung" in text.subject for text in work_list(delegation, "uk").texts)


def test_german_changed_after_translation_is_outdated_with_old_and_new_german():
    delegation, done, _missing = _visit()
    done.title_de = "Feierliche Begrüßung"
    done.save()
    text = work_list(delegation, "uk").by_id()[f"visits.programmeitem.{done.pk}.title"]
    assert text.state == State.OUTDATED
    assert text.old_german == "Begrüßung"
    assert text.german == "Feierliche Begrüßung"
    # The English one too: it was made from the same old German.
    assert work_list(delegation, "en").by_id()[text.id].state == State.OUTDATED

    # A new translation saved with it makes it current again; German changed back makes it current as well.
    item = ProgrammeItem.objects.get(pk=done.pk)
    item.title_uk = "Урочисте привітання"
    item.save()
    assert work_list(delegation, "uk").by_id()[text.id].state == State.DONE
    assert work_list(delegation, "en").by_id()[text.id].state == State.OUTDATED
    item.title_de = "Begrüßung"
    item.save()
    assert work_list(delegation, "en").by_id()[text.id].state == State.DONE
    # Emptied: missing, and nothing recorded against it.
    item.title_en = ""
    item.save()
    assert work_list(delegation, "en").by_id()[text.id].state == State.MISSING
    records = TranslationSource.objects.filter(content_type__model="programmeitem", object_id=item.pk)
    assert not records.filter(field="title", language="en").exists()


def test_delegation_venue_host_member_and_release_note_are_listed():
    delegation, done, _missing = _visit()
    host = factories.ContactFactory(function="Landrat")
    done.hosts.set([host])
    hotel = factories.HotelFactory(name="Hotel am Schwanenturm")
    member = factories.MemberFactory(delegation=delegation, hotel=hotel)
    release = factories.ProgrammeReleaseFactory(delegation=delegation, note="Neue Zeiten am Dienstag")
    ids = {text.id: text.state for text in work_list(delegation, "uk").texts}
    assert ids[f"visits.venue.{done.venue_id}.name"] == State.MISSING
    assert ids[f"visits.venue.{hotel.pk}.name"] == State.MISSING
    assert ids[f"delegations.contact.{host.pk}.function"] == State.MISSING
    assert ids[f"delegations.member.{member.pk}.function"] == State.MISSING
    assert ids[f"visits.programmerelease.{release.pk}.note"] == State.MISSING
    assert ids[f"delegations.delegation.{delegation.pk}.title"] == State.DONE


def _page(delegation, language="uk"):
    return reverse("translations:index", args=[delegation.pk]) + f"?language={language}"


def test_page_lists_missing_and_outdated_not_done(planner_client):
    delegation, done, missing = _visit()
    other = factories.ProgrammeItemFactory(delegation=delegation, title="Mittagessen", title_uk="Обід")
    other.title_de = "Gemeinsames Mittagessen"
    other.save()
    response = planner_client.get(_page(delegation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Stadtführung" in content
    assert "Gemeinsames Mittagessen" in content and "<del>Mittagessen</del>" in content
    assert "veraltet" in content
    assert "Begrüßung" not in content  # done: not in the list
    rows = [form.text_row.id for form in response.context["formset"].forms]
    assert f"visits.programmeitem.{done.pk}.title" not in rows
    assert f"visits.programmeitem.{missing.pk}.title" in rows
    assert 'name="form-0-text"' in content and "Übersetzungen speichern" in content


def _post_data(response, **changes):
    """The page's formset as the browser would send it, with `changes` {unit id: new text} typed in."""
    formset = response.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(formset.forms):
        unit = form.initial["id"]
        data |= {
            f"form-{index}-id": unit,
            f"form-{index}-seen": form.initial["seen"],
            f"form-{index}-source": form.initial["source"],
            f"form-{index}-text": changes.get(unit, form.initial["text"]),
        }
    return data


def test_editor_saves_only_the_changed_rows(planner_client):
    delegation, _done, missing = _visit()
    response = planner_client.get(_page(delegation))
    title = f"visits.programmeitem.{missing.pk}.title"
    before = ProgrammeItem.objects.get(pk=missing.pk).version
    untouched = Delegation.objects.get(pk=delegation.pk)
    response = planner_client.post(_page(delegation), _post_data(response, **{title: "Екскурсія містом"}))
    assert response.status_code == 302
    item = ProgrammeItem.objects.get(pk=missing.pk)
    assert item.title_uk == "Екскурсія містом"
    assert item.title_en == ""  # another language untouched
    assert not item.dress_code_uk
    assert item.version == before + 1  # went through the versioned save
    assert item.history.first().history_user == planner_client.user
    assert Delegation.objects.get(pk=delegation.pk).summary_uk == untouched.summary_uk == ""
    assert work_list(delegation, "uk").by_id()[title].state == State.DONE


def test_editor_confirms_an_outdated_translation_that_still_fits(planner_client):
    delegation, done, _missing = _visit()
    done.title_de = "Begrüßung!"
    done.save()
    response = planner_client.get(_page(delegation))
    data = _post_data(response)
    unit = f"visits.programmeitem.{done.pk}.title"
    index = next(i for i, form in enumerate(response.context["formset"].forms) if form.initial["id"] == unit)
    data[f"form-{index}-fits"] = "on"
    assert planner_client.post(_page(delegation), data).status_code == 302
    assert work_list(delegation, "uk").by_id()[unit].state == State.DONE
    assert ProgrammeItem.objects.get(pk=done.pk).title_uk == "Привітання"


def test_concurrent_edit_is_refused_and_nothing_is_saved(planner_client):
    delegation, _done, missing = _visit()
    response = planner_client.get(_page(delegation))
    title = f"visits.programmeitem.{missing.pk}.title"
    # Someone else translates the title and the delegation's summary meanwhile.
    item = ProgrammeItem.objects.get(pk=missing.pk)
    item.title_uk = "Міська екскурсія"
    item.save()
    summary = f"delegations.delegation.{delegation.pk}.summary"
    data = _post_data(response, **{title: "Екскурсія", summary: "Візит з Подільська"})
    response = planner_client.post(_page(delegation), data)
    assert response.status_code == 200
    assert "Inzwischen hat jemand anderes diese Übersetzung geändert" in response.content.decode()
    assert "Міська екскурсія" in response.content.decode()
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == "Міська екскурсія"
    assert Delegation.objects.get(pk=delegation.pk).summary_uk == ""  # all or nothing


def test_too_long_translation_is_refused(planner_client):
    delegation, _done, missing = _visit()
    response = planner_client.get(_page(delegation))
    title = f"visits.programmeitem.{missing.pk}.title"
    response = planner_client.post(_page(delegation), _post_data(response, **{title: "я" * 201}))
    assert response.status_code == 200
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""


def test_read_only_sees_but_cannot_save(reader_client):
    delegation, _done, missing = _visit()
    response = reader_client.get(_page(delegation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Stadtführung" in content
    assert "Übersetzungen speichern" not in content and "disabled" in content
    data = _post_data(response, **{f"visits.programmeitem.{missing.pk}.title": "Екскурсія"})
    assert reader_client.post(_page(delegation), data).status_code == 403
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""


def test_press_office_and_anonymous_are_kept_out(press_client, anonymous_client):
    delegation, _done, _missing = _visit()
    assert press_client.get(_page(delegation)).status_code == 403
    response = anonymous_client.get(_page(delegation))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _visit_of_size(size):
    delegation = factories.DelegationFactory()
    for n in range(size):
        host = factories.ContactFactory(function=f"Leitung {n}")
        item = factories.ProgrammeItemFactory(
            delegation=delegation, title_uk="", description_de=f"Beschreibung {n}", hosts=[host]
        )
        item.title_de = f"Neu {n}"
        item.save()
        factories.MemberFactory(delegation=delegation, hotel=factories.HotelFactory())
    factories.ProgrammeReleaseFactory(delegation=delegation, note="Notiz")
    return delegation


@pytest.mark.parametrize("size", [2, 8])
def test_page_runs_a_constant_number_of_queries(planner_client, django_assert_num_queries, size):
    delegation = _visit_of_size(size)
    planner_client.get(_page(delegation))  # content types and the like in their caches
    with django_assert_num_queries(10):
        response = planner_client.get(_page(delegation))
    assert len(response.context["formset"].forms) >= 4 * size


def test_desk_counts_per_language_the_members_read(planner_client):
    from delegations.attention import desk
    from visits.views.translations import page_url

    delegation, done, _missing = _visit()
    factories.MemberFactory(delegation=delegation, preferred_language="uk", function_uk="Голова")
    done.title_de = "Feierliche Begrüßung"
    done.save()
    lines = [
        (line.text, line.url)
        for visit in desk(planner_client.user, delegation.arrival_date)
        if visit.delegation.pk == delegation.pk
        for line in visit.lines
        if line.text.startswith("Übersetzungen")
    ]
    # Nobody reads English: no English line; the Ukrainian one counts missing and outdated texts.
    expected = "Übersetzungen (Ukrainisch): 5 Texte fehlen, 1 Text älter als sein deutscher Text"
    assert lines == [(expected, page_url(delegation.pk, "uk"))]


def test_translations_from_before_the_records_become_outdated_when_the_german_changes():
    # Rows translated before this app recorded sources (or written in bulk) have no record: current, until
    # their German changes; then the German they were made from is the one before the change.
    delegation, done, _missing = _visit()
    TranslationSource.objects.all().delete()
    assert work_list(delegation, "uk").by_id()[f"visits.programmeitem.{done.pk}.title"].state == State.DONE
    item = ProgrammeItem.objects.get(pk=done.pk)
    item.status = "planned"
    item.save()  # no text changed: nothing recorded
    assert not TranslationSource.objects.exists()
    item.title_de = "Begrüßung im Kreishaus"
    item.save()
    text = work_list(delegation, "uk").by_id()[f"visits.programmeitem.{done.pk}.title"]
    assert text.state == State.OUTDATED
    assert (text.old_german, text.german) == ("Begrüßung", "Begrüßung im Kreishaus")
