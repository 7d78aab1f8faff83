"""A guest's own details through the personal link: saved with history, bad input refused, then frozen."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from delegations.enums import Language, PhotoConsent, TravelMode
from delegations.models import Member
from tests import factories
from visits import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(db):
    """A member of a visit that begins in a month, with their link."""
    arrival = timezone.localdate() + dt.timedelta(days=30)
    delegation = factories.DelegationFactory(
        arrival_date=arrival, departure_date=arrival + dt.timedelta(days=6)
    )
    member = factories.MemberFactory(delegation=delegation, phone="", preferred_language=Language.UKRAINIAN)
    _, token = services.issue_guest_access(delegation=delegation, member=member)
    return member, token


def form_url(token: str, language: str = "uk") -> str:
    return f"/g/{token}/{language}/angaben/"


def valid_input(member: Member, **changes) -> dict:
    arrival = member.delegation.arrival_date
    data = {
        "arrival_date": arrival.isoformat(),
        "arrival_time": "14:35",
        "arrival_mode": TravelMode.FLIGHT,
        "arrival_reference": "LH 2371",
        "departure_date": (arrival + dt.timedelta(days=6)).isoformat(),
        "departure_time": "09:10",
        "departure_mode": TravelMode.TRAIN,
        "departure_reference": "ICE 105",
        "dietary_needs": "вегетаріанка",
        "accessibility_needs": "",
        "phone": "+380 48 700 12 34",
        "photo_consent": PhotoConsent.GIVEN,
    }
    return data | changes


def snapshot(member: Member) -> dict:
    member = Member.objects.get(pk=member.pk)
    return {name: getattr(member, name) for name in services.SELF_SERVICE_FIELDS}


def test_form_shows_in_the_members_language_with_current_values(client, guest):
    member, token = guest
    member.arrival_reference = "PS 101"
    member.save()

    response = client.get(form_url(token))

    assert response.status_code == 200
    assert response["Content-Language"] == "uk"
    page = response.content.decode()
    assert '<html lang="uk">' in page
    assert 'value="PS 101"' in page
    assert 'type="tel"' in page and 'type="date"' in page
    assert '<button type="submit"' in page or 'type="submit"' in page


def test_valid_input_is_saved_and_shows_in_the_history(client, guest):
    member, token = guest
    history_before = member.history.count()

    response = client.post(form_url(token), valid_input(member))

    assert response.status_code == 302 and response["Location"] == form_url(token)
    member.refresh_from_db()
    arrival = member.delegation.arrival_date
    assert member.arrival_at == dt.datetime.combine(arrival, dt.time(14, 35), tzinfo=factories.BERLIN)
    assert member.departure_at == dt.datetime.combine(
        arrival + dt.timedelta(days=6), dt.time(9, 10), tzinfo=factories.BERLIN
    )
    assert (member.arrival_mode, member.arrival_reference) == ("flight", "LH 2371")
    assert (member.departure_mode, member.departure_reference) == ("train", "ICE 105")
    assert member.dietary_needs == "вегетаріанка"
    assert member.phone.as_e164 == "+380487001234"
    assert member.photo_consent == PhotoConsent.GIVEN
    assert member.history.count() == history_before + 1
    record = member.history.first()
    assert record.history_change_reason == "Selbstauskunft über Gastlink"
    assert record.history_type == "~"
    assert record.dietary_needs == "вегетаріанка"

    shown = client.get(form_url(token)).content.decode()
    assert 'role="status"' in shown


def test_sending_the_same_values_again_adds_no_history(client, guest):
    member, token = guest
    client.post(form_url(token), valid_input(member))
    count = member.history.count()

    client.post(form_url(token), valid_input(member))

    assert member.history.count() == count


def test_invalid_phone_gives_a_ukrainian_error_and_saves_nothing(client, guest):
    member, token = guest
    before = snapshot(member)

    response = client.post(form_url(token), valid_input(member, phone="12345"))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Введіть коректний номер телефону" in page
    assert snapshot(member) == before


def test_arrival_after_departure_is_refused(client, guest):
    member, token = guest
    before = snapshot(member)
    arrival = member.delegation.arrival_date

    response = client.post(
        form_url(token, "de"),
        valid_input(
            member,
            arrival_date=(arrival + dt.timedelta(days=3)).isoformat(),
            departure_date=arrival.isoformat(),
        ),
    )

    assert response.status_code == 200
    assert "Die Abreise kann nicht vor der Ankunft liegen." in response.content.decode()
    assert snapshot(member) == before


def test_date_without_time_is_refused(client, guest):
    member, token = guest
    before = snapshot(member)

    response = client.post(form_url(token, "de"), valid_input(member, arrival_time=""))

    assert "Bitte auch die Uhrzeit angeben." in response.content.decode()
    assert snapshot(member) == before


def test_overlong_text_is_refused(client, guest):
    member, token = guest
    before = snapshot(member)

    response = client.post(
        form_url(token), valid_input(member, dietary_needs="x" * 1001, arrival_reference="Z" * 41)
    )

    assert response.status_code == 200
    assert snapshot(member) == before
    assert response.content.decode().count("is-invalid") >= 2


def test_markup_is_stored_as_typed_and_shown_escaped(client, guest):
    member, token = guest
    typed = '<script>alert("x")</script><b>ohne Nüsse</b>'

    client.post(form_url(token), valid_input(member, dietary_needs=typed))

    member.refresh_from_db()
    assert member.dietary_needs == typed
    page = client.get(form_url(token)).content.decode()
    assert typed not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;ohne Nüsse&lt;/b&gt;" in page


def test_after_the_visit_has_begun_the_form_is_read_only(client, guest, monkeypatch):
    member, token = guest
    client.post(form_url(token), valid_input(member))
    before = snapshot(member)
    history = member.history.count()
    start = dt.datetime.combine(member.delegation.arrival_date, dt.time(0, 0), tzinfo=factories.BERLIN)
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=1))

    shown = client.get(form_url(token, "de"))
    page = shown.content.decode()
    assert shown.status_code == 200
    assert 'value="LH 2371"' in page
    assert "disabled" in page and 'type="submit"' not in page

    refused = client.post(form_url(token, "de"), valid_input(member, arrival_reference="XX 999"))
    assert refused.status_code == 403
    assert "Der Besuch hat begonnen" in refused.content.decode()
    assert snapshot(member) == before
    assert member.history.count() == history


def test_form_needs_a_members_link_and_a_valid_one(client, guest):
    member, _token = guest
    _, group = services.issue_guest_access(delegation=member.delegation)
    assert client.get(form_url(group)).status_code == 404
    assert client.post(form_url("not-a-token"), valid_input(member)).status_code == 404


def test_get_changes_nothing_but_the_last_use(client, guest):
    member, token = guest
    before = snapshot(member)
    client.get(form_url(token))
    assert snapshot(member) == before
    assert member.guest_accesses.get(revoked_at__isnull=True).last_used_at is not None


def test_browsers_posting_under_no_referrer_are_accepted(guest):
    # `Referrer-Policy: no-referrer` makes browsers send `Origin: null`; the link itself is the credential.
    from django.test import Client

    member, token = guest
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(form_url(token), valid_input(member), HTTP_ORIGIN="null")

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.arrival_reference == "LH 2371"


def test_no_photo_answer_means_not_decided(client, guest):
    member, token = guest
    data = valid_input(member)
    del data["photo_consent"]

    client.post(form_url(token), data)

    member.refresh_from_db()
    assert member.photo_consent == PhotoConsent.UNKNOWN
    assert member.arrival_reference == "LH 2371"


def test_with_a_messenger_service_a_guest_chooses_how_to_hear_of_changes(client, guest, settings):
    member, token = guest
    settings.MESSENGER_URL = "json://127.0.0.1:9/notices/{recipient}"
    page = client.get(form_url(token)).content.decode()
    assert 'name="notify_by"' in page and 'name="messenger"' in page
    before = snapshot(member)
    refused = client.post(form_url(token), valid_input(member, notify_by="both", messenger=""))
    assert refused.status_code == 200
    assert "Будь ласка, вкажіть ваш ідентифікатор у месенджері." in html.unescape(refused.content.decode())
    assert snapshot(member) == before
    client.post(form_url(token), valid_input(member, notify_by="both", messenger="+380501112233"))
    member.refresh_from_db()
    assert (member.notify_by, member.messenger) == ("both", "+380501112233")


def test_without_a_messenger_service_the_form_asks_nothing_about_it(client, guest, settings):
    _member, token = guest
    settings.MESSENGER_URL = ""
    page = client.get(form_url(token)).content.decode()
    assert 'name="notify_by"' not in page and 'name="messenger"' not in page
