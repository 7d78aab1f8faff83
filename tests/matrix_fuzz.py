"""Hypothesis strategies and checks for the fuzz tests of every form: hostile values per kind of form field,
and "a rejected request changed nothing" (row counts of every table, the object itself, the media folders).

The number of examples comes from a profile: `ci` (the default; derandomized, so a failure shows again on
the next run) or `long` for a local hunt:
`HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz*`.
"""

import os
from contextlib import contextmanager

from django import forms
from django.db import transaction
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from tests.matrix_world import row_counts, stored_files

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SCALE = {"ci": 1, "long": 25}.get(PROFILE, 1)
# CI: the same examples every run, and no shrinking (it can take minutes; the failing example is shown).
settings.register_profile(
    "matrix-ci",
    derandomize=True,
    database=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile("matrix-long", derandomize=False)


def fuzz_settings(examples: int) -> settings:
    """Settings for one fuzz test: `examples` in CI (derandomized), 25 times as many with the long profile."""
    return settings(
        settings.get_profile(f"matrix-{'long' if PROFILE == 'long' else 'ci'}"),
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# -- Hostile values ------------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Кременчук",
        "Ґалаґан-Їжак",
        "שלום עולם",  # right to left
        "مرحبا",
        "\u202eevil\u202c",  # right-to-left override
        "👩🏽‍🚒🇺🇦",
        "Zürich ß ẞ",
        "<script>alert(1)</script>",
        "'; DROP TABLE delegations_member; --",
        "{{ 7*7 }} {% debug %}",
        "%(name)s %s {0}",
        "\x00",
        "a\x00b",
        "\ud7ff\ue000\ufffd",
        " ",
        "",
    ]
)
TEXT = st.one_of(
    WORDS,
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.builds(lambda word, n: word * n, WORDS, st.sampled_from([300, 5000])),
    st.just("x" * 100_000),
)
NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["-1", "0", "1e309", "NaN", "inf", "-inf", "1,5", "1.5", "0x10", "٣", "１２", "9" * 400]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    TEXT,
)
DATE = st.one_of(
    st.sampled_from(
        [
            "2025-02-30",
            "2025-13-01",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "31.12.2025",
            "2025-11-16T25:61",
            "24:00",
            "23:59:60",
            "-1",
            "now",
        ]
    ),
    st.dates().map(str),
    TEXT,
)
# Ids within 64 bits: beyond, SQLite's driver raises OverflowError, which Django's ModelChoiceField does not
# turn into a form error (a 500 for a forged POST; reported, not ours to fix).
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
IDS = st.one_of(
    INT64.map(str),
    st.sampled_from(["0", "-1", "1.0", "1e3", "None", "null", "[]", "1 OR 1=1", "9223372036854775808"]),
    TEXT,
)
BOOLEAN = st.sampled_from(["on", "off", "true", "false", "1", "0", "", "yes", "\x00", "Ja"])
JSON = st.one_of(st.sampled_from(["{", "[1,", "null", '{"a": NaN}', "1e999", '"\\ud800"']), TEXT)


AUTOCOMPLETE_WIDGETS = {"AutocompleteSelect", "AutocompleteSelectMultiple"}


def _autocomplete(field: forms.Field) -> bool:
    widget = getattr(field.widget, "widget", field.widget)  # the admin wraps it (add and change links)
    return type(widget).__name__ in AUTOCOMPLETE_WIDGETS


def value_for(field: forms.Field) -> st.SearchStrategy:
    """Hostile values for one form field, by its kind: a single string, or a list for multiple choices."""
    if isinstance(field, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField)):
        if _autocomplete(field):
            return st.lists(INT64.map(str), max_size=5)
        return st.lists(st.one_of(IDS, TEXT), max_size=5)
    if isinstance(field, forms.ModelChoiceField):
        if _autocomplete(field):
            # Known bug (see test_fuzz_regressions): Django's autocomplete widget answers 500 when it shows
            # a non-numeric id again; the fuzz sends it numbers only, the regression test keeps the rest.
            return INT64.map(str)
        return IDS
    if isinstance(field, forms.ChoiceField):
        choices = [str(value) for value, _ in field.choices if not isinstance(_, (list, tuple))]
        return st.one_of(st.sampled_from(choices or [""]), TEXT)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return NUMBER
    if isinstance(field, (forms.DateField, forms.DateTimeField, forms.TimeField, forms.DurationField)):
        return DATE
    if isinstance(field, forms.BooleanField):
        return BOOLEAN
    if isinstance(field, forms.JSONField):
        return JSON
    return TEXT


# -- Nothing changed -----------------------------------------------------------------------------------


def object_state(obj) -> dict | None:
    if obj is None:
        return None
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return fresh and model_to_dict(fresh)


@contextmanager
def rolled_back():
    """One example: whatever it saves is undone, so the next example starts from the same database."""
    files = stored_files()
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
            for path in stored_files() - files:
                os.remove(path)


def assert_answered_sanely(response, *, before_counts, before_files, obj=None, before_obj=None, what=""):
    """No server error; and if the input was rejected, no row, no field and no file changed."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.status_code in (301, 302, 303):
        return  # accepted (or sent elsewhere): the change is allowed
    assert row_counts() == before_counts, f"{what}: rejected ({response.status_code}) but rows changed"
    assert stored_files() == before_files, f"{what}: rejected ({response.status_code}) but a file was written"
    if obj is not None:
        assert object_state(obj) == before_obj, f"{what}: rejected but the object changed"
