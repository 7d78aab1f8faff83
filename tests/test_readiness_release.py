"""Release readiness, the release obeys it: the service refuses a release with blocking findings unless given
a reason and records what was accepted; the admin's readiness page and release form do the same, and the
readiness page's queries do not grow with the visit."""

import html

import pytest
from django.urls import reverse

from tests import factories
from tests.readiness_visits import READINESS_URL, RELEASE_URL, _blocked_visit, ready_visit
from visits import readiness
from visits.models import GuestAccess, ProgrammeRelease, ReleasedItem
from visits.readiness import Code
from visits.releases import ReleaseBlocked, release_programme

pytestmark = pytest.mark.django_db


# -- The service: refused without a reason, recorded with one -------------------------------------------


def test_a_release_with_blocking_findings_is_refused_and_writes_nothing():
    delegation, _members, _talk = _blocked_visit()
    with pytest.raises(ReleaseBlocked) as refused:
        release_programme(delegation=delegation, note="Erster Stand")
    assert [f.code for f in refused.value.blocking] == [Code.MISSING_TRANSLATION]
    assert "kein Text auf Ukrainisch" in str(refused.value)
    with pytest.raises(ReleaseBlocked):
        release_programme(delegation=delegation, accept_reason="   ")
    assert ProgrammeRelease.objects.count() == 0 and ReleasedItem.objects.count() == 0


def test_a_release_with_a_reason_records_the_findings_and_the_reason():
    delegation, _members, talk = _blocked_visit()
    release = release_programme(delegation=delegation, accept_reason="Übersetzung kommt morgen.")
    assert release.accepted_reason == "Übersetzung kommt morgen."
    assert release.accepted_findings == [
        {
            "code": "missing_translation",
            "text": "„Gespräch 0“ (16.11.2025 08:00): kein Text auf Ukrainisch für Titel; "
            "1 Mitglied liest Ukrainisch.",
            "url": reverse("admin:visits_programmeitem_change", args=[talk.pk]),
        }
    ]
    assert ReleasedItem.objects.filter(release=release).count() == 2


def test_a_release_without_blocking_findings_records_nothing_accepted():
    delegation, _members, _items = ready_visit()
    release = release_programme(delegation=delegation, accept_reason="vorsichtshalber")
    assert (release.accepted_findings, release.accepted_reason) == ([], "")


def test_an_acceptance_covers_only_the_findings_seen():
    delegation, (oksana, _petro), _talk = _blocked_visit()
    seen = [f.key for f in readiness.blocking(readiness.check(delegation))]
    oksana.email = ""
    oksana.save()
    with pytest.raises(ReleaseBlocked) as refused:
        release_programme(delegation=delegation, accept_reason="gesehen", accepted_keys=seen)
    assert [f.code for f in refused.value.unseen] == [Code.UNREACHABLE_MEMBER]
    assert ProgrammeRelease.objects.count() == 0


# -- The admin: the readiness page, the release form, the release's record ---------------------------------


def page_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def test_the_readiness_page_lists_findings_with_links_to_fix_them(planner_client):
    delegation, _members, talk = _blocked_visit()
    talk.venue = None
    talk.save()
    response = planner_client.get(READINESS_URL, {"delegation": delegation.pk})
    text = page_text(response)
    assert response.status_code == 200
    assert "1 blockierender Befund" in text and "1 Warnung" in text
    assert "1 Text fehlt in der Sprache seiner Leser: Ukrainisch 1" in text
    assert "kein Text auf Ukrainisch für Titel" in text and "hat keinen Ort" in text
    assert f'href="{reverse("admin:visits_programmeitem_change", args=[talk.pk])}"' in text
    assert f'href="{RELEASE_URL}?delegation={delegation.pk}"' in text


def test_the_readiness_page_without_a_delegation_asks_for_one(planner_client):
    response = planner_client.get(READINESS_URL)
    assert response.status_code == 200 and 'name="delegation"' in response.content.decode()


def test_only_planners_see_the_readiness_page(press_client, reader_client, planner_client):
    delegation, _members, _items = ready_visit()
    for client in (press_client, reader_client):
        assert client.get(READINESS_URL, {"delegation": delegation.pk}).status_code == 403
    assert planner_client.post(READINESS_URL, {"delegation": delegation.pk}).status_code == 405


