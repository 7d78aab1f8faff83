"""Personal links: tokens and their states, and how staff make, revoke and send them (guessing:
test_guest_throttle.py)."""

import datetime as dt
import io
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.formats import date_format

from delegations.enums import Language
from tests import factories
from visits import services
from visits.models import GuestAccess

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://127\.0\.0\.1:8000/g/([A-Za-z0-9_-]{32})/")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_token_has_192_random_bits_and_only_its_hash_is_stored(guest_link):
    access, token = guest_link
    assert len(token) == 32  # 24 random bytes, base64url
    assert access.token_hash == GuestAccess.hash_token(token) != token
    assert not GuestAccess.objects.filter(token_hash=token).exists()


def test_default_expiry_is_14_days_after_departure(member):
    delegation = member.delegation
    before = timezone.make_aware(dt.datetime(2025, 11, 1, 12))
    expiry = services.default_guest_link_expiry(delegation, now=before)
    assert timezone.localtime(expiry).date() == dt.date(2025, 12, 6)

    # Made after that day, a link would be born expired: it lasts 14 days from its making instead.
    later = timezone.make_aware(dt.datetime(2026, 3, 1, 12))
    assert services.default_guest_link_expiry(delegation, now=later) == later + dt.timedelta(days=14)


def test_unknown_expired_and_revoked_tokens_get_the_same_plain_404(client, member):
    _, good = services.issue_guest_access(delegation=member.delegation, member=member)
    expired, expired_token = services.issue_guest_access(
        delegation=member.delegation, member=member, revoke_previous=False
    )
    GuestAccess.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    revoked, revoked_token = services.issue_guest_access(
        delegation=member.delegation, member=member, revoke_previous=False
    )
    services.revoke_guest_access(revoked)

    assert client.get(f"/g/{good}/").status_code == 200
    answers = [
        client.get(f"/g/{token}/")
        for token in ("x" * 32, expired_token, revoked_token, "short", "ä-not-a-token", "a" * 500)
    ]
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert "Olena" not in answers[0].content.decode()


def test_remaking_a_link_revokes_the_old_one(client, member):
    _, old = services.issue_guest_access(delegation=member.delegation, member=member)
    _, new = services.issue_guest_access(delegation=member.delegation, member=member)
    assert client.get(f"/g/{old}/").status_code == 404
    assert client.get(f"/g/{new}/").status_code == 200


def test_opening_a_link_changes_nothing_but_its_use_stamps(client, guest_link):
    access, token = guest_link
    member = access.member
    history = member.history.count()
    client.get(f"/g/{token}/")
    client.get(f"/g/{token}/uk/programm.ics")

    access.refresh_from_db()
    assert access.last_used_at is not None
    assert member.history.count() == history
    assert GuestAccess.objects.count() == 1


# The admin


def admin_action(client, url: str, action: str, pks) -> object:
    return client.post(url, {"action": action, "_selected_action": [str(pk) for pk in pks]}, follow=False)


def test_planner_makes_member_links_and_sees_them_once(planner_client, member):
    other = factories.MemberFactory(delegation=member.delegation)
    response = admin_action(
        planner_client, "/admin/delegations/member/", "make_member_links", [member.pk, other.pk]
    )

    assert response.status_code == 200
    page = response.content.decode()
    tokens = LINK.findall(page)
    assert len(set(tokens)) == 2
    assert "no-store" in response["Cache-Control"]
    for token in set(tokens):
        access = services.find_guest_access(token)
        assert access is not None and access.created_by == planner_client.user
    assert {services.find_guest_access(t).member for t in tokens} == {member, other}

    # The list shows the links without their tokens afterwards.
    listing = planner_client.get("/admin/visits/guestaccess/").content.decode()
    assert not LINK.search(listing)


def test_planner_makes_a_whole_delegation_link(planner_client, member):
    response = admin_action(
        planner_client, "/admin/delegations/delegation/", "make_delegation_link", [member.delegation.pk]
    )
    (token,) = set(LINK.findall(response.content.decode()))
    access = services.find_guest_access(token)
    assert access.member is None and access.delegation == member.delegation


