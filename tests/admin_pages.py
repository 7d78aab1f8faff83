"""Helpers shared by the staff admin tests (tests/test_admin_*.py): admin URLs, the rows a changelist shows,
a page's text, and the admins whose changelist opens the form instead of a list."""

import html

from django.urls import reverse

from letters.models import Letterhead


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def result_pks(response) -> set[int]:
    assert response.status_code == 200, response.status_code
    return {obj.pk for obj in response.context["cl"].result_list}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# Admins whose changelist is not a list, and why: there is one letterhead, so its list opens its form.
CHANGELIST_OPENS_THE_FORM = {Letterhead}
