"""Forms lead to the error: on every form guests, the public and staff (outside Django's stock admin forms)
fill in, a submission with errors shows an error summary at the top, a heading and one link per error to its
field, that takes the focus (autofocus, tabindex=-1, and a script file of the app), and keeps every value
typed. Where focus lands in a real browser, with the keyboard only, is tests/browser/test_error_summary.py."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.templatetags.error_summary import SummaryError, form_errors
from delegations.enums import Language
from tests import factories
from tests.factories_funding import BudgetLineFactory, DelegationFundingFactory
from visits import services

pytestmark = pytest.mark.django_db

HEADINGS = {"de": "Es gibt ein Problem", "uk": "Виникла проблема", "en": "There is a problem"}
TITLE_PREFIXES = {"de": "Fehler:", "uk": "Помилка:", "en": "Error:"}


class _Page(HTMLParser):
    """The ids on a page, the error summary's links, and what comes before the summary inside <main>."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.summary: dict[str, str] | None = None
        self.links: list[str] = []
        self.before_summary: list[str] = []  # tags inside <main> before the summary
        self.title = ""
        self._in_main = self._in_title = False
        self._summary_depth = 0  # open <div>s of the summary, while inside it

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "title":
            self._in_title = True
        if tag == "main":
            self._in_main = True
        elif "data-error-summary" in attributes:
            self.summary, self._summary_depth = attributes, 1
        elif self._summary_depth:
            self._summary_depth += tag == "div"
            if tag == "a":
                self.links.append(attributes["href"])
        elif self._in_main and self.summary is None:
            self.before_summary.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._summary_depth and tag == "div":
            self._summary_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def page_of(response) -> tuple[_Page, str]:
    html = response.content.decode()
    parser = _Page()
    parser.feed(html)
    return parser, html


def assert_summary_leads_to(response, *field_ids: str, language: str = "de", first: bool = True) -> str:
    """The summary is there, takes the focus, links each field's error to that field; returns the HTML."""
    page, html = page_of(response)
    assert page.summary is not None, "no error summary"
    assert page.summary.get("tabindex") == "-1" and "autofocus" in page.summary
    assert f">{HEADINGS[language]}</h2>" in html
    assert [link.removeprefix("#") for link in page.links] == list(field_ids)
    assert all(link.removeprefix("#") in page.ids for link in page.links)  # every link has its field
    assert re.search(r'<script src="[^"]*core/error-summary(\.[0-9a-f]+)?\.js" defer>', html)
    assert page.title.strip().startswith(TITLE_PREFIXES[language])
    if first:  # no heading, text or field of the page comes before it (GOV.UK: a back link at most)
        assert not {"h1", "h2", "form", "label", "input", "table"} & set(page.before_summary)
    return html


# -- The guest's own details ------------------------------------------------------------------------------


@pytest.fixture
def guest():
    arrival = timezone.localdate() + dt.timedelta(days=30)
    delegation = factories.DelegationFactory(
        arrival_date=arrival, departure_date=arrival + dt.timedelta(days=6)
    )
    member = factories.MemberFactory(delegation=delegation, phone="", preferred_language=Language.UKRAINIAN)
    _, token = services.issue_guest_access(delegation=delegation, member=member)
    return member, token


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_guests_form_leads_to_each_error_and_keeps_what_was_typed(client, guest, language):
    member, token = guest
    response = client.post(
        f"/g/{token}/{language}/angaben/",
        {
            "arrival_date": member.delegation.arrival_date.isoformat(),  # without its time
            "arrival_reference": "LH 2371",
            "dietary_needs": "вегетаріанка, без горіхів",
            "phone": "12",
            "photo_consent": "given",
        },
    )
    assert response.status_code in (200, 400)
    html = assert_summary_leads_to(response, "id_arrival_time", "id_phone", language=language)
    assert 'value="LH 2371"' in html and "вегетаріанка, без горіхів</textarea>" in html
    assert f'value="{member.delegation.arrival_date.isoformat()}"' in html and 'value="12"' in html
    assert re.search(r'value="given"[^>]*checked|checked[^>]*value="given"', html)
    assert html.index("data-error-summary") < html.index("<h1")


