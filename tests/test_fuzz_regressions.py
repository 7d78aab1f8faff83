"""Inputs the fuzz tests found breaking something, kept as plain tests after the fix."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.admin_samples import admin_form_data
from tests.matrix_world import stored_files, with_second_factor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("content", [b"\x00", b"PK\x03\x04broken", "Name\nОлена\n".encode("cp1251")])
def test_a_refused_import_leaves_no_file_in_the_private_storage(superuser_client, content):
    client = with_second_factor(superuser_client)
    url = reverse("admin:delegations_member_import")
    form = admin_form_data(client.get(url))
    form.update(format="0", import_file=SimpleUploadedFile("mitglieder.csv", content))
    before = stored_files()

    response = client.post(url, form)

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert stored_files() == before


def test_a_non_numeric_id_in_an_autocomplete_field_is_a_form_error(superuser_client):
    client = with_second_factor(superuser_client)
    client.raise_request_exception = False
    url = reverse("admin:visits_venue_add")
    form = admin_form_data(client.get(url))
    form.update(name_de="Rathaus", organisation="abc")

    response = client.post(url, form)

    assert response.status_code == 200
