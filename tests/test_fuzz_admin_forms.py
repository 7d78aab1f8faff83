"""Hostile input to every add and change form of the admin, model by model from the admin's registry: no
server error, and a rejected form changes no row, no field of the object and no file."""

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.admin_samples import admin_form_data
from tests.matrix_fuzz import assert_answered_sanely, fuzz_settings, object_state, rolled_back, value_for
from tests.matrix_world import (
    fake_request,
    project_admins,
    row_counts,
    stored_files,
    with_second_factor,
    world_fixture,
)

pytestmark = pytest.mark.django_db
_world = pytest.fixture(scope="module", name="world")(world_fixture)


@pytest.fixture
def admin_client(superuser_client):
    return with_second_factor(superuser_client)


def _form_fields(model, obj, user) -> dict:
    """The fields of the admin's form for the model (what `get_form` builds for this user and object)."""
    model_admin = admin.site._registry[model]
    request = fake_request(user)
    form_class = model_admin.get_form(request, obj, change=obj is not None)
    return dict(form_class.base_fields)


def _keys(name: str, data: dict) -> list[str]:
    """The POST keys of a field: itself, or its parts (`starts_at_0`, `starts_at_1` of a split widget)."""
    parts = [key for key in data if key.startswith(f"{name}_") and key.removeprefix(f"{name}_").isdigit()]
    return parts or [name]


def _fuzz(client, world, model, view: str, data):
    obj = None if view == "add" else world.object_of(model)
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}",
        args=[] if obj is None else [obj.pk],
    )
    page = client.get(url)
    if page.status_code != 200:
        pytest.skip(f"no {view} form for {model._meta.label} ({page.status_code})")
    form = admin_form_data(page)
    fields = _form_fields(model, obj, client.user)
    if not fields:
        pytest.skip(f"{model._meta.label}: nothing to enter on the {view} form (a record)")
    chosen = data.draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=4, unique=True))
    for name in chosen:
        for key in _keys(name, form):
            form[key] = data.draw(value_for(fields[name]), label=key)
    with rolled_back():
        before = row_counts(), stored_files(), object_state(obj)
        response = client.post(url, form)
        assert_answered_sanely(
            response,
            before_counts=before[0],
            before_files=before[1],
            obj=obj,
            before_obj=before[2],
            what=f"POST {url} with {chosen}",
        )


MODELS = [pytest.param(model, id=model._meta.label_lower) for model in project_admins()]


@pytest.mark.parametrize("model", MODELS)
@fuzz_settings(examples=3)
@given(data=st.data())
def test_admin_add_form_survives_hostile_input(admin_client, world, model, data):
    _fuzz(admin_client, world, model, "add", data)


@pytest.mark.parametrize("model", MODELS)
@fuzz_settings(examples=3)
@given(data=st.data())
def test_admin_change_form_survives_hostile_input(admin_client, world, model, data):
    _fuzz(admin_client, world, model, "change", data)
