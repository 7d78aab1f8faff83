"""Name badges read back (tests/documents.py): both scripts of a member's name, function, organisation and the
event, four to a page; the hosts of the programme as a second option; one programme item as the event; bad
options refused with a clear message; who may print them."""

import pytest
from django.urls import reverse

from delegations import enums as d
from letters.documents import BADGE_HOSTS, BADGE_MEMBERS, badges_pdf
from tests import documents, factories
from visits import enums as v

pytestmark = pytest.mark.django_db


def pdf_pages(content: bytes) -> list[str]:
    return [documents.squeezed(page) for page in documents.page_texts(content) if page.strip()]


@pytest.fixture
def visit():
    delegation = factories.DelegationFactory(
        title_de="Delegation aus Podilsk", title_uk="Делегація з Подільська"
    )
    rada = factories.OrganisationFactory(name="Rajonrada Podilsk")
    members = [
        factories.MemberFactory(
            delegation=delegation,
            first_name="Oksana",
            last_name="Melnyk",
            first_name_original="Оксана",
            last_name_original="Мельник",
            function_de="Abgeordnete des Rajonrats",
            function_uk="Депутатка районної ради",
            organisation=rada,
            is_head=True,
        ),
        *factories.MemberFactory.create_batch(4, delegation=delegation, organisation=rada),
    ]
    factories.MemberFactory(delegation=delegation, first_name="Anonym", is_anonymised=True)
    host = factories.ContactFactory(
        first_name="Anna",
        last_name="Gastgeberin",
        function_de="Leiterin Internationales",
        organisation=factories.OrganisationFactory(name="Kreis Kleve"),
    )
    other_host = factories.ContactFactory(first_name="Bernd", last_name="Betrieb")
    ceremony = factories.ProgrammeItemFactory(
        delegation=delegation,
        title_de="Festakt 50 Jahre Kreis Kleve",
        title_uk="Урочистості 50 років району Клеве",
        hosts=[host],
        participants=members[:2],
    )
    factories.ProgrammeItemFactory(delegation=delegation, hosts=[host, other_host])
    factories.ProgrammeItemFactory(hosts=[factories.ContactFactory(last_name="Fremdgast")])  # another visit
    return delegation, members, ceremony


def test_member_badges_four_to_a_page(visit):
    delegation, members, _ = visit
    pages = pdf_pages(badges_pdf(delegation, who=BADGE_MEMBERS))
    assert len(pages) == 2
    assert pages[0].count("Delegation aus Podilsk") == 4
    assert pages[1].count("Delegation aus Podilsk") == 1
    first = pages[0]
    for expected in (
        "Oksana Melnyk",
        "Оксана Мельник",
        "Abgeordnete des Rajonrats",
        "Депутатка районної ради",
        "Rajonrada Podilsk, Rajon Podilsk",
        "Делегація з Подільська",
    ):
        assert expected in first, expected
    assert "Anonym" not in " ".join(pages)
    assert all(member.first_name in " ".join(pages) for member in members)


def test_host_badges_name_the_hosts_of_the_programme(visit):
    delegation, members, _ = visit
    pages = pdf_pages(badges_pdf(delegation, who=BADGE_HOSTS))
    assert len(pages) == 1
    text = pages[0]
    assert "Anna Gastgeberin" in text and "Bernd Betrieb" in text
    assert text.count("Anna Gastgeberin") == 1  # a host of two items gets one badge
    assert "Leiterin Internationales" in text and "Kreis Kleve" in text
    assert "Fremdgast" not in text
    assert members[0].last_name not in text


def test_badges_for_one_programme_item(planner_client, visit):
    delegation, members, ceremony = visit
    url = reverse("letters:badges", kwargs={"pk": delegation.pk})
    response = planner_client.get(url, {"item": ceremony.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_pages(response.content))
    assert "Festakt 50 Jahre Kreis Kleve" in text and "Урочистості 50 років району Клеве" in text
    assert "Delegation aus Podilsk" not in text
    # The item's participants only.
    assert {member.full_name for member in members if member.full_name in text} == {
        members[0].full_name,
        members[1].full_name,
    }
    hosts = " ".join(pdf_pages(planner_client.get(url, {"item": ceremony.pk, "who": "hosts"}).content))
    assert "Anna Gastgeberin" in hosts and "Bernd Betrieb" not in hosts


def test_bad_options_are_refused_with_a_message(planner_client, visit):
    delegation, _, _ = visit
    url = reverse("letters:badges", kwargs={"pk": delegation.pk})
    elsewhere = factories.ProgrammeItemFactory()
    response = planner_client.get(url, {"item": elsewhere.pk})
    assert response.status_code == 400
    assert "Diesen Programmpunkt gibt es in dieser Delegation nicht." in response.content.decode()
    response = planner_client.get(url, {"who": "everyone"})
    assert response.status_code == 400
    assert "everyone" in response.content.decode()


def test_cancelled_items_are_no_event_for_badges(planner_client, visit):
    delegation, _, _ = visit
    cancelled = factories.ProgrammeItemFactory(delegation=delegation, status=v.ItemStatus.CANCELLED)
    url = reverse("letters:badges", kwargs={"pk": delegation.pk})
    assert planner_client.get(url, {"item": cancelled.pk}).status_code == 400


@pytest.mark.parametrize(
    ("persona", "members", "hosts"),
    [
        ("planner_client", 200, 200),
        ("reader_client", 200, 200),
        ("press_client", 403, 403),
        ("anonymous_client", 302, 302),
    ],
)
def test_who_may_print_badges(request, visit, persona, members, hosts):
    delegation, _, _ = visit
    client = request.getfixturevalue(persona)
    url = reverse("letters:badges", kwargs={"pk": delegation.pk})
    assert client.get(url).status_code == members
    assert client.get(url, {"who": "hosts"}).status_code == hosts


def test_the_letters_page_offers_badges(planner_client, visit):
    delegation, _, ceremony = visit
    page = planner_client.get(reverse("letters:delegation", kwargs={"pk": delegation.pk})).content.decode()
    assert reverse("letters:badges", kwargs={"pk": delegation.pk}) in page
    assert f'<option value="{ceremony.pk}">' in page
    assert 'value="hosts"' in page


def test_german_and_english_speakers_get_their_function_once(visit):
    delegation, _, _ = visit
    factories.MemberFactory(
        delegation=delegation,
        first_name="Greta",
        function_de="Dolmetscherin",
        function_uk="Перекладачка",
        preferred_language=d.Language.GERMAN,
    )
    text = " ".join(pdf_pages(badges_pdf(delegation, who=BADGE_MEMBERS)))
    greta = text[text.index("Greta") :]
    assert "Dolmetscherin" in greta
    assert "Перекладачка" not in greta.split("Delegation aus Podilsk")[0]
