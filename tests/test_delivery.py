"""The delivery record of release notices, in-process: channels, the messages, tries, backoff, claims, giving
up, sending again, and what staff see. The worker process itself is tested in test_delivery_worker.py."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from tests.processes import free_port
from tests.receivers import MailHandler, MailServer, Webhook
from visits import notices
from visits.models import GuestAccess, ReleaseNotification
from visits.releases import release_programme

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/g/[\w-]+/")
# Without a messenger service nothing reaches Mykola, which blocks a release (the readiness check): the tests
# that do not set one up release all the same, as a planner who phones him would.
BY_PHONE = "Mykola wird telefonisch informiert."


@pytest.fixture
def visit():
    """Five members, one way each of being reached, and two items translated into every language."""
    delegation = factories.DelegationFactory(
        title="Besuch aus Podilsk",
        title_uk="Візит з Подільська",
        title_en="Visit from Podilsk",
        slug="podilsk",
    )
    members = {
        "olena": factories.MemberFactory(
            delegation=delegation,
            first_name="Olena",
            first_name_original="Олена",
            last_name="Prykladna",
            last_name_original="Прикладна",
            email="olena@podilsk.example",
        ),
        "petro": factories.MemberFactory(
            delegation=delegation,
            first_name="Petro",
            preferred_language=d.Language.ENGLISH,
            email="petro@podilsk.example",
        ),
        "taras": factories.MemberFactory(
            delegation=delegation,
            first_name="Taras",
            preferred_language=d.Language.GERMAN,
            email="taras@podilsk.example",
        ),
        "iryna": factories.MemberFactory(
            delegation=delegation,
            first_name="Iryna",
            email="iryna@podilsk.example",
            messenger="+380501112233",
            notify_by=d.NoticeChannels.BOTH,
        ),
        "mykola": factories.MemberFactory(
            delegation=delegation,
            first_name="Mykola",
            email="",
            messenger="+380504445566",
            notify_by="messenger",
        ),
    }
    venue = factories.VenueFactory(name="Kreishaus Kleve", name_uk="Будинок округу Клеве")
    item = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Empfang",
        title_uk="Прийом",
        title_en="Reception",
        starts_at=berlin(2025, 11, 17, 10),
        ends_at=berlin(2025, 11, 17, 11),
        venue=venue,
    )
    return {"delegation": delegation, "members": members, "item": item}


@pytest.fixture
def webhook(settings):
    port = free_port()
    hook = Webhook(port)
    hook.start()
    settings.MESSENGER_URL = f"json://127.0.0.1:{port}/messenger/{{recipient}}"
    yield hook
    hook.stop()


def _smtp(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


def _release(visit, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return release_programme(delegation=visit["delegation"], accept_reason=BY_PHONE, **kwargs)


def _notice(release, member, channel="email") -> ReleaseNotification:
    return ReleaseNotification.objects.get(release=release, member=member, channel=channel)


# -- Channels ---------------------------------------------------------------------------------------------


def test_each_member_is_reached_on_the_channels_they_chose_that_work(visit, settings):
    m = visit["members"]
    settings.MESSENGER_URL = ""
    assert notices.channels_for(m["iryna"]) == ["email"]  # no messenger configured: email alone
    assert notices.channels_for(m["mykola"]) == []  # nothing reaches him
    settings.MESSENGER_URL = "json://127.0.0.1:9/hook/{recipient}"
    assert notices.channels_for(m["olena"]) == ["email"]
    assert notices.channels_for(m["iryna"]) == ["email", "messenger"]
    assert notices.channels_for(m["mykola"]) == ["messenger"]
    m["olena"].notify_by = "messenger"  # chose a messenger but gave no address: email still reaches her
    assert notices.channels_for(m["olena"]) == ["email"]


def test_a_release_records_one_queued_notice_per_member_and_channel(
    visit, webhook, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = release_programme(delegation=visit["delegation"], accept_reason=BY_PHONE)
    rows = {(n.member.first_name, n.channel, n.state, n.language) for n in release.notifications.all()}
    assert rows == {
        ("Olena", "email", "queued", "uk"),
        ("Petro", "email", "queued", "en"),
        ("Taras", "email", "queued", "de"),
        ("Iryna", "email", "queued", "uk"),
        ("Iryna", "messenger", "queued", "uk"),
        ("Mykola", "messenger", "queued", "uk"),
    }
    assert len(callbacks) == 1 and mail.outbox == []


# -- The messages -----------------------------------------------------------------------------------------


def test_the_email_is_text_and_html_in_the_members_language_with_a_link_that_opens(
    visit, client, django_capture_on_commit_callbacks
):
    release = _release(visit, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {
        "olena@podilsk.example",
        "petro@podilsk.example",
        "taras@podilsk.example",
        "iryna@podilsk.example",
    }
    olena, petro, taras = (by_address[f"{name}@podilsk.example"] for name in ("olena", "petro", "taras"))
    assert olena.subject == "Ваша програма «Візит з Подільська» готова"
    assert petro.subject == "Your programme “Visit from Podilsk” is ready"
    assert taras.subject == "Ihr Programm „Besuch aus Podilsk“ steht bereit"
    assert "Добрий день, Олена Прикладна" in olena.body
    for message in (olena, petro, taras):
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        link = LINK.search(message.body).group(0)
        assert f'href="{link}"' in html
        assert client.get(urlsplit(link).path).status_code == 200
    # A short Ukrainian line says where the itinerary lives, in every other language's notice.
    assert "Вашу актуальну програму" in petro.body and "Вашу актуальну програму" in taras.body
    assert 'lang="uk"' in petro.alternatives[0][0]
    notice = _notice(release, visit["members"]["olena"])
    assert olena.extra_headers["Message-ID"] == notices.message_id(notice)
    assert olena.extra_headers["X-Kleve-Notice-Key"] == notice.idempotency_key
    assert olena.extra_headers["Content-Language"] == "uk"


def test_the_personal_link_is_sent_again_without_revoking_the_one_the_guest_has(
    visit, client, django_capture_on_commit_callbacks
):
    olena = visit["members"]["olena"]
    _release(visit, django_capture_on_commit_callbacks)
    first_link = LINK.search(mail.outbox[0].body).group(0)
    visit["item"].starts_at += dt.timedelta(hours=1)
    visit["item"].ends_at += dt.timedelta(hours=1)
    visit["item"].save()
    mail.outbox.clear()
    _release(visit, django_capture_on_commit_callbacks)
    second = next(message for message in mail.outbox if message.to == [olena.email])
    assert LINK.search(second.body).group(0) == first_link
    assert GuestAccess.objects.filter(member=olena).count() == 1
    assert client.get(urlsplit(first_link).path).status_code == 200
    assert "Прийом" in second.body  # the change itself, in her language


def test_the_messenger_gets_a_short_text_with_the_link_and_the_idempotency_key(
    visit, webhook, django_capture_on_commit_callbacks
):
    release = _release(visit, django_capture_on_commit_callbacks)
    hits = {hit["path"]: hit for hit in webhook.received}
    assert set(hits) == {"/messenger/+380501112233", "/messenger/+380504445566"}
    mykola = hits["/messenger/+380504445566"]
    notice = _notice(release, visit["members"]["mykola"], "messenger")
    assert mykola["headers"]["X-Idempotency-Key"] == notice.idempotency_key
    assert LINK.search(mykola["json"]["message"])
    assert mykola["json"]["title"] == "Ваша програма «Візит з Подільська» готова"
    assert {n.state for n in release.notifications.all()} == {"sent"}


# -- Tries, backoff, giving up ----------------------------------------------------------------------------


def test_a_server_that_is_down_leaves_notices_retrying_with_the_error_and_the_next_try(
    visit, settings, django_capture_on_commit_callbacks
):
    settings.NOTICE_RETRY_DELAYS = [120, 480, 1200, 2400]
    _smtp(settings, free_port())  # nothing listens there
    before = timezone.now()
    release = _release(visit, django_capture_on_commit_callbacks)
    notice = _notice(release, visit["members"]["olena"])
    assert (notice.state, notice.attempts, notice.sent_at) == ("retrying", 1, None)
    assert "Connection refused" in notice.last_error or "ConnectionRefused" in notice.last_error
    assert (
        before + dt.timedelta(seconds=119)
        < notice.next_attempt_at
        < timezone.now() + dt.timedelta(seconds=121)
    )


def test_five_tries_over_about_an_hour_then_the_notice_is_given_up(visit, settings):
    assert sum(settings.NOTICE_RETRY_DELAYS) == 70 * 60  # the default: 2, 8, 20, 40 minutes
    _smtp(settings, free_port())
    release = release_programme(delegation=visit["delegation"], notify=False, accept_reason=BY_PHONE)
    notices.queue_release_notices(release=release, member_ids=[visit["members"]["olena"].pk])
    notice = release.notifications.get()
    states = []
    for _ in range(6):
        ReleaseNotification.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
        states.append(notices.deliver_notice.call(notice_id=notice.pk))
    assert states == ["retrying", "retrying", "retrying", "retrying", "given_up", "skipped"]
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == ("given_up", 5)


def test_an_address_the_server_refuses_fails_at_once_without_retrying(
    visit, settings, django_capture_on_commit_callbacks
):
    server = MailServer(free_port(), MailHandler(refuse={"petro@podilsk.example"}))
    server.start()
    try:
        _smtp(settings, server.port)
        release = _release(visit, django_capture_on_commit_callbacks)
    finally:
        server.stop()
    petro = _notice(release, visit["members"]["petro"])
    assert (petro.state, petro.attempts) == ("failed", 1)
    assert "550" in petro.last_error
    assert _notice(release, visit["members"]["olena"]).state == "sent"
    assert len(server.messages) == 3  # Olena, Taras, Iryna


def test_a_retry_waits_in_the_queue_until_it_is_due(visit, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _smtp(settings, free_port())
    release = release_programme(delegation=visit["delegation"], notify=False, accept_reason=BY_PHONE)
    notices.queue_release_notices(release=release, member_ids=[visit["members"]["olena"].pk])
    notice = release.notifications.get()
    assert notices.deliver_notice.call(notice_id=notice.pk) == "retrying"
    notice.refresh_from_db()
    waiting = DBTaskResult.objects.get()
    assert waiting.args_kwargs["kwargs"] == {"notice_id": notice.pk}
    assert waiting.run_after == notice.next_attempt_at


# -- Claims: never two workers on one notice, and none left behind ------------------------------------


def test_a_claimed_notice_is_not_claimed_again_until_its_claim_is_stale(visit, settings):
    settings.NOTICE_CLAIM_TIMEOUT = 60
    release = release_programme(delegation=visit["delegation"], notify=False, accept_reason=BY_PHONE)
    notices.queue_release_notices(release=release, member_ids=[visit["members"]["olena"].pk])
    notice = release.notifications.get()
    now = timezone.now()
    assert notices.claim(notice.pk, now=now) is True
    assert notices.claim(notice.pk, now=now + dt.timedelta(seconds=30)) is False
    assert notices.deliver_notice.call(notice_id=notice.pk) == "skipped"
    assert mail.outbox == []
    assert notices.claim(notice.pk, now=now + dt.timedelta(seconds=61)) is True  # its worker died
    notice.refresh_from_db()
    assert notice.attempts == 2


def test_the_sweep_queues_notices_whose_worker_died_and_leaves_live_ones(visit, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NOTICE_CLAIM_TIMEOUT = 60
    settings.NOTICE_SWEEP_SECONDS = 30
    release = release_programme(delegation=visit["delegation"], notify=False, accept_reason=BY_PHONE)
    m = visit["members"]
    notices.queue_release_notices(release=release, member_ids=[m["olena"].pk, m["petro"].pk, m["taras"].pk])
    olena, petro, taras = (_notice(release, m[name]) for name in ("olena", "petro", "taras"))
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    ReleaseNotification.objects.update(next_attempt_at=an_hour_ago)
    ReleaseNotification.objects.filter(pk=olena.pk).update(claimed_at=an_hour_ago)  # its worker died
    ReleaseNotification.objects.filter(pk=petro.pk).update(claimed_at=timezone.now())  # being sent now
    ReleaseNotification.objects.filter(pk=taras.pk).update(state="sent", sent_at=timezone.now())
    assert notices.recover_stalled() == 1
    assert [task.args_kwargs["kwargs"]["notice_id"] for task in DBTaskResult.objects.all()] == [olena.pk]


# -- What staff see and do --------------------------------------------------------------------------------


@pytest.fixture
def failed_release(visit, settings, django_capture_on_commit_callbacks):
    _smtp(settings, free_port())
    release = _release(visit, django_capture_on_commit_callbacks)
    release.notifications.filter(member=visit["members"]["olena"]).update(state="given_up", attempts=5)
    release.notifications.filter(member=visit["members"]["petro"]).update(state="failed", attempts=1)
    return release


def test_the_release_page_shows_each_notice_and_the_delegation_page_counts_the_undelivered(
    failed_release, planner_client
):
    page = planner_client.get(reverse("admin:visits_programmerelease_change", args=[failed_release.pk]))
    text = page.content.decode()
    assert "2 Mitteilungen sind nicht angekommen." in text
    assert text.count('class="kleve-notice kleve-notice--given_up"') == 1
    assert text.count('class="kleve-notice kleve-notice--retrying"') == 2  # Taras, Iryna: still trying
    assert "Alle nicht angekommenen erneut senden" in text
    delegation = failed_release.delegation
    page = planner_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    text = page.content.decode()
    assert '<span class="kleve-notice-count" aria-hidden="true">2</span>' in text
    assert "2 Mitteilungen nicht angekommen" in text


def test_planners_send_all_undelivered_again_and_they_arrive(
    failed_release, planner_client, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    url = reverse("admin:visits_releasenotification_resend")
    assert planner_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        answer = planner_client.post(url, {"release": failed_release.pk})
    assert answer.status_code == 302
    states = {n.member.first_name: (n.state, n.attempts) for n in failed_release.notifications.all()}
    assert states["Olena"] == ("sent", 1) and states["Petro"] == ("sent", 1)
    assert states["Taras"] == ("retrying", 1)  # not undelivered: left to its own next try
    assert sorted(message.to[0] for message in mail.outbox) == [
        "olena@podilsk.example",
        "petro@podilsk.example",
    ]


def test_one_notice_is_sent_again_and_a_sent_one_is_never_sent_twice(
    failed_release, planner_client, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    url = reverse("admin:visits_releasenotification_resend")
    petro = failed_release.notifications.get(member__first_name="Petro")
    with django_capture_on_commit_callbacks(execute=True):
        planner_client.post(url, {"notice": petro.pk})
        planner_client.post(url, {"notice": petro.pk})
    assert [message.to for message in mail.outbox] == [["petro@podilsk.example"]]


def test_read_only_staff_see_the_record_but_may_not_send(failed_release, reader_client):
    listing = reader_client.get(
        reverse("admin:visits_releasenotification_changelist") + "?delivery=undelivered"
    )
    assert listing.status_code == 200
    assert "Olena" in listing.content.decode() and "Taras" not in listing.content.decode()
    answer = reader_client.post(
        reverse("admin:visits_releasenotification_resend"), {"release": failed_release.pk}
    )
    assert answer.status_code == 403
    assert failed_release.notifications.undelivered().count() == 2


def test_the_member_page_links_the_members_notices(failed_release, planner_client):
    olena = failed_release.notifications.get(member__first_name="Olena").member
    page = planner_client.get(reverse("admin:delegations_member_change", args=[olena.pk])).content.decode()
    listing_url = reverse("admin:visits_releasenotification_changelist") + f"?member__id__exact={olena.pk}"
    assert listing_url in page
    listing = planner_client.get(listing_url).content.decode()
    assert "Olena" in listing and "Petro" not in listing


@pytest.mark.parametrize("size", [2, 40])
def test_the_delivery_list_runs_the_same_queries_at_two_sizes(
    size, planner_client, django_assert_num_queries
):
    release = factories.ProgrammeReleaseFactory()
    for index in range(size):
        member = factories.MemberFactory(delegation=release.delegation, email=f"m{index}@example.org")
        ReleaseNotification.objects.create(release=release, member=member, language="uk")
    url = reverse("admin:visits_releasenotification_changelist")
    planner_client.get(url)
    with django_assert_num_queries(9):
        assert planner_client.get(url).status_code == 200


# -- The command -----------------------------------------------------------------------------------------


def test_notice_status_prints_member_channel_state_and_tries(failed_release, capsys):
    call_command("notice_status", "podilsk")
    lines = capsys.readouterr().out.splitlines()
    by_member = {n.member_id: n for n in failed_release.notifications.all()}
    expected = sorted(
        f"{n.member_id} {n.channel} {n.state} {n.attempts}"
        for n in by_member.values()
        if n.channel == "email"
    )
    assert sorted(line for line in lines if " email " in line) == expected
    assert (
        f"{failed_release.notifications.get(member__first_name='Olena').member_id} email given_up 5" in lines
    )
