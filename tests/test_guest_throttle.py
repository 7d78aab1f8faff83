"""Guessing guest links: failures counted per address and per token prefix, valid links never locked out."""

import secrets

import pytest
from django.core.cache import cache

from tests import factories
from visits import services, throttle

pytestmark = pytest.mark.django_db

HOTEL_WIFI = "203.0.113.9"
LIMIT = 20  # DJANGO_GUEST_TOKEN_FAILURES_ALLOWED's default


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def bad_token() -> str:
    """A token of the right form that opens nothing, as a mistyped link is."""
    return secrets.token_urlsafe(24)


def variation(token: str) -> str:
    """The same first characters with another tail: someone trying variations of one link."""
    return token[: throttle.PREFIX_LENGTH] + bad_token()[throttle.PREFIX_LENGTH :]


@pytest.fixture
def four_links():
    delegation = factories.DelegationFactory()
    factories.ProgrammeItemFactory(delegation=delegation, title="Empfang im Kreishaus")
    factories.release(delegation)
    members = factories.MemberFactory.create_batch(4, delegation=delegation)
    return [services.issue_guest_access(delegation=delegation, member=member)[1] for member in members]


def test_a_neighbours_bad_links_never_lock_out_the_valid_ones(client, four_links):
    answers = [client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code for _ in range(50)]
    assert answers == [404] * LIMIT + [429] * (50 - LIMIT)

    # Four guests behind the same hotel Wi-Fi open their own links: all of them, and all of their files.
    for token in four_links:
        for tail in ("", "uk/", "sw.js", "manifest.webmanifest", "uk/programm.ics", "de/angaben/"):
            response = client.get(f"/g/{token}/{tail}", REMOTE_ADDR=HOTEL_WIFI)
            assert response.status_code == 200, (tail, response.status_code)
        page = client.get(f"/g/{token}/", REMOTE_ADDR=HOTEL_WIFI)  # from the page cache now: the same
        assert page.status_code == 200 and "Empfang im Kreishaus" in page.content.decode()

    # Valid links did not count: the address is still over its limit, and nobody else is.
    assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 429
    assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR="198.51.100.7").status_code == 404

    cache.clear()  # the window has passed
    assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 404


def test_valid_links_never_count_as_failures(client, four_links):
    for _ in range(LIMIT + 5):
        assert client.get(f"/g/{four_links[0]}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 200
    assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 404


def test_the_answers_are_private_and_the_same_for_every_bad_token(client):
    not_found = [
        client.get(f"/g/{token}/", REMOTE_ADDR=HOTEL_WIFI) for token in (bad_token(), "short", "x" * 99)
    ]
    assert {answer.status_code for answer in not_found} == {404}
    assert len({answer.content for answer in not_found}) == 1
    for _ in range(LIMIT):
        client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI)

    blocked = client.get(f"/g/{bad_token()}/uk/programm.pdf", REMOTE_ADDR=HOTEL_WIFI)
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "900"
    assert blocked["Cache-Control"] == "private, no-store"
    assert blocked["Referrer-Policy"] == "no-referrer"
    assert "sessionid" not in blocked.cookies
    for answer in (*not_found, blocked):
        assert answer["Cache-Control"] == "private, no-store"
        assert "noindex" in answer["X-Robots-Tag"]


def test_a_prefix_tried_from_many_addresses_is_answered_429_but_the_real_link_opens(client, four_links):
    target = four_links[0]
    for n in range(LIMIT):  # one try each from twenty addresses: none of them is over its own limit
        assert client.get(f"/g/{variation(target)}/", REMOTE_ADDR=f"198.51.100.{n}").status_code == 404

    # Every further variation of that prefix is answered 429, from any address; other prefixes are not.
    for n in (0, 7, LIMIT - 1):
        assert client.get(f"/g/{variation(target)}/", REMOTE_ADDR=f"198.51.100.{n}").status_code == 429
    assert client.get(f"/g/{variation(target)}/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR="192.0.2.2").status_code == 404
    # The real link opens from every address, those that tried included; so do the other links.
    for address in ("198.51.100.0", "198.51.100.7", "192.0.2.3"):
        assert client.get(f"/g/{target}/", REMOTE_ADDR=address).status_code == 200
    for token in four_links[1:]:
        assert client.get(f"/g/{token}/", REMOTE_ADDR="198.51.100.0").status_code == 200


def test_a_guest_who_mistyped_their_own_link_twenty_times_still_opens_it(client, four_links):
    target = four_links[0]
    for _ in range(LIMIT + 5):  # the hotel's guest typing the link from the printed letter
        client.get(f"/g/{variation(target)}/", REMOTE_ADDR=HOTEL_WIFI)
    assert client.get(f"/g/{variation(target)}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 429
    assert client.get(f"/g/{target}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 200
    assert client.get(f"/g/{four_links[1]}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 200


def test_a_link_cut_short_does_not_count_against_the_real_one(client, four_links):
    target = four_links[0]
    for _ in range(LIMIT + 5):  # a mail program broke the line: the rest of the link is missing
        client.get(f"/g/{target[:25]}/", REMOTE_ADDR=HOTEL_WIFI)
    assert client.get(f"/g/{target}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 200


def _over_the_limit(client, address=HOTEL_WIFI):
    for _ in range(LIMIT):
        client.get(f"/g/{bad_token()}/", REMOTE_ADDR=address)


def test_a_malformed_token_costs_no_query(client, django_assert_num_queries):
    for token in ("short", "ä-not-a-token", "a" * 500, "a" * 31 + "!"):
        with django_assert_num_queries(0):
            assert client.get(f"/g/{token}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 404
    _over_the_limit(client)
    with django_assert_num_queries(0):
        assert client.get("/g/guessing/uk/programm.pdf", REMOTE_ADDR=HOTEL_WIFI).status_code == 429


def test_a_refused_prefix_costs_its_one_look_up(client, four_links, django_assert_num_queries):
    target = four_links[0]
    for _ in range(LIMIT):
        client.get(f"/g/{variation(target)}/", REMOTE_ADDR=HOTEL_WIFI)
    for tail in ("", "sw.js", "uk/programm.ics", "de/angaben/"):
        with django_assert_num_queries(1):
            assert client.get(f"/g/{variation(target)}/{tail}", REMOTE_ADDR=HOTEL_WIFI).status_code == 429
    with django_assert_num_queries(1):
        response = client.post(
            f"/g/{variation(target)}/de/angaben/", {"dietary_needs": "x"}, REMOTE_ADDR=HOTEL_WIFI
        )
        assert response.status_code == 429


def test_an_unknown_token_costs_its_one_look_up(client, django_assert_num_queries):
    # One query: the look-up that lets a valid link through. No session, no transaction, no rendering.
    with django_assert_num_queries(1):
        assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 404
    _over_the_limit(client)
    with django_assert_num_queries(1):
        assert client.get(f"/g/{bad_token()}/", REMOTE_ADDR=HOTEL_WIFI).status_code == 429


def test_behind_a_proxy_each_client_counts_for_itself(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the load balancer appends the address it saw

    def get(token, client_address):
        return client.get(f"/g/{token}/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_address)

    for _ in range(LIMIT):
        get(bad_token(), HOTEL_WIFI)
    assert get(bad_token(), HOTEL_WIFI).status_code == 429
    assert get(bad_token(), "198.51.100.7").status_code == 404
