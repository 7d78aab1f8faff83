"""The staff pages about one delegation share one frame (`admin/kleve/delegation_page.html`): breadcrumbs from
the start page through the delegations to this delegation, then the page's own, the last one current."""

import re

import pytest
from django.urls import reverse

from tests import factories
from visits.documents.lists import LIST_KINDS

pytestmark = pytest.mark.django_db


def crumbs_of(response) -> list[str]:
    crumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', response.content.decode(), re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", entry).strip() for entry in re.findall(r"<li[^>]*>(.*?)</li>", crumbs, re.S)
    ]


def pages(delegation, item) -> dict[str, tuple[str, list[str]]]:
    """Each page's address and the crumbs after the delegation's, as a planner reads them."""
    pk = delegation.pk
    kind = next(iter(LIST_KINDS))
    return {
        "programme": (reverse("admin:delegations_delegation_programme", args=[pk]), ["Programm"]),
        "copy": (reverse("admin:delegations_delegation_copy_programme", args=[pk]), ["Programm kopieren"]),
        "translations": (reverse("translations:index", args=[pk]) + "?language=uk", ["Übersetzungen"]),
        "documents": (reverse("documents:index", kwargs={"pk": pk}), ["Dokumente"]),
        "list": (
            reverse("documents:list", kwargs={"pk": pk, "kind": kind}),
            ["Dokumente", str(LIST_KINDS[kind].title)],
        ),
        "funding": (reverse("funding:delegation", kwargs={"pk": pk}), ["Förderung"]),
        "followup": (reverse("followup:delegation", kwargs={"pk": pk}), ["Nachbereitung"]),
        "letters": (reverse("letters:delegation", kwargs={"pk": pk}), ["Einladungsschreiben"]),
        "protocol": (reverse("protocol:overview", kwargs={"pk": pk}), ["Protokoll"]),
        "gifts": (reverse("protocol:gifts", kwargs={"pk": pk}), ["Protokoll", "Geschenkeregister"]),
        "running order": (
            reverse("protocol:running-order", kwargs={"item_pk": item.pk}),
            ["Protokoll", item.title],
        ),
    }


PAGES = [
    "programme",
    "copy",
    "translations",
    "documents",
    "list",
    "funding",
    "followup",
    "letters",
    "protocol",
    "gifts",
    "running order",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_a_delegation_leads_back_through_it(planner_client, page):
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk")
    item = factories.ProgrammeItemFactory(delegation=delegation, title="Festakt")
    url, own = pages(delegation, item)[page]

    response = planner_client.get(url)

    assert response.status_code == 200
    assert crumbs_of(response) == ["Start", "Delegationen", "Delegationen", "Besuch aus Podilsk", *own]
    crumbs = response.content.decode().split('<ol class="breadcrumbs">')[1].split("</ol>")[0]
    change = reverse("admin:delegations_delegation_change", args=[delegation.pk])
    assert f'<a href="{change}">Besuch aus Podilsk</a>' in crumbs
    # Only the last crumb is the page itself.
    assert crumbs.count('aria-current="page"') == 1
    assert re.search(r'<li aria-current="page">[^<]*</li>$', crumbs.strip())


@pytest.mark.parametrize(
    ("url_name", "own"),
    [
        ("admin:visits_programmerelease_release", ["Programm freigeben"]),
        ("admin:visits_programmerelease_readiness", ["Besuch aus Podilsk", "Bereit zur Freigabe?"]),
    ],
)
def test_the_release_pages_lead_back_through_the_releases(planner_client, url_name, own):
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk")

    response = planner_client.get(reverse(url_name), {"delegation": delegation.pk})

    assert response.status_code == 200
    assert crumbs_of(response) == ["Start", "Besuche und Programm", "Programmfreigaben", *own]
