"""The health check and the 503 page, with a really broken database connection (a database that is not
there), not a mocked one: what load balancers and visitors see while PostgreSQL restarts."""

import json

import pytest
from django.db import connections
from django.test import Client

from tests.public_data import public_visit


@pytest.fixture
def broken_database(transactional_db):
    """Point the connection at a database that does not exist, then put it back."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/no.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_healthz_says_ok_when_the_database_answers(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_says_unavailable_with_a_broken_connection(broken_database):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": False}


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "Kurz nicht erreichbar"), ("uk", '<html lang="uk"'), ("en", '<html lang="en"')],
)
def test_pages_answer_503_in_the_visitors_language_without_a_trace(transactional_db, language, words):
    visit = public_visit()
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["NAME" if connection.vendor == "sqlite" else "PORT"] = (
        "/nonexistent-folder/no.sqlite3" if connection.vendor == "sqlite" else "1"
    )
    try:
        response = Client().get(f"/{language}/besuche/{visit.slug}/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    text = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert words in text
    assert "Traceback" not in text and "OperationalError" not in text
    # Back: the next request opens a new connection and is answered normally.
    assert Client().get(f"/{language}/besuche/{visit.slug}/").status_code == 200


def test_guest_link_answers_503_not_404_while_the_database_is_away(broken_database):
    # Of a token's form (a malformed one is answered 404 without asking the database).
    response = Client().get("/g/token-nobody-can-check-just-now0/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 503
    assert 'lang="uk"' in response.content.decode()
