"""Every role against every page: the admin's views of every registered model, every other named URL, the
downloads with personal data, and the photo files. Built from the admin's registry and the URL resolver, so
a page added later is covered, or fails here until someone decides who may see it.

What the roles may do comes from `delegations/roles.py` (with the apps' own `roles.py`); where an admin
refuses more than the permissions do, `ADMIN_REFUSES` below says so and why.
"""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from tests.admin_samples import admin_form_data
from tests.matrix_expectations import EXPECTATIONS, LOGIN, family_expectation
from tests.matrix_world import (
    GENERIC_ADMIN_VIEWS,
    PERSONAS,
    generic_admin_names,
    is_login_redirect,
    leaks,
    named_urls,
    project_admins,
    response_text,
    role_may,
    row_counts,
    with_second_factor,
    world_fixture,
)

pytestmark = pytest.mark.django_db
_world = pytest.fixture(scope="module", name="world")(world_fixture)

# Admins that refuse an action the role's permissions would allow, to everyone (superusers too), and why.
ADMIN_REFUSES = {
    "pages.legalpage": {"add"},  # one page per kind, made by a migration
    "pages.accessibilityfeedback": {"add"},  # comes from the public form only
    "visits.programmerelease": {"add", "change"},  # made on the release page, never edited
    "visits.releasenotification": {"add", "change", "delete"},  # made by a release, written by the worker
    "visits.staffaccess": {"add"},  # made on the delegation's page, where the links are shown once
    "visits.delayrecord": {"add", "change", "delete"},  # made and undone by `manage.py delay`
    "letters.letterhead": {"add", "delete"},  # the one letterhead, made by a migration
    "letters.invitationletter": {"add"},  # issued on the delegation's letters page, with its number
    "privacy.erasure": {"add", "delete"},  # the record of an anonymisation, made by it and kept
}

# Admins with a single row: their list opens that row's page, for those who may see it.
SINGLE_ROW = {"letters.letterhead"}


@pytest.fixture
def clients(request, world) -> dict:
    return {
        persona: with_second_factor(request.getfixturevalue(fixture)) for persona, fixture in PERSONAS.items()
    }


def _matches(response, expected) -> bool:
    if expected == LOGIN:
        return is_login_redirect(response)
    return response.status_code == expected


def _shown(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response.url}"
    return str(response.status_code)


# -- Admin: the five views of every registered model --------------------------------------------------


def _admin_expected(persona: str, model, view: str):
    if persona == "anonymous":
        return LOGIN
    refused = ADMIN_REFUSES.get(model._meta.label_lower, set())
    may_view = role_may(persona, model, "view") or role_may(persona, model, "change")
    if view == "changelist" and model._meta.label_lower in SINGLE_ROW:
        return 302 if may_view else 403
    allowed = {
        "changelist": may_view,
        "add": role_may(persona, model, "add") and "add" not in refused,
        "change": may_view,
        "delete": role_may(persona, model, "delete") and "delete" not in refused,
        "history": may_view,
    }[view]
    return 200 if allowed else 403


def _admin_url(model, view: str, obj) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    return reverse(name, args=[] if view in ("changelist", "add") else [obj.pk])


def _admin_models() -> list:
    return [pytest.param(model, id=model._meta.label_lower) for model in project_admins()]


@pytest.mark.parametrize("model", _admin_models())
def test_admin_views_of_every_model_answer_each_role_as_its_permissions_say(world, clients, model):
    obj = world.object_of(model)
    wrong, leaked = [], []
    for persona, client in clients.items():
        for view in GENERIC_ADMIN_VIEWS:
            expected = _admin_expected(persona, model, view)
            response = client.get(_admin_url(model, view, obj))
            if not _matches(response, expected):
                wrong.append(f"{persona} {view}: expected {expected}, got {_shown(response)}")
            elif response.status_code == 200:
                leaked += [f"{persona} {view}: {value}" for value in leaks(response_text(response), persona)]
    assert not wrong, f"{model._meta.label}:\n" + "\n".join(wrong)
    assert not leaked, f"{model._meta.label} shows what the role may not see:\n" + "\n".join(leaked)


def _state(obj) -> tuple:
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return row_counts(), fresh and model_to_dict(fresh)


@pytest.mark.parametrize("model", _admin_models())
def test_without_the_permission_no_post_to_the_admin_changes_anything(world, clients, model):
    """Add, change, delete and every action, sent by each role that may not: refused, nothing changed."""
    obj = world.object_of(model)
    model_admin = admin.site._registry[model]
    change_form = admin_form_data(clients["superuser"].get(_admin_url(model, "change", obj)))
    add_form = admin_form_data(clients["superuser"].get(_admin_url(model, "add", obj)))
    before = _state(obj)
    wrong = []
    for persona, client in clients.items():
        refused = ADMIN_REFUSES.get(model._meta.label_lower, set())
        posts = []
        if not role_may(persona, model, "add") or "add" in refused:
            posts.append(("add", _admin_url(model, "add", obj), add_form))
        if not role_may(persona, model, "change") or "change" in refused:
            posts.append(("change", _admin_url(model, "change", obj), change_form))
        if not role_may(persona, model, "delete") or "delete" in refused:
            posts.append(("delete", _admin_url(model, "delete", obj), {"post": "yes"}))
        for view, url, data in posts:
            response = client.post(url, data)
            expected = LOGIN if persona == "anonymous" else 403
            if not _matches(response, expected):
                wrong.append(f"{persona} POST {view}: expected {expected}, got {_shown(response)}")
        if persona != "superuser" and not any(
            role_may(persona, model, action) for action in ("add", "change", "delete")
        ):
            # Every action the admin has (those the role is offered and those it is not).
            for action in {name for _, name, _ in model_admin._get_base_actions()} | {"delete_selected"}:
                response = client.post(
                    _admin_url(model, "changelist", obj),
                    {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: [obj.pk], "post": "yes"},
                )
                if response.status_code >= 500:
                    wrong.append(f"{persona} action {action}: {response.status_code}")
        if _state(obj) != before:
            wrong.append(f"{persona}: the database changed")
            before = _state(obj)
    assert not wrong, f"{model._meta.label}:\n" + "\n".join(wrong)


