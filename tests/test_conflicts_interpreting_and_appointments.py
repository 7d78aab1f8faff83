"""The conflict check of a programme, what an item needs: interpretation in the right language pair and a
confirmed company appointment; each once where it must warn and once where it must not."""

import pytest
from django.core.exceptions import ValidationError

from delegations.enums import Language, LanguagePair
from delegations.models import Contact
from tests.conflict_fixtures import (
    guest,
    messages,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import CompanyAppointmentFactory, InterpreterFactory, berlin
from visits.conflicts import ConflictKind, find_conflicts, needed_language_pairs
from visits.enums import AppointmentStatus, ItemKind

pytestmark = pytest.mark.django_db


# Interpretation.


def test_an_item_needing_interpretation_without_an_interpreter_is_warned(visit):
    guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN)
    guest(visit, "John", needs_interpreter=True, preferred_language=Language.ENGLISH)
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10))
    programme_item(visit, "Bus", berlin(2025, 11, 17, 10), berlin(2025, 11, 17, 11), kind=ItemKind.TRANSFER)

    assert messages(find_conflicts(visit), ConflictKind.INTERPRETER_MISSING) == [
        "„Gespräch“ (17.11.2025 09:00–10:00) braucht Dolmetschung "
        "(Deutsch ↔ Ukrainisch, Deutsch ↔ Englisch), aber niemand ist dafür eingeteilt."
    ]


def test_an_interpreter_with_the_right_pair_is_no_conflict_and_one_with_the_wrong_pair_is(visit):
    olena = guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN)
    ukrainian = InterpreterFactory(
        first_name="Anna", last_name="Kowal", interpreting_languages=[LanguagePair.GERMAN_UKRAINIAN]
    )
    english = InterpreterFactory(
        first_name="Mary",
        last_name="Smith",
        interpreting_languages=[LanguagePair.GERMAN_ENGLISH, LanguagePair.UKRAINIAN_ENGLISH],
    )
    programme_item(
        visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), interpreter=ukrainian
    )
    programme_item(
        visit,
        "Vortrag",
        berlin(2025, 11, 17, 11),
        berlin(2025, 11, 17, 12),
        interpreter=english,
        participants=[olena],
    )

    conflicts = find_conflicts(visit)

    assert [(c.kind, c.message, c.contacts) for c in conflicts] == [
        (
            ConflictKind.INTERPRETER_LANGUAGE,
            "Mary Smith hat für „Vortrag“ (17.11.2025 11:00–12:00) nicht das nötige Sprachpaar "
            "Deutsch ↔ Ukrainisch.",
            (english,),
        )
    ]


def test_members_who_need_no_interpreter_need_none(visit):
    guest(visit, "Olena", needs_interpreter=False)
    guest(visit, "Hans", needs_interpreter=True, preferred_language=Language.GERMAN)
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10))

    assert find_conflicts(visit) == []


def test_needed_language_pairs_go_from_german_to_the_preferred_language(visit):
    members = [
        guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN),
        guest(visit, "John", needs_interpreter=True, preferred_language=Language.ENGLISH),
        guest(visit, "Petro", needs_interpreter=False, preferred_language=Language.UKRAINIAN),
    ]

    assert needed_language_pairs(members) == {LanguagePair.GERMAN_UKRAINIAN, LanguagePair.GERMAN_ENGLISH}
    assert needed_language_pairs(members[2:]) == set()


def test_an_interpreters_pairs_must_come_from_the_list():
    interpreter = InterpreterFactory.build(interpreting_languages=["de-fr"], organisation=None)

    with pytest.raises(ValidationError) as error:
        interpreter.full_clean()

    assert list(error.value.message_dict) == ["interpreting_languages"]


def test_the_form_field_offers_the_pairs_as_choices():
    form_field = Contact._meta.get_field("interpreting_languages").formfield()

    assert form_field.clean(["de-uk", "uk-en"]) == ["de-uk", "uk-en"]
    assert list(form_field.choices) == [
        ("de-uk", "Deutsch ↔ Ukrainisch"),
        ("de-en", "Deutsch ↔ Englisch"),
        ("uk-en", "Ukrainisch ↔ Englisch"),
    ]


# Company visits and their appointments.


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AppointmentStatus.CONFIRMED, []),
        (
            AppointmentStatus.REQUESTED,
            [
                "Der Unternehmenstermin zu „Besuch Wasserstoff GmbH“ (18.11.2025 09:00–11:00) ist noch nicht "
                "zugesagt (Stand: angefragt)."
            ],
        ),
    ],
)
def test_a_company_visit_needs_a_confirmed_appointment(visit, status, expected):
    item = programme_item(
        visit,
        "Besuch Wasserstoff GmbH",
        berlin(2025, 11, 18, 9),
        berlin(2025, 11, 18, 11),
        kind=ItemKind.COMPANY_VISIT,
    )
    CompanyAppointmentFactory(delegation=visit, programme_item=item, status=status)

    assert messages(find_conflicts(visit), ConflictKind.APPOINTMENT_UNCONFIRMED) == expected


def test_a_company_visit_without_an_appointment_is_warned(visit):
    programme_item(
        visit,
        "Besuch Wasserstoff GmbH",
        berlin(2025, 11, 18, 9),
        berlin(2025, 11, 18, 11),
        kind=ItemKind.COMPANY_VISIT,
    )

    assert messages(find_conflicts(visit), ConflictKind.APPOINTMENT_UNCONFIRMED) == [
        "„Besuch Wasserstoff GmbH“ (18.11.2025 09:00–11:00) ist ein Unternehmensbesuch "
        "ohne Unternehmenstermin."
    ]
