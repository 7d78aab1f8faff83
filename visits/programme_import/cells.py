"""What a programme spreadsheet's cells mean: a day, a time, a kind or visibility, names of venues and people.

Each reader takes a cell as the file gives it (text from CSV; text, numbers, dates or times from XLSX) and
returns a domain value, or raises `ValueError` with a German message for the row's errors.
"""

import datetime as dt
import re

from django.utils import translation
from django.utils.translation import gettext as _

DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")
TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*(?:Uhr|h))?$", re.IGNORECASE)
# Separators between several people in one cell; a name itself has none of them.
NAME_SEPARATORS = re.compile(r"[;,\n]+")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def name_key(value) -> str:
    """A name as it is compared: spaces collapsed, case folded."""
    return " ".join(str(value or "").split()).casefold()


def read_day(value, *, arrival: dt.date) -> dt.date:
    """A date (18.11.2025, 2025-11-18, a date cell) or a day of the visit (1 is the day of arrival)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if value is not None else ""
    if isinstance(value, int | float) and float(value).is_integer():
        text = str(int(value))
    if text.isdigit() and 1 <= int(text) <= 366:
        return arrival + dt.timedelta(days=int(text) - 1)
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _(
            "„%(value)s“ ist kein Tag. Bitte als Datum (18.11.2025 oder 2025-11-18) oder als Besuchstag "
            "(1 = Anreisetag) angeben."
        )
        % {"value": text}
    )


def read_time(value) -> dt.time:
    """A time of day: 9:00, 09:00, 9.00, 09:00:00, a time cell, or Excel's fraction of a day."""
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = round(value * 24 * 60 * 60)
        return dt.time(seconds // 3600, seconds % 3600 // 60)
    text = str(value).strip() if value is not None else ""
    match = TIME_PATTERN.match(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise ValueError(_("„%(value)s“ ist keine Uhrzeit. Bitte als 9:00 oder 09:00 angeben.") % {"value": text})


def choice_names(choices) -> dict[str, object]:
    """Every way a choice may be written: its value and its label in each of the three languages."""
    names = {}
    for code in ("de", "uk", "en"):
        with translation.override(code):
            names.update((name_key(choice.label), choice) for choice in choices)
    names.update((choice.value.casefold(), choice) for choice in choices)
    return names


def read_choice(value, names: dict, choices, *, default):
    """A choice by its value (`meeting`) or its label in any of the three languages; empty: `default`."""
    if is_blank(value):
        return default
    if name_key(value) in names:
        return names[name_key(value)]
    allowed = ", ".join(str(choice.label) for choice in choices)
    raise ValueError(
        _("„%(value)s“ ist kein erlaubter Wert. Erlaubt sind: %(allowed)s.")
        % {"value": str(value).strip(), "allowed": allowed}
    )


def split_names(value) -> list[str]:
    """The people named in one cell, separated by semicolons, commas or line breaks."""
    if is_blank(value):
        return []
    return [" ".join(part.split()) for part in NAME_SEPARATORS.split(str(value)) if part.strip()]
