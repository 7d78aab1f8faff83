"""Nothing private leaks: crawl every public URL in all three languages with secrets planted in the demo data.

The demo visit (`seed_demo`) gets a unique secret in every field the public must never see: members' phones,
emails, hotel, room, travel details, dietary and accessibility needs, names of members and contacts who are no
public figures, internal notes, an internal and a guests-only item, a draft and an embargoed page. Then an
anonymous client follows every link from the three home pages, plus the feeds, the sitemap, robots.txt and
each visit's calendar and frab files, and finds none of the secrets. The planted programme is released first,
since the public reads the latest release.
"""

import datetime as dt
import io
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from delegations.models import Contact, Delegation, Member
from press.enums import PageStatus
from press.models import EventPage
from tests import factories
from visits import enums
from visits.models import ProgrammeItem, ReleasedItem

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""(?:href|src)="([^"]+)"|srcset="([^"]+)"|<(?:loc|link)>([^<]+)</|href="([^"]+)"/>""")
NEVER_FOLLOW = ("/admin/", "/g/", "/i18n/", "/static/")


def secret(name: str) -> str:
    return f"GEHEIM{name.upper()}X7Q"


def plant_secrets() -> dict[str, str]:
    """Put a unique secret into every private field of the demo's public visit; return them by field."""
    visit = Delegation.objects.published().order_by("pk").first()
    assert visit is not None, "the demo has a public visit"
    secrets = {}
    hotel = factories.HotelFactory(
        name=secret("hotel"), name_de=secret("hotel"), street=secret("hotelstreet")
    )
    secrets |= {"hotel": secret("hotel"), "hotel street": secret("hotelstreet")}
    members = list(visit.members.all())
    private_member = members[0] if not members[0].is_public_figure else members[-1]
    for index, member in enumerate(members):
        member.email = f"{secret(f'mail{index}').lower()}@podilsk.example"
        member.phone = f"+380 48 7{index:02d} 31 59"
        member.hotel = hotel
        member.room = secret(f"room{index}")
        member.arrival_reference = secret(f"arrival{index}")
        member.departure_reference = secret(f"departure{index}")
        member.dietary_needs = secret(f"diet{index}")
        member.accessibility_needs = secret(f"access{index}")
        member.arrival_at = factories.berlin(2025, 11, 16, 13, 17)
        member.save()
        secrets |= {
            f"email {index}": member.email,
            f"phone {index}": f"+380487{index:02d}3159",
            f"room {index}": member.room,
            f"arrival {index}": member.arrival_reference,
            f"departure {index}": member.departure_reference,
            f"diet {index}": member.dietary_needs,
            f"access {index}": member.accessibility_needs,
        }
    private_member.first_name = secret("firstname")
    private_member.last_name = secret("lastname")
    private_member.first_name_original = secret("cyrillicfirst")
    private_member.is_public_figure = False
    private_member.save()
    secrets |= {"member first": secret("firstname"), "member last": secret("lastname")}
    secrets["member cyrillic"] = secret("cyrillicfirst")

    contact = factories.ContactFactory(
        first_name=secret("contactfirst"),
        last_name=secret("contactlast"),
        email=f"{secret('contactmail').lower()}@kreis-kleve.example",
        phone="+49 2821 594 2718",
        is_public_figure=False,
    )
    secrets |= {
        "contact first": secret("contactfirst"),
        "contact email": contact.email,
        "contact phone": "+4928215942718",
    }
    public_items = list(ProgrammeItem.objects.public().filter(delegation=visit))
    assert public_items, "the demo has a public programme"
    for item in public_items:
        item.hosts.add(contact)
        item.internal_notes = secret("internalnote")
        item.save()
    secrets["internal note"] = secret("internalnote")
    dinner = factories.ProgrammeItemFactory(
        delegation=visit,
        title=secret("guestsitem"),
        title_de=secret("guestsitem"),
        visibility=enums.Visibility.GUESTS,
        venue=hotel,
    )
    internal = factories.ProgrammeItemFactory(
        delegation=visit,
        title=secret("internalitem"),
        title_de=secret("internalitem"),
        visibility=enums.Visibility.INTERNAL,
    )
    secrets |= {"guests item": dinner.title_de, "internal item": internal.title_de}
    factories.ProgrammeItemFactory(
        delegation=visit, title_de="Abendessen im Hotel", visibility=enums.Visibility.PUBLIC, venue=hotel
    )
    factories.EventPageFactory(
        delegation=visit, slug="entwurf-geheim", title_de=secret("draftpage"), status=PageStatus.DRAFT
    )
    factories.EventPageFactory(
        delegation=visit,
        slug="sperrfrist-geheim",
        title_de=secret("embargopage"),
        summary_de=secret("embargosummary"),
        status=PageStatus.PUBLISHED,
        publish_at=factories.berlin(2025, 11, 1),
        embargo_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
    )
    factories.EventPageFactory(
        delegation=visit,
        slug="geplant-geheim",
        title_de=secret("scheduledpage"),
        status=PageStatus.SCHEDULED,
        publish_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
    )
    secrets |= {
        "draft page": secret("draftpage"),
        "embargoed page": secret("embargopage"),
        "embargoed summary": secret("embargosummary"),
        "scheduled page": secret("scheduledpage"),
        "draft slug": "entwurf-geheim",
        "embargo slug": "sperrfrist-geheim",
        "scheduled slug": "geplant-geheim",
    }
    hidden = factories.DelegationFactory(
        title_de=secret("hiddenvisit"), slug="geheimer-besuch", is_public=False
    )
    factories.EventPageFactory(delegation=hidden, slug="seite-geheimer-besuch", status=PageStatus.PUBLISHED)
    secrets |= {"hidden visit": secret("hiddenvisit"), "hidden visit slug": "geheimer-besuch"}
    # The public reads the latest release: release the planted programme, so its secrets are where they show
    # (planted anywhere, they make findings of the readiness check; that is not what is tested here).
    factories.release(visit, accept_reason="Geheimnisse absichtlich überall gesät.")
    released = ReleasedItem.objects.public().filter(release__delegation=visit)
    assert released.filter(hosts=contact).count() == len(public_items)
    assert released.filter(venue=hotel).count() == 1
    latest = ReleasedItem.objects.latest().filter(release__delegation=visit)
    assert latest.filter(title_de=dinner.title_de).count() == 1
    return secrets


