"""The admin's form rows (templates/admin/includes/fieldset.html): captions label only what can be labelled,
and the browser does not fill in the staff member's own details (core/templatetags/staff_forms.py)."""

import re

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def member_page(planner_client):
    member = factories.MemberFactory(
        first_name="Oksana", email="o.melnyk@example.org", phone="+380 67 555 0101"
    )
    response = planner_client.get(reverse("admin:delegations_member_change", args=[member.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _tag(html: str, name: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*\bname="{name}"[^>]*>', html).group(0)


def test_fields_named_like_autofill_tokens_have_autofill_off(member_page):
    for name in ("first_name", "last_name", "email", "phone"):
        assert 'autocomplete="off"' in _tag(member_page, name), name


def test_hidden_fields_get_neither_autocomplete_nor_a_label(member_page):
    assert "autocomplete" not in _tag(member_page, "seen_version")
    assert 'for="id_seen_version"' not in member_page


def test_read_only_fields_are_captioned_without_a_label_element(member_page):
    assert '<div class="readonly-label">Angelegt:</div>' in member_page
    assert "<label>Angelegt:</label>" not in member_page
    # Every <label> left on the page names the field it is for.
    assert re.findall(r"<label(?![^>]*\bfor=)[^>]*>", member_page) == []


def test_a_widget_without_a_control_of_its_own_is_captioned_too(superuser_client):
    user = factories.UserFactory(username="someone")
    html = superuser_client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert '<div class="readonly-label">Passwort:</div>' in html
    assert "<label>Passwort:</label>" not in html
