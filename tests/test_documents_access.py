"""The lists staff print or send: who may open them (planners and readers, not the press office nor anyone
logged out), the documents index, unknown lists and formats, and the same number of queries at two sizes."""

import pytest
from django.urls import reverse

from tests.document_visits import (
    make_visit_of_size,
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)

pytestmark = pytest.mark.django_db


LIST_URLS = [("list", {"kind": kind}) for kind in ("catering", "transport", "hotel", "interpreters")] + [
    ("download", {"kind": kind, "fmt": fmt})
    for kind in ("catering", "hotel")
    for fmt in ("pdf", "csv", "xlsx")
]


@pytest.mark.parametrize(("name", "kwargs"), LIST_URLS)
def test_planners_and_readers_may_open_lists_the_press_office_may_not(visit, staff_clients, name, kwargs):
    url = reverse(f"documents:{name}", kwargs={"pk": visit.pk, **kwargs})

    statuses = {group: client.get(url).status_code for group, client in staff_clients.items()}

    assert statuses == {"planners": 200, "read-only": 200, "press office": 403}


@pytest.mark.parametrize(("name", "kwargs"), LIST_URLS)
def test_anonymous_visitors_are_sent_to_the_login(visit, anonymous_client, name, kwargs):
    url = reverse(f"documents:{name}", kwargs={"pk": visit.pk, **kwargs})

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_unknown_list_or_format_is_not_found(visit, planner_client):
    assert planner_client.get(f"/admin/delegation/{visit.pk}/documents/gifts/").status_code == 404
    assert planner_client.get(f"/admin/delegation/{visit.pk}/documents/catering.docx").status_code == 404
    assert planner_client.get("/admin/delegation/999999/documents/catering/").status_code == 404


def test_index_links_every_document_the_user_may_open(visit, planner_client, press_client):
    page = planner_client.get(reverse("documents:index", kwargs={"pk": visit.pk}))

    html = page.content.decode()
    assert page.status_code == 200
    for kind in ("catering", "transport", "hotel", "interpreters"):
        assert reverse("documents:list", kwargs={"pk": visit.pk, "kind": kind}) in html
    assert reverse("documents:briefing-book", kwargs={"pk": visit.pk}) + "?lang=uk" in html
    assert press_client.get(reverse("documents:index", kwargs={"pk": visit.pk})).status_code == 403


# Every request counts the savepoint of its transaction and the release (ATOMIC_REQUESTS, inside the test's
# transaction); the admin's frame around the pages asks the database nothing (its sidebar neither).
@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(
    ("kind", "fmt", "queries"),
    [
        ("catering", None, 9),
        ("transport", None, 9),
        ("hotel", None, 6),
        ("interpreters", None, 6),
        ("catering", "csv", 9),
        ("transport", "xlsx", 9),
        ("hotel", "pdf", 6),
        ("interpreters", "csv", 6),
    ],
)
def test_lists_run_the_same_number_of_queries_at_any_size(
    planner_client, django_assert_num_queries, size, kind, fmt, queries
):
    delegation = make_visit_of_size(size)
    if fmt is None:
        url = reverse("documents:list", kwargs={"pk": delegation.pk, "kind": kind})
    else:
        url = reverse("documents:download", kwargs={"pk": delegation.pk, "kind": kind, "fmt": fmt})

    with django_assert_num_queries(queries):
        response = planner_client.get(url)

    assert response.status_code == 200