# -- Every other named URL ----------------------------------------------------------------------------


def _other_names() -> list[str]:
    generic = generic_admin_names()
    # Django's redirect from an object's bare admin URL to its change page is unnamed; so is the catch-all.
    return sorted(url.name for url in named_urls() if url.name not in generic)


def _expectation(name: str):
    return EXPECTATIONS.get(name) or family_expectation(name)


def test_every_named_url_has_an_expectation():
    missing = [name for name in _other_names() if _expectation(name) is None]
    assert not missing, "\n".join(f"add an expectation for {name}" for name in missing)


def test_no_expectation_is_left_for_a_url_that_is_gone():
    names = set(_other_names())
    assert sorted(set(EXPECTATIONS) - names) == []


def _variants(expect, world) -> list[dict]:
    args = expect.args(world)
    return args if isinstance(args, list) else [args]


def _reverse(name: str, kwargs: dict) -> str:
    if "args" in kwargs:
        return reverse(name, args=kwargs["args"])
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", [name for name in _other_names() if _expectation(name) is not None])
def test_named_url_answers_each_persona_as_expected(world, clients, name):
    expect = _expectation(name)
    query = expect.query(world) if callable(expect.query) else expect.query
    wrong, leaked = [], []
    # The token is the key (a guest's or a staff member's personal link); revoking it is tested below.
    guest_link = name.startswith(("guest:", "staff_schedule:"))
    for kwargs in _variants(expect, world):
        url = _reverse(name, kwargs)
        for persona, client in clients.items():
            if persona not in expect.answers:
                continue
            expected = expect.answers[persona]
            if callable(expected):
                expected = expected(kwargs)
            response = client.get(url, query)
            if not _matches(response, expected):
                wrong.append(f"{persona} GET {url}: expected {expected}, got {_shown(response)}")
            elif response.status_code == 200 and not guest_link:
                leaked += [f"{persona} {url}: {value}" for value in leaks(response_text(response), persona)]
            if expect.personal and response.status_code == 200 and persona == "planner" and not guest_link:
                # Checked on every request: the same URL without the login gives no file.
                again = Client().get(url, query)
                if again.status_code == 200 or again.has_header("Content-Disposition"):
                    wrong.append(f"logged out, the same URL still gives {url}")
        for persona, expected in expect.post.items():
            before = row_counts()
            response = clients[persona].post(url, query)
            if not _matches(response, expected):
                wrong.append(f"{persona} POST {url}: expected {expected}, got {_shown(response)}")
            if row_counts() != before:
                wrong.append(f"{persona} POST {url} changed the database")
    assert not wrong, "\n".join(wrong)
    assert not leaked, "shows what the role may not see:\n" + "\n".join(leaked)


# -- Files: photos and guest downloads ----------------------------------------------------------------


def _photo_urls(photo) -> list[str]:
    """Every way someone could try to reach a photo's files: the rendition view, /media/, the private URL."""
    from django.conf import settings

    names = [entry["name"] for entry in photo.renditions] + [photo.image.name]
    urls = []
    for name in names:
        urls += [
            reverse(
                "photo_rendition", kwargs={"key": photo.rendition_key, "filename": name.rsplit("/", 1)[-1]}
            ),
            f"/{settings.MEDIA_URL.strip('/')}/{name}",
            photo.image.storage.url(name),
        ]
    return urls


def test_photos_without_consent_or_published_page_are_reachable_by_no_url(world, clients):
    reached = []
    for reason, photo in world.hidden_photos.items():
        assert photo.renditions, reason
        for url in _photo_urls(photo):
            response = clients["anonymous"].get(url)
            if response.status_code != 404:
                reached.append(f"{reason}: {url} → {response.status_code}")
    assert not reached, "\n".join(reached)


def test_no_original_is_reachable_even_of_a_published_photo(world, clients):
    photo = world.public_photo
    original = photo.image.name
    urls = [url for url in _photo_urls(photo) if original.rsplit("/", 1)[-1] in url]
    reached = [
        f"{persona}: {url} → {response.status_code}"
        for persona, client in clients.items()
        for url in urls
        if (response := client.get(url)).status_code != 404
    ]
    assert not reached, "\n".join(reached)
    # The published photo's renditions are public, so the check above is not vacuous.
    rendition = photo.renditions[0]["name"].rsplit("/", 1)[-1]
    url = reverse("photo_rendition", kwargs={"key": photo.rendition_key, "filename": rendition})
    assert clients["anonymous"].get(url).status_code == 200


def test_a_revoked_guest_link_gives_no_page_and_no_file(world, clients):
    from visits.services import revoke_guest_access

    urls = [
        reverse(name, kwargs=kwargs)
        for name in ("guest:itinerary", "guest:details", "guest:calendar", "guest:pdf")
        for kwargs in _variants(EXPECTATIONS[name], world)
    ]
    assert clients["anonymous"].get(urls[0]).status_code == 200
    revoke_guest_access(world.access)

    answers = {url: clients["anonymous"].get(url) for url in urls}

    assert {url: response.status_code for url, response in answers.items()} == dict.fromkeys(urls, 404)
    assert not any(response.has_header("Content-Disposition") for response in answers.values())
