"""The settings of the places' outside services: off by default, strict about the addresses they take."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.test_settings import _settings_with


def test_no_outside_service_is_set_by_default(monkeypatch):
    settings = _settings_with(monkeypatch)

    assert (settings["GEOCODER_URL"], settings["ROUTING_URL"]) == ("", "")


def test_a_service_address_keeps_its_path_without_the_last_slash(monkeypatch):
    settings = _settings_with(
        monkeypatch,
        DJANGO_GEOCODER_URL="https://geo.kreis-kleve.example/nominatim/",
        DJANGO_ROUTING_URL="http://127.0.0.1:5000",
    )

    assert settings["GEOCODER_URL"] == "https://geo.kreis-kleve.example/nominatim"
    assert settings["ROUTING_URL"] == "http://127.0.0.1:5000"


@pytest.mark.parametrize("value", ["nominatim.example", "ftp://nominatim.example", "https://x.example/?q=1"])
def test_a_service_address_that_is_no_base_address_is_refused(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_GEOCODER_URL"):
        _settings_with(monkeypatch, DJANGO_GEOCODER_URL=value)