def test_planner_makes_a_link_in_the_add_form_with_expiry(planner_client, member):
    expiry = timezone.now() + dt.timedelta(days=3)
    response = planner_client.post(
        "/admin/visits/guestaccess/add/",
        {
            "delegation": member.delegation.pk,
            "member": member.pk,
            "expires_at_0": timezone.localtime(expiry).strftime("%d.%m.%Y"),
            "expires_at_1": timezone.localtime(expiry).strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    (token,) = set(LINK.findall(response.content.decode()))
    access = services.find_guest_access(token)
    assert access.member == member
    assert abs((access.expires_at - expiry).total_seconds()) < 1
    assert LogEntry.objects.filter(object_id=str(access.pk)).exists()


def test_add_form_refuses_a_member_of_another_delegation(planner_client, member):
    stranger = factories.MemberFactory()
    response = planner_client.post(
        "/admin/visits/guestaccess/add/", {"delegation": member.delegation.pk, "member": stranger.pk}
    )
    assert response.status_code == 200
    assert "Dieses Mitglied gehört zu einer anderen Delegation." in response.content.decode()
    assert GuestAccess.objects.count() == 0


def test_planner_revokes_and_remakes_links(planner_client, client, guest_link):
    access, token = guest_link
    admin_action(planner_client, "/admin/visits/guestaccess/", "revoke_links", [access.pk])
    access.refresh_from_db()
    assert access.revoked_at is not None
    assert client.get(f"/g/{token}/").status_code == 404

    response = admin_action(planner_client, "/admin/visits/guestaccess/", "remake_links", [access.pk])
    (new,) = set(LINK.findall(response.content.decode()))
    assert client.get(f"/g/{new}/").status_code == 200
    assert GuestAccess.objects.valid().count() == 1


def test_planner_sets_the_expiry_of_an_existing_link(planner_client, guest_link):
    access, _ = guest_link
    later = timezone.localtime(timezone.now() + dt.timedelta(days=60)).replace(microsecond=0)
    response = planner_client.post(
        f"/admin/visits/guestaccess/{access.pk}/change/",
        {"expires_at_0": later.strftime("%d.%m.%Y"), "expires_at_1": later.strftime("%H:%M:%S")},
    )
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.expires_at == later


def test_planners_see_when_each_link_was_last_used(planner_client, client, guest_link):
    access, token = guest_link
    client.get(f"/g/{token}/")
    access.refresh_from_db()

    page = planner_client.get(f"/admin/delegations/member/{access.member.pk}/change/").content.decode()
    used = re.search(r'<td class="field-last_used_at">\s*<p>([^<]*)</p>', page).group(1)
    assert used == date_format(timezone.localtime(access.last_used_at), "DATETIME_FORMAT")
    listing = planner_client.get("/admin/visits/guestaccess/").content.decode()
    assert "gültig" in listing and access.member.full_name in listing


def test_guest_links_are_hidden_from_press_and_read_only(press_client, reader_client, guest_link):
    for client in (press_client, reader_client):
        assert client.get("/admin/visits/guestaccess/").status_code == 403


def test_links_by_email_one_per_member_in_their_language_after_commit(
    planner_client, member, django_capture_on_commit_callbacks
):
    english = factories.MemberFactory(
        delegation=member.delegation, preferred_language=Language.ENGLISH, email="en@podilsk.example"
    )
    silent = factories.MemberFactory(delegation=member.delegation, email="")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_action(
            planner_client,
            "/admin/delegations/member/",
            "email_member_links",
            [member.pk, english.pk, silent.pk],
        )
        assert mail.outbox == []  # nothing leaves before the links are stored
    for callback in callbacks:
        callback()

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, "en@podilsk.example"])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    for recipient in by_recipient:
        (token,) = LINK.findall(by_recipient[recipient].body)
        assert services.find_guest_access(token).member.email == recipient
    assert GuestAccess.objects.filter(member=silent).count() == 0
    messages = [str(m) for m in planner_client.get("/admin/").context["messages"]]
    assert any(silent.full_name in m for m in messages)


def test_link_email_is_written_in_the_members_language():
    english = factories.MemberFactory(preferred_language=Language.ENGLISH)
    german = factories.MemberFactory(preferred_language=Language.GERMAN)

    message = services.guest_link_email(
        member=english, url="https://x.example/g/t/", expires_at=timezone.now()
    )
    assert message.extra_headers["Content-Language"] == "en"
    assert message.to == [english.email]
    assert "https://x.example/g/t/" in message.body

    message = services.guest_link_email(
        member=german, url="https://x.example/g/t/", expires_at=timezone.now()
    )
    assert message.extra_headers["Content-Language"] == "de"
    assert message.subject == f"Ihr persönliches Programm: {german.delegation.title}"
    assert message.body.startswith(f"Guten Tag {german.full_name},")


def test_guest_links_command_prints_a_new_link_per_member(client, member):
    other = factories.MemberFactory(delegation=member.delegation, first_name="Petro", last_name="Bondar")
    _, old = services.issue_guest_access(delegation=member.delegation, member=member)
    out, err = io.StringIO(), io.StringIO()

    call_command("guest_links", member.delegation.slug, "--delegation-link", stdout=out, stderr=err)

    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        *sorted([member.full_name, other.full_name], key=lambda n: n.split()[1]),
        member.delegation.title,
    ]
    for line in lines:
        _name, url = line.split("\t")
        (token,) = LINK.findall(url)
        assert url == f"http://127.0.0.1:8000/g/{token}/"
        assert client.get(f"/g/{token}/").status_code == 200
    assert "gelten nicht mehr" in err.getvalue()
    assert client.get(f"/g/{old}/").status_code == 404


def test_guest_links_command_refuses_an_unknown_delegation():
    with pytest.raises(CommandError):
        call_command("guest_links", "nowhere", stdout=io.StringIO(), stderr=io.StringIO())


def test_guest_paths_are_closed_to_crawlers(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /g/" in lines


@pytest.mark.parametrize("size", [10, 200])
def test_link_list_in_the_admin_has_a_constant_query_count(planner_client, size, django_assert_num_queries):
    delegation = factories.DelegationFactory()
    for _ in range(size):
        member = factories.MemberFactory(delegation=delegation)
        services.issue_guest_access(delegation=delegation, member=member, created_by=planner_client.user)
    planner_client.get("/admin/visits/guestaccess/")  # warm up: session, permissions, content types

    # 9: with the request's savepoint and its release (ATOMIC_REQUESTS, counted inside the test's
    # transaction); tests/test_admin_size.py holds every admin page to at most ten.
    with django_assert_num_queries(9):
        response = planner_client.get("/admin/visits/guestaccess/?all=")
    assert response.status_code == 200
    assert response.content.decode().count('class="field-holder"') == size