def test_the_delegation_and_the_release_page_link_to_the_readiness_page(planner_client):
    delegation, _members, _items = ready_visit()
    link = f'href="{READINESS_URL}?delegation={delegation.pk}"'
    change = planner_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    assert link in change.content.decode()
    release = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    assert link in release.content.decode()
    assert "Keine blockierenden Befunde." in page_text(release)
    assert 'name="accept_reason"' not in release.content.decode()  # nothing to accept


def test_the_admin_refuses_a_release_with_blocking_findings_without_a_reason(planner_client):
    delegation, _members, _talk = _blocked_visit()
    preview = planner_client.get(RELEASE_URL, {"delegation": delegation.pk})
    assert "kein Text auf Ukrainisch für Titel" in page_text(preview)
    assert 'name="accept_reason"' in preview.content.decode()
    seen = preview.context["seen_keys"]

    refused = planner_client.post(RELEASE_URL, {"delegation": delegation.pk, "seen": seen})
    assert refused.status_code == 200
    assert "Es gibt blockierende Befunde" in page_text(refused)
    ticked = planner_client.post(RELEASE_URL, {"delegation": delegation.pk, "seen": seen, "accept": "on"})
    assert "Bitte begründen Sie" in page_text(ticked)
    assert ProgrammeRelease.objects.count() == 0


def test_the_admin_releases_with_a_reason_and_shows_it(planner_client, reader_client):
    delegation, _members, _talk = _blocked_visit()
    seen = planner_client.get(RELEASE_URL, {"delegation": delegation.pk}).context["seen_keys"]
    response = planner_client.post(
        RELEASE_URL,
        {"delegation": delegation.pk, "seen": seen, "accept": "on", "accept_reason": "Übersetzerin krank."},
    )
    release = ProgrammeRelease.objects.get()
    assert response.status_code == 302
    assert release.accepted_reason == "Übersetzerin krank."
    assert [f["code"] for f in release.accepted_findings] == ["missing_translation"]

    page = page_text(reader_client.get(reverse("admin:visits_programmerelease_change", args=[release.pk])))
    accepted = page[page.index("Trotz blockierender Befunde freigegeben") :]
    assert accepted.index("Übersetzerin krank.") < accepted.index("kein Text auf Ukrainisch für Titel")
    assert page.index("Trotz blockierender Befunde freigegeben") < page.index('id="kleve-notices"')

    listing = reader_client.get(reverse("admin:visits_programmerelease_changelist"))
    assert "Trotz Befunden freigegeben" in page_text(listing)
    assert 'alt="True"' in listing.content.decode()


def test_the_admin_refuses_findings_that_came_up_after_the_preview(planner_client):
    delegation, (oksana, _petro), _talk = _blocked_visit()
    seen = planner_client.get(RELEASE_URL, {"delegation": delegation.pk}).context["seen_keys"]
    oksana.email = ""
    oksana.save()
    response = planner_client.post(
        RELEASE_URL, {"delegation": delegation.pk, "seen": seen, "accept": "on", "accept_reason": "ok"}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "neue blockierende Befunde" in text and "Oksana0 Koval erfährt von keiner Freigabe" in text
    assert ProgrammeRelease.objects.count() == 0


@pytest.mark.parametrize(("members", "items"), [(2, 10), (40, 200)])
def test_the_readiness_page_runs_the_same_queries_at_two_sizes(
    planner_client, django_assert_num_queries, members, items
):
    delegation, people, programme = ready_visit(members=members, items=items)
    host = factories.ContactFactory()
    for n, item in enumerate(programme):
        item.hosts.set([host])
        if n % 2:
            item.participants.set(people[: n % members + 1])
        if n % 5 == 0:
            item.title_uk = ""  # a finding on every fifth item
            item.save()
    GuestAccess.objects.filter(member=people[0]).delete()

    # user and permissions, the request's savepoint and its release; the delegation; the check: members,
    # items, participants, the conflict check's eight (members, items, participants, hosts, neighbours,
    # contacts, venues) and the links
    with django_assert_num_queries(16):
        response = planner_client.get(READINESS_URL, {"delegation": delegation.pk})
    assert len(response.context["blocking"]) == len(range(0, items, 5))
    assert len(response.context["warnings"]) == 1
