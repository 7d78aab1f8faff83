"""Input no view can use is refused cleanly: NUL bytes in URLs (400, before PostgreSQL sees them) and
autocomplete fields holding something that is no key (the form's own error, not a server error)."""

import pytest
from django.urls import reverse

from tests.admin_samples import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/brief/a%00b/",
        "/bilder/a%00b/x.jpg",
        "/de/?q=%00",
        "/g/abc%00def/",
        "/admin/delegations/member/?q=%00",
        "/admin/delegations/member/?first_name__exact=a%00",
    ],
)
def test_a_nul_byte_in_a_url_is_a_bad_request(planner_client, url):
    planner_client.raise_request_exception = False
    assert planner_client.get(url).status_code == 400


def test_an_ordinary_percent_sign_is_no_nul_byte(anonymous_client):
    assert anonymous_client.get("/de/?q=100%25").status_code == 200


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1"])
def test_an_autocomplete_field_holding_no_key_is_a_form_error(superuser_client, value):
    url = reverse("admin:visits_venue_add")
    form = admin_form_data(superuser_client.get(url))
    form.update(name_de="Rathaus", organisation=value)

    response = superuser_client.post(url, form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organisation"]
