"""Invitation letters: reference numbers, check codes and the check URL, the public check page (what it shows,
what it never shows, one 404 for wrong and expired codes, its headers), the staff page and downloads per role,
the letterhead admin as a single row with a logo checked by content, and query counts at two sizes."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from delegations import roles
from delegations.enums import Language
from letters.models import VALIDITY, InvitationLetter, Letterhead, ReferenceCounter, check_url
from letters.services import format_reference, issue_letter, issue_letters
from tests import factories
from tests.factories_letters import LetterheadFactory, letter_for

pytestmark = pytest.mark.django_db

BERLIN_2025 = dt.datetime(2025, 10, 1, 10, 0, tzinfo=dt.UTC)


def make_delegation(size: int):
    delegation = factories.DelegationFactory()
    organisation = factories.OrganisationFactory(name="Rajonrada Podilsk")
    for _ in range(size):
        factories.MemberFactory(delegation=delegation, organisation=organisation)
    return delegation


# Reference numbers and codes


def test_references_are_sequential_per_year_and_never_given_twice():
    LetterheadFactory(reference_prefix="KLE-P")
    delegation = make_delegation(3)
    letters = issue_letters(delegation=delegation, now=BERLIN_2025)
    assert [letter.reference for letter in letters] == [
        "KLE-P-2025-0001",
        "KLE-P-2025-0002",
        "KLE-P-2025-0003",
    ]

    # A second issue for the same delegation makes nothing new; the letters keep reference and code.
    codes = {letter.pk: letter.code for letter in letters}
    assert issue_letters(delegation=delegation, now=BERLIN_2025 + dt.timedelta(days=3)) == []
    assert {letter.pk: letter.code for letter in InvitationLetter.objects.all()} == codes

    # A deleted letter's number is not given again; a new year starts at 1.
    InvitationLetter.objects.filter(reference="KLE-P-2025-0003").delete()
    again = issue_letters(delegation=delegation, now=BERLIN_2025)
    assert [letter.reference for letter in again] == ["KLE-P-2025-0004"]
    next_year = issue_letter(member=factories.MemberFactory(), now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert next_year.reference == "KLE-P-2026-0001"
    assert dict(ReferenceCounter.objects.values_list("year", "last")) == {2025: 4, 2026: 1}


def test_the_year_is_the_year_in_kleve():
    # 31 Dec 2025, 23:30 UTC is already 1 January 2026 in Kleve.
    letter = issue_letter(
        member=factories.MemberFactory(), now=dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    )
    assert letter.reference == "KLE-P-2026-0001"


def test_a_new_prefix_changes_only_new_references():
    letterhead = LetterheadFactory(reference_prefix="KLE-P")
    first = letter_for(now=BERLIN_2025)
    letterhead.reference_prefix = "KK-INT"
    letterhead.save()
    second = letter_for(now=BERLIN_2025)
    first.refresh_from_db()
    assert (first.reference, second.reference) == ("KLE-P-2025-0001", "KK-INT-2025-0002")


def test_format_reference_pads_to_four_digits():
    assert format_reference("KLE-P", 2025, 7) == "KLE-P-2025-0007"
    assert format_reference("KLE-P", 2025, 12345) == "KLE-P-2025-12345"


def test_codes_are_random_and_long_enough():
    letters = issue_letters(delegation=make_delegation(5))
    codes = [letter.code for letter in letters]
    assert len(set(codes)) == 5
    # token_urlsafe(24): 192 bits in 32 URL-safe characters.
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", code) for code in codes)


def test_anonymised_members_get_no_letter():
    delegation = make_delegation(2)
    factories.MemberFactory(delegation=delegation, is_anonymised=True)
    assert len(issue_letters(delegation=delegation)) == 2


def test_check_url_is_the_absolute_address_of_the_check_page(settings):
    settings.SITE_URL = "https://partnerschaften.kreis-kleve.example"
    assert check_url("AbC-123_x") == "https://partnerschaften.kreis-kleve.example/brief/AbC-123_x/"


# The public check page


@pytest.fixture
def planted_letter():
    """A letter of a member with distinctive values that the check page must never show."""
    organisation = factories.OrganisationFactory(name="Geheimorganisation Zyx")
    delegation = factories.DelegationFactory(
        arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 22)
    )
    member = factories.MemberFactory(
        delegation=delegation,
        first_name="Oksana",
        last_name="Prykladenko",
        first_name_original="Оксана",
        last_name_original="Прикладенко",
        function="Schatzmeisterin Qwv",
        function_uk="Скарбниця Щюї",
        organisation=organisation,
        email="oksana.qwv@podilsk.example",
        phone="+380 48 765 43 21",
        room="Zimmer 777",
        hotel=factories.HotelFactory(name="Hotel Verborgen"),
    )
    return letter_for(member)


def test_check_page_shows_reference_name_and_dates_only(client, planted_letter):
    response = client.get(f"/brief/{planted_letter.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert planted_letter.reference in page
    assert "Oksana Prykladenko" in page
    assert "Оксана Прикладенко" in page
    assert "16.11.2025 – 22.11.2025" in page
    assert "Dieses Einladungsschreiben ist echt." in page
    for secret in (
        "Schatzmeisterin Qwv",
        "Скарбниця Щюї",
        "Geheimorganisation Zyx",
        "oksana.qwv@podilsk.example",
        "765 43 21",
        "765-43-21",
        "Zimmer 777",
        "Hotel Verborgen",
        planted_letter.member.delegation.title,
    ):
        assert secret not in page, secret


def test_check_page_is_private_and_not_indexed(client, planted_letter):
    response = client.get(f"/brief/{planted_letter.code}/")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_check_page_speaks_three_languages_whatever_the_browser_asks(client, planted_letter):
    response = client.get(f"/brief/{planted_letter.code}/", headers={"accept-language": "uk"})
    page = response.content.decode()
    assert '<html lang="de">' in page
    assert '<span lang="uk">Цей лист-запрошення справжній.</span>' in page
    assert '<span lang="en">This letter of invitation is genuine.</span>' in page


def test_wrong_and_expired_codes_get_the_same_404(client, planted_letter):
    wrong = client.get("/brief/" + "x" * 32 + "/")
    malformed = client.get("/brief/%E2%9C%93;drop/")
    InvitationLetter.objects.filter(pk=planted_letter.pk).update(
        issued_at=timezone.now() - dt.timedelta(days=366)
    )
    expired = client.get(f"/brief/{planted_letter.code}/")
    assert wrong.status_code == malformed.status_code == expired.status_code == 404
    assert wrong.content == expired.content == malformed.content
    assert "Prykladenko" not in expired.content.decode()
    assert expired["Cache-Control"] == "private, no-store"
    assert expired["Referrer-Policy"] == "no-referrer"


def test_a_letter_is_valid_for_a_year(client, planted_letter):
    InvitationLetter.objects.filter(pk=planted_letter.pk).update(
        issued_at=timezone.now() - VALIDITY + dt.timedelta(minutes=5)
    )
    assert client.get(f"/brief/{planted_letter.code}/").status_code == 200


def test_an_anonymised_members_letter_is_not_confirmed(client, planted_letter):
    type(planted_letter.member).objects.filter(pk=planted_letter.member_id).update(is_anonymised=True)
    assert client.get(f"/brief/{planted_letter.code}/").status_code == 404


def test_check_page_accepts_no_post(client, planted_letter):
    assert client.post(f"/brief/{planted_letter.code}/").status_code == 405


# Staff page and downloads per role


def staff_urls(delegation, member) -> dict[str, str]:
    return {
        "page": reverse("letters:delegation", kwargs={"pk": delegation.pk}),
        "member-pdf": reverse("letters:member-pdf", kwargs={"pk": delegation.pk, "member_pk": member.pk}),
        "delegation-pdf": reverse("letters:delegation-pdf", kwargs={"pk": delegation.pk}),
        "badges": reverse("letters:badges", kwargs={"pk": delegation.pk}),
    }


@pytest.fixture
def issued_delegation():
    delegation = make_delegation(2)
    issue_letters(delegation=delegation)
    return delegation


@pytest.mark.parametrize("persona", ["planner_client", "reader_client"])
def test_planners_and_readers_open_the_page_and_downloads(request, persona, issued_delegation):
    client = request.getfixturevalue(persona)
    urls = staff_urls(issued_delegation, issued_delegation.members.first())
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        if name != "page":
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")


def test_press_office_gets_nothing(press_client, issued_delegation):
    for name, url in staff_urls(issued_delegation, issued_delegation.members.first()).items():
        assert press_client.get(url).status_code == 403, name
    issue = reverse("letters:issue", kwargs={"pk": issued_delegation.pk})
    assert press_client.post(issue).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(anonymous_client, issued_delegation):
    for name, url in staff_urls(issued_delegation, issued_delegation.members.first()).items():
        response = anonymous_client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_page_lists_members_with_their_letters(planner_client):
    delegation = make_delegation(0)
    with_letter = factories.MemberFactory(delegation=delegation, first_name="Ivan", last_name="Lystovyi")
    factories.MemberFactory(delegation=delegation, first_name="Maria", last_name="Bezlysta")
    letter = issue_letter(member=with_letter)
    response = planner_client.get(reverse("letters:delegation", kwargs={"pk": delegation.pk}))
    page = response.content.decode()
    assert letter.reference in page
    assert timezone.localtime(letter.valid_until).strftime("%d.%m.%Y") in page
    assert "Bezlysta" in page and "noch kein Schreiben" in page
    assert reverse("letters:issue", kwargs={"pk": delegation.pk}) in page
    assert reverse("letters:member-pdf", kwargs={"pk": delegation.pk, "member_pk": with_letter.pk}) in page


def test_planners_issue_missing_letters_by_post(planner_client):
    delegation = make_delegation(3)
    issue_url = reverse("letters:issue", kwargs={"pk": delegation.pk})
    assert planner_client.get(issue_url).status_code == 405
    assert not InvitationLetter.objects.exists()

    response = planner_client.post(issue_url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("letters:delegation", kwargs={"pk": delegation.pk})
    assert "3 Einladungsschreiben ausgestellt." in response.content.decode()
    letters = InvitationLetter.objects.filter(member__delegation=delegation)
    assert letters.count() == 3
    assert set(letters.values_list("issued_by", flat=True)) == {planner_client.user.pk}

    response = planner_client.post(issue_url, follow=True)
    assert "Alle Mitglieder haben schon ein Einladungsschreiben." in response.content.decode()
    assert letters.count() == 3


def test_readers_see_no_issue_button_and_may_not_issue(reader_client):
    delegation = make_delegation(2)
    issue_url = reverse("letters:issue", kwargs={"pk": delegation.pk})
    page = reader_client.get(reverse("letters:delegation", kwargs={"pk": delegation.pk})).content.decode()
    assert issue_url not in page
    assert reader_client.post(issue_url).status_code == 403
    assert not InvitationLetter.objects.exists()


def test_a_member_of_another_delegation_has_no_letter_here(planner_client, issued_delegation):
    stranger = letter_for().member
    url = reverse("letters:member-pdf", kwargs={"pk": issued_delegation.pk, "member_pk": stranger.pk})
    assert planner_client.get(url).status_code == 404


def test_all_letters_without_any_letter_explain_why(planner_client):
    delegation = make_delegation(1)
    response = planner_client.get(
        reverse("letters:delegation-pdf", kwargs={"pk": delegation.pk}), follow=True
    )
    assert "Diese Delegation hat noch keine Einladungsschreiben." in response.content.decode()


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def own_queries(queries: list[str]) -> list[str]:
    """The queries of the page itself, without those of the login, session and two-factor middleware."""
    return [sql for sql in queries if re.search(r'"(delegations|letters|visits)_', sql)]


def test_the_staff_page_runs_the_same_queries_at_any_size(planner_client):
    counts = []
    for size in (2, 9):
        delegation = make_delegation(size)
        issue_letters(delegation=delegation)
        factories.MemberFactory(delegation=delegation)  # one without a letter
        factories.ProgrammeItemFactory.create_batch(size, delegation=delegation)
        queries = queries_of(planner_client, reverse("letters:delegation", kwargs={"pk": delegation.pk}))
        counts.append(len(queries))
        # delegation, members with their letters, letterhead set? (the page; the admin menu does not ask),
        # programme items
        assert len(own_queries(queries)) == 4
    assert counts[0] == counts[1]


def test_all_letters_run_the_same_queries_at_any_size(planner_client):
    LetterheadFactory()
    counts = []
    for size in (2, 6):
        delegation = make_delegation(size)
        issue_letters(delegation=delegation)
        queries = queries_of(planner_client, reverse("letters:delegation-pdf", kwargs={"pk": delegation.pk}))
        counts.append(len(queries))
        # delegation, letters with members, delegations, partnerships and organisations, letterhead
        assert len(own_queries(queries)) == 3
    assert counts[0] == counts[1]


# Roles


def test_roles_hold_the_letters_permissions():
    def codenames(group: str) -> set[str]:
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type__app_label="letters")
            .values_list("codename", flat=True)
        )

    assert codenames(roles.PLANNERS) >= {
        "add_invitationletter",
        "change_invitationletter",
        "view_invitationletter",
        "change_letterhead",
        "print_badges",
    }
    assert codenames(roles.READ_ONLY) == {"view_invitationletter", "view_letterhead", "print_badges"}
    assert codenames(roles.PRESS_OFFICE) == set()


# The letterhead in the admin


def image_upload(fmt: str, name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def letterhead_form(**changes) -> dict:
    data = {
        "county_name": "Kreis Kleve",
        "authority": "Der Landrat – Partnerschaften",
        "address": "Nassauerallee 15–23\n47533 Kleve",
        "phone": "",
        "email": "",
        "website": "",
        "signatory_name": "Hanna Beispielfeld",
        "signatory_title": "",
        "footer": "",
        "reference_prefix": "KLE-P",
    }
    return {**data, **changes}


def test_the_letterhead_list_opens_the_one_form(superuser_client):
    changelist = reverse("admin:letters_letterhead_changelist")
    assert superuser_client.get(changelist)["Location"] == reverse("admin:letters_letterhead_add")
    LetterheadFactory()
    assert superuser_client.get(changelist)["Location"] == reverse(
        "admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID]
    )
    assert superuser_client.get(reverse("admin:letters_letterhead_add")).status_code == 403


def test_planners_save_the_letterhead_with_a_png_logo(planner_client):
    LetterheadFactory()
    url = reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
    response = planner_client.post(
        url, letterhead_form(authority="Amt für Partnerschaften", logo=image_upload("PNG", "logo.png"))
    )
    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert letterhead.authority == "Amt für Partnerschaften"
    assert letterhead.logo.name.startswith("letters/")


@pytest.mark.parametrize(
    ("upload", "name"),
    [
        (lambda: image_upload("GIF", "logo.png"), "a GIF named .png"),
        (lambda: image_upload("WEBP", "logo.jpg"), "a WebP named .jpg"),
        (lambda: SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "an SVG"),
    ],
)
def test_a_logo_that_is_no_png_or_jpeg_is_refused(planner_client, upload, name):
    LetterheadFactory(authority="Vorher")
    url = reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
    response = planner_client.post(url, letterhead_form(authority="Nachher", logo=upload()))
    assert response.status_code == 200, name
    assert "PNG" in response.content.decode()
    assert Letterhead.objects.get().authority == "Vorher"


def test_a_bad_reference_prefix_is_refused(planner_client):
    LetterheadFactory()
    url = reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
    response = planner_client.post(url, letterhead_form(reference_prefix="kle p/"))
    assert response.status_code == 200
    assert Letterhead.objects.get().reference_prefix == "KLE-P"


def test_readers_see_the_letterhead_but_do_not_change_it(reader_client):
    LetterheadFactory(authority="Vorher")
    url = reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
    assert reader_client.get(url).status_code == 200
    assert reader_client.post(url, letterhead_form(authority="Nachher")).status_code == 403
    assert Letterhead.objects.get().authority == "Vorher"


def test_the_letter_admin_shows_reference_and_code_read_only(planner_client, planted_letter):
    url = reverse("admin:letters_invitationletter_change", args=[planted_letter.pk])
    page = planner_client.get(url).content.decode()
    assert planted_letter.reference in page
    assert planted_letter.get_check_path() in page
    assert 'name="reference"' not in page and 'name="code"' not in page
    response = planner_client.post(
        url, {"purpose_de": "Gespräche", "purpose_translated": "Розмови", "code": "x"}
    )
    assert response.status_code == 302
    before = planted_letter.code
    planted_letter.refresh_from_db()
    assert (planted_letter.purpose_de, planted_letter.code) == ("Gespräche", before)
    assert planner_client.get(reverse("admin:letters_invitationletter_add")).status_code == 403


def test_the_letter_list_runs(planner_client):
    issue_letters(delegation=make_delegation(3))
    response = planner_client.get(reverse("admin:letters_invitationletter_changelist") + "?gueltig=ja")
    assert response.status_code == 200
    assert "KLE-P-" in response.content.decode()


def test_preferred_language_is_on_the_page(planner_client):
    delegation = make_delegation(0)
    factories.MemberFactory(
        delegation=delegation, preferred_language=Language.GERMAN, last_name="Deutschsprachig"
    )
    page = planner_client.get(reverse("letters:delegation", kwargs={"pk": delegation.pk})).content.decode()
    assert "Deutschsprachig" in page


def test_saving_again_keeps_the_stored_logo(planner_client):
    LetterheadFactory()
    url = reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
    planner_client.post(url, letterhead_form(logo=image_upload("JPEG", "logo.jpg")))
    stored = Letterhead.objects.get().logo.name
    response = planner_client.post(url, letterhead_form(phone="+49 2821 594-001"))
    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert (letterhead.logo.name, letterhead.phone) == (stored, "+49 2821 594-001")