def test_the_guests_form_without_errors_has_no_summary(client, guest):
    _member, token = guest
    page, _html = page_of(client.get(f"/g/{token}/uk/angaben/"))
    assert page.summary is None


# -- The public feedback form ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_accessibility_feedback_form_leads_to_each_error(language):
    url = reverse("pages:accessibility_feedback").replace("/de/", f"/{language}/", 1)
    response = Client().post(url, {"message": "kurz", "email": "keine-adresse", "page_url": "/de/"})
    assert response.status_code == 400
    html = assert_summary_leads_to(response, "id_message", "id_email", language=language)
    assert "kurz</textarea>" in html and 'value="keine-adresse"' in html
    assert html.index("data-error-summary") < html.index("<h1")


# -- Staff pages outside the stock admin forms -------------------------------------------------------------


def test_the_release_page_leads_to_the_unknown_delegation(planner_client):
    url = reverse("admin:visits_programmerelease_release")
    response = planner_client.get(url, {"delegation": "999999"})
    assert_summary_leads_to(response, "id_delegation")


def test_the_release_form_leads_to_the_note_and_keeps_it(planner_client):
    delegation = factories.DelegationFactory()
    factories.ProgrammeItemFactory(delegation=delegation)
    url = reverse("admin:visits_programmerelease_release")
    note = "Zu lang. " * 40
    response = planner_client.post(
        f"{url}?delegation={delegation.pk}", {"delegation": delegation.pk, "note": note}
    )
    html = assert_summary_leads_to(response, "id_note")
    assert f'value="{note}"' in html


def test_copying_a_programme_leads_to_the_target(planner_client):
    source = factories.DelegationFactory()
    factories.ProgrammeItemFactory(delegation=source)
    url = reverse("admin:delegations_delegation_copy_programme", args=[source.pk])
    response = planner_client.get(url, {"target": "999999", "first_day": "2026-05-04"})
    html = assert_summary_leads_to(response, "id_target")
    assert 'value="2026-05-04"' in html


def test_booking_a_cost_leads_to_each_missing_field_and_keeps_the_others(planner_client):
    funding = DelegationFundingFactory()
    BudgetLineFactory(funding=funding)
    url = reverse("funding:delegation", kwargs={"pk": funding.delegation_id})
    response = planner_client.post(url, {"description": "Taxi zum Kreishaus", "amount": "", "spent_on": ""})
    page, html = page_of(response)
    assert page.summary is not None
    targets = [link.removeprefix("#") for link in page.links]
    assert "id_line" in targets and "id_amount" in targets and "id_spent_on" in targets
    assert_summary_leads_to(response, *targets)
    assert 'value="Taxi zum Kreishaus"' in html


def test_a_wrong_two_factor_code_leads_to_the_code_field(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = factories.UserFactory(username="kollegin", is_staff=True)
    TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    client.force_login(user)
    response = client.post(reverse("accounts:verify"), {"otp_token": "000000", "next": "/admin/"})
    assert response.status_code == 400
    assert_summary_leads_to(response, "id_otp_token")


# -- The summary itself ------------------------------------------------------------------------------------


class _Example(forms.Form):
    name = forms.CharField(label="Name")
    choice = forms.ChoiceField(label="Wahl", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Das Ganze passt nicht.")


def test_each_error_leads_to_its_field_in_the_order_of_the_form():
    errors = form_errors(_Example({"name": "", "choice": "x", "secret": ""}))
    assert errors == [
        SummaryError("id_name", "", "Das Ganze passt nicht."),
        SummaryError("id_name", "Name", "Dieses Feld ist zwingend erforderlich."),
        SummaryError(
            "id_choice_0", "Wahl", "Bitte eine gültige Auswahl treffen. x ist keine gültige Auswahl."
        ),
        SummaryError("id_name", "", "Dieses Feld ist zwingend erforderlich."),  # the hidden field's
    ]
    assert form_errors(_Example()) == []  # an unbound form has nothing to summarise
    assert form_errors(None) == []