def leaked(value: str, body: bytes) -> bool:
    text = body.decode(errors="replace").lower()
    if value.startswith("+"):
        # A phone number may be printed in any grouping: compare without spaces, dashes and brackets.
        digits = re.sub(r"[\s\-()/.]|&nbsp;|&#160;", "", text)
        return value in digits or value.replace("+49", "0").replace("+380", "0") in digits
    return value.lower() in text


def links(base: str, body: str) -> set[str]:
    found = set()
    for match in LINK.finditer(body):
        for group in match.groups():
            if not group:
                continue
            for candidate in unescape(group).split(","):
                target = candidate.strip().split(" ")[0]
                if target:
                    found.add(urljoin(base, target))
    return found


def crawl(client, starts: list[str]) -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = list(starts)
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        # The site's absolute links start with settings.SITE_URL (core.links).
        own = ("", "testserver", urlsplit(settings.SITE_URL).netloc)
        if parts.netloc not in own or parts.scheme not in ("", "http"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path.startswith(NEVER_FOLLOW):
            continue
        response = client.get(path, follow=True)
        assert response.status_code == 200, (path, response.status_code)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        seen[path] = body
        if response["Content-Type"].split(";")[0] in {
            "text/html",
            "application/xml",
            "application/atom+xml",
            "application/rss+xml",
            "text/calendar",
            "application/json",
        }:
            queue.extend(links(f"http://testserver{path}", body.decode()))
    return seen


@pytest.fixture
def demo(db):
    # As held: the visit is over, so every public page is there to crawl (event pages published, nothing held
    # back), whatever the hour of the test.
    call_command("seed_demo", "--as-held", stdout=io.StringIO())
    return plant_secrets()


def test_no_secret_appears_on_any_public_url(anonymous_client, demo):
    starts = []
    for language in ("de", "uk", "en"):
        starts += [f"/{language}/", f"/{language}/feeds/atom.xml", f"/{language}/feeds/rss.xml"]
        for visit in Delegation.objects.published():
            for name in ("programm.ics", "schedule.xml", "schedule.json"):
                starts.append(f"/{language}/besuche/{visit.slug}/{name}")
    starts += ["/sitemap.xml", "/robots.txt"]
    pages = crawl(anonymous_client, starts)

    # The crawl reached what it should: every public page in every language, with photos.
    visits = list(Delegation.objects.published())
    published = list(EventPage.objects.published())
    assert published, "the demo has published event pages"
    for language in ("de", "uk", "en"):
        for visit in visits:
            assert f"/{language}/besuche/{visit.slug}/" in pages
        for page in published:
            assert f"/{language}/veranstaltungen/{page.slug}/" in pages
        for legal in ("impressum", "datenschutz", "barrierefreiheit"):
            assert f"/{language}/{legal}/" in pages
    assert any(path.startswith("/bilder/") for path in pages)
    assert len(pages) > 40

    leaks = {
        (name, path) for path, body in pages.items() for name, value in demo.items() if leaked(value, body)
    }
    assert leaks == set()


def test_public_figures_are_named_and_others_not(anonymous_client, demo):
    visit = Delegation.objects.published().order_by("pk").first()
    figure = Member.objects.filter(delegation=visit, is_public_figure=True).first()
    with translation.override("de"):
        body = anonymous_client.get(visit.get_absolute_url()).content.decode()
    assert figure is not None, "the demo has a public figure"
    assert figure.full_name in body
    public_hosts = Contact.objects.public_figures().filter(hosted_items__visibility=enums.Visibility.PUBLIC)
    for host in public_hosts.distinct():
        assert host.full_name in body
    assert secret("lastname") not in body and secret("contactlast") not in body
