"""No lost updates at the model level: the version check sits in the saving UPDATE, also under a real race."""

import threading

import pytest
from django.db import connection, transaction

from core.concurrency import VersionConflict, expect_version
from delegations.models import Member
from press.models import EventPage
from tests import factories
from visits.models import ProgrammeItem

# Model, factory, the field both editors change, and the value each of them writes in a round.
RACERS = {
    "item": (ProgrammeItem, factories.ProgrammeItemFactory, "title_de"),
    "member": (Member, factories.MemberFactory, "function_de"),
    "page": (EventPage, factories.EventPageFactory, "summary_de"),
}
ROUNDS = 100 if connection.vendor == "postgresql" else 10


@pytest.mark.django_db
def test_a_plain_save_counts_up_in_sql_and_records_the_version_in_the_history():
    item = factories.ProgrammeItemFactory(title="Empfang")
    stale = ProgrammeItem.objects.get(pk=item.pk)

    item.title_de = "Empfang im Kreishaus"
    item.save()
    stale.internal_notes = "Blumen bestellen"
    stale.save()  # no seen version: not checked, but counted on top of the other save, not beside it

    assert (item.version, stale.version) == (1, 2)
    assert ProgrammeItem.objects.get(pk=item.pk).version == 2
    assert list(item.history.order_by("history_id").values_list("version", flat=True)) == [0, 1, 2]


@pytest.mark.django_db
def test_a_checked_save_with_a_stale_version_changes_nothing():
    member = factories.MemberFactory(function="Bürgermeisterin")
    first, second = Member.objects.get(pk=member.pk), Member.objects.get(pk=member.pk)
    expect_version(first, 0)
    expect_version(second, 0)
    first.function_de = "Stellvertretende Bürgermeisterin"
    first.save()
    second.function_de = "Landrätin"

    with pytest.raises(VersionConflict), transaction.atomic():
        second.save()

    assert second.version == 0  # the instance keeps the version it had, not an unresolved expression
    member.refresh_from_db()
    assert (member.function_de, member.version) == ("Stellvertretende Bürgermeisterin", 1)
    assert member.history.count() == 2  # created, first save; the refused one left no record


@pytest.mark.django_db
def test_update_fields_saves_count_too_and_an_empty_one_writes_nothing():
    page = factories.EventPageFactory()
    page.summary_de = "Neu"
    page.save(update_fields=["summary_de"])
    page.save(update_fields=[])
    page.refresh_from_db()
    assert (page.summary_de, page.version) == ("Neu", 1)


@pytest.mark.django_db
def test_the_calendar_sequence_still_moves_with_every_full_save():
    item = factories.ProgrammeItemFactory()
    expect_version(item, 0)
    item.title_de = "Neu"
    item.save()
    item.save()
    item.refresh_from_db()
    assert (item.sequence, item.version) == (2, 2)


def _editor(model, pk, field, value, barrier, outcome):
    """One editor: load, wait until the other has loaded too, save with the version seen, report."""
    try:
        obj = model.objects.get(pk=pk)
        expect_version(obj, obj.version)
        setattr(obj, field, value)
        barrier.wait(timeout=30)
        try:
            with transaction.atomic():
                obj.save()
            outcome[value] = "saved"
        except VersionConflict:
            outcome[value] = "refused"
    except Exception as error:  # reported to the main thread, which fails the test with it
        outcome[value] = error
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("racer", list(RACERS))
def test_two_editors_saving_at_the_same_moment_one_wins_and_the_other_is_refused(racer):
    model, factory, field = RACERS[racer]
    pk = factory().pk
    for round_ in range(ROUNDS):
        before = model.objects.get(pk=pk).version
        barrier, outcome = threading.Barrier(2), {}
        values = (f"A{round_}", f"B{round_}")
        threads = [
            threading.Thread(target=_editor, args=(model, pk, field, value, barrier, outcome))
            for value in values
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(map(str, outcome.values())) == ["refused", "saved"], outcome
        (winner,) = [value for value, result in outcome.items() if result == "saved"]
        row = model.objects.get(pk=pk)
        assert (getattr(row, field), row.version) == (winner, before + 1)
    assert model.history.filter(**{model._meta.pk.attname: pk}).count() == ROUNDS + 1
