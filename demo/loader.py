"""Loads the demo visit from its data files, `demo/data/*.toml`: what is missing is made, what exists is left.

A file holds rows of some kinds (`[[item]]`, `[[venue]]` …; `demo.kinds` says which model each kind is, by
which fields a row is found, and which rows the domain makes through a service of its own). A row names its
model's fields, and its values read as follows:

- a reference to another row is that row's `key` (`venue = "kreishaus"`), a list of them for many-to-many;
- a translated field is a table `{de, uk, en}`, the name of a shared text of the file's `[texts]`, or a list
  of those, joined;
- a date is a day of the visit (1 is the day of arrival, 0 the day before), a moment a day and a time
  (`{ day = 3, time = "09:30" }`, or just `"09:30"` on the row's own `day`), or `{ days_after_seeding = 7 }`;
  a TOML date (`2024-11-28`) is a date that does not move with the visit;
- `{ before = …, during = …, after = … }` is the value for where the visit stands on the day of seeding;
- in text, `{day 5}` is the date of the visit's fifth day in the text's language (`{day 5:numeric}`
  "20.11.2025", `{day 5:short}` "Do 20.11.", `{day 1:month}` its month and year).

Top-level values of a file (`delegation = "podilsk-2025"`) go to every row of the file whose model has that
field. Where the visit's days fall is decided once per seeding (`Placement`): by default the visit is on the
day given in `[visit]` (delegation.toml) today; `as_held` puts it on the days it was held. A demo visit seeded
before keeps its days, so seeding again on a later day finds every row where it was made.

Every row is found by its natural key; a row that exists is never changed, whoever made or edited it. A new
row goes through the model's validation (`full_clean`) and, where the domain has one, its service; a row the
validation refuses (staff took its place since) is skipped and reported, as is every row that refers to it.
"""

import datetime as dt
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import formats, timezone, translation
from modeltranslation.translator import NotRegistered, translator

from delegations import roles

from .kinds import KINDS

DATA = Path(__file__).resolve().parent / "data"
# The files in the order they are loaded: each refers only to rows of the files before it (and its own).
FILES = (
    "partnership",
    "places",
    "delegation",
    "programme",
    "press",
    "protocol",
    "funding",
    "followup",
    "letters",
)
BERLIN = ZoneInfo("Europe/Berlin")
# Keys of a row that are no model field: its handle, its day, and when it reaches the guests.
ROW_KEYS = {"key", "day", "new_in_release", "changed_in_release", "before"}
PLACEHOLDER = re.compile(r"\{day (-?\d+)(?::(\w+))?\}")
DATE_FORMATS = {
    "date": {"de": "j. F Y", "uk": "j E Y", "en": "j F Y"},
    "numeric": {"de": "d.m.Y", "uk": "d.m.Y", "en": "j/n/Y"},
    "short": {"de": "D d.m.", "uk": "D d.m.", "en": "D j/n"},
    "month": {"de": "F Y", "uk": "F Y", "en": "F Y"},
}

DEMO_PASSWORD = "kleve-demo-2025"
# Username and role (Django group) of each demo login, in the order the command prints them.
DEMO_LOGINS = (
    ("planung", roles.PLANNERS),
    ("presse", roles.PRESS_OFFICE),
    ("lesen", roles.READ_ONLY),
)


class DemoDataError(ImproperlyConfigured):
    """The data files say something the loader cannot read: a mistake in the data, not in the database."""


class Skipped(Exception):
    """A row that cannot be made now (its model refused it, or a row it refers to was skipped)."""


@dataclass
class DemoLogin:
    username: str
    group: str
    created: bool


@dataclass
class SeedReport:
    delegation: models.Model | None = None
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    # The models in the order the data files first name them, for the summary.
    in_order: list[type[models.Model]] = field(default_factory=list)
    # What each data file's rows are in the database (made or found), by file name.
    rows: dict[str, list[models.Model]] = field(default_factory=lambda: defaultdict(list))
    skipped: list[tuple[type[models.Model], str, str]] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)


@dataclass(frozen=True)
class Placement:
    """Where the visit's days fall: day 1 is `arrival`; `today` is the day of seeding."""

    arrival: dt.date
    days: int
    today: dt.date

    @classmethod
    def of(cls, visit: dict, *, now: dt.datetime, as_held: bool, seeded_from: dt.date | None) -> "Placement":
        today = timezone.localdate(now, BERLIN)
        if seeded_from is not None:
            arrival = seeded_from
        elif as_held:
            arrival = visit["held_from"]
        else:
            arrival = today - dt.timedelta(days=visit["seeded_on_day"] - 1)
        return cls(arrival=arrival, days=visit["days"], today=today)

    @property
    def departure(self) -> dt.date:
        return self.date(self.days)

    def date(self, day: int) -> dt.date:
        return self.arrival + dt.timedelta(days=day - 1)

    def moment(self, day: int, time: str) -> dt.datetime:
        return dt.datetime.combine(self.date(day), dt.time.fromisoformat(time), tzinfo=BERLIN)

    @property
    def phase(self) -> str:
        """Where the visit stands today: before, during or after."""
        if self.today < self.arrival:
            return "before"
        return "during" if self.today <= self.departure else "after"


def read_data(data: Path = DATA) -> dict[str, dict]:
    """Every data file, parsed, by name; a file in the folder that the loader would not read is an error."""
    found = {path.stem for path in data.glob("*.toml")}
    if found != set(FILES):
        raise DemoDataError(f"{data} holds {sorted(found)}, the loader reads {sorted(FILES)}")
    return {name: tomllib.loads((data / f"{name}.toml").read_text(encoding="utf-8")) for name in FILES}


def sections(content: dict) -> dict[str, list[dict]]:
    """A file's kinds of rows with their rows: every table that is neither `visit`, `texts` nor a value."""
    return {
        name: [value] if isinstance(value, dict) else value
        for name, value in content.items()
        if name not in {"visit", "texts"} and isinstance(value, dict | list)
    }


def translated_fields(model: type[models.Model]) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


@transaction.atomic
def seed_demo(*, now: dt.datetime, make_logins: bool, as_held: bool = False, data: Path = DATA) -> SeedReport:
    """Make whatever of the demo visit is missing; with `make_logins`, also the three demo staff logins."""
    files = read_data(data)
    visit = next(content["visit"] for content in files.values() if "visit" in content)
    placement = Placement.of(visit, now=now, as_held=as_held, seeded_from=_seeded_from(files))
    loader = Loader(placement=placement, now=now, kinds=KINDS)
    for name, content in files.items():
        loader.load_file(name, content)
    loader.finish()
    loader.report.delegation = next(iter(loader.handles[KINDS["delegation"].model].values()), None)
    if make_logins:
        loader.report.logins = [_ensure_demo_login(username, group) for username, group in DEMO_LOGINS]
    return loader.report


class Loader:
    Skipped = Skipped

    def __init__(self, *, placement: Placement, now: dt.datetime, kinds: dict):
        self.placement = placement
        self.now = now
        self.kinds = kinds
        self.report = SeedReport()
        self.handles: dict[type[models.Model], dict[str, models.Model]] = defaultdict(dict)
        self.skipped: set[tuple[type[models.Model], str]] = set()
        # Rows that reach the guests only with a later release: made, or changed, just before it.
        self.new_for_release: dict[int, list] = defaultdict(list)
        self.changes_for_release: dict[int, list] = defaultdict(list)
        self.file = ""
        self.texts: dict = {}
        self.defaults: dict = {}

    # -- Reading a file --------------------------------------------------------------------------------------

    def load_file(self, name: str, content: dict) -> None:
        self.file, self.texts = name, content.get("texts", {})
        self.defaults = {key: value for key, value in content.items() if not isinstance(value, dict | list)}
        for section, rows in sections(content).items():
            kind = self.kinds.get(section)
            if kind is None:
                raise DemoDataError(f"{name}.toml: no kind of row is called [[{section}]]")
            if kind.model not in self.report.in_order:
                self.report.in_order.append(kind.model)
            if kind.load_rows is not None:
                kind.load_rows(self, kind, rows)
                continue
            for row in rows:
                if row.get("new_in_release", 1) > 1:
                    waiting = (kind, row, name, self.texts, self.defaults)
                    self.new_for_release[row["new_in_release"]].append(waiting)
                else:
                    self.ensure(kind, row)

    def text(self, value) -> dict[str, str]:
        """A translated text by language: a table, the name of a shared text, or a list of them joined."""
        if isinstance(value, list):
            parts = [self.text(part) for part in value]
            return {code: "".join(part.get(code, "") for part in parts) for code in parts[0]}
        if isinstance(value, str):
            if value not in self.texts:
                raise DemoDataError(f"{self.file}.toml: no text {value!r} under [texts]")
            value = self.texts[value]
        return {code: self.placed(text, code) for code, text in value.items()}

    def placed(self, text: str, language: str = "de") -> str:
        """The text with its `{day N}` placeholders written as dates of the placed visit."""

        def date(match: re.Match) -> str:
            style = match[2] or "date"
            if style not in DATE_FORMATS:
                raise DemoDataError(f"{self.file}.toml: no date style {style!r} in {match[0]}")
            with translation.override(language):
                shown = formats.date_format(self.placement.date(int(match[1])), DATE_FORMATS[style][language])
            # Ukrainian writes the month in small letters inside a sentence.
            return shown.lower() if style == "month" and language == "uk" else shown

        return PLACEHOLDER.sub(date, text)

    def moment(self, value, day: int | None) -> dt.datetime:
        if isinstance(value, str):
            return self.placement.moment(day, value)
        if "days_after_seeding" in value:
            return self.now + dt.timedelta(days=value["days_after_seeding"])
        return self.placement.moment(value["day"], value["time"])

    def value(self, model_field: models.Field, raw, day: int | None):
        if isinstance(raw, dict) and set(raw) == {"before", "during", "after"}:
            raw = raw[self.placement.phase]
        if isinstance(model_field, models.DateTimeField):
            return self.moment(raw, day)
        if isinstance(model_field, models.DateField) and type(raw) is int:
            return self.placement.date(raw)
        if isinstance(model_field, models.DecimalField):
            return Decimal(str(raw))
        return self.placed(raw) if isinstance(raw, str) else raw

    def ref(self, model: type[models.Model], handle: str) -> models.Model:
        if handle in self.handles[model]:
            return self.handles[model][handle]
        if (model, handle) in self.skipped:
            raise Skipped(f"{model._meta.verbose_name} „{handle}“")
        raise DemoDataError(f"{self.file}.toml: no {model._meta.model_name} with key {handle!r}")

    def columns(self, kind, row: dict, ignore=(), defaults: bool = True) -> tuple[dict, dict]:
        """A row's model columns (language columns spelt out, references resolved) and many-to-many lists."""
        model = kind.model
        names = {f.name for f in [*model._meta.fields, *model._meta.many_to_many]}
        if defaults:
            row = {**{k: v for k, v in self.defaults.items() if k in names}, **row}
        translated = translated_fields(model)
        values, relations = {}, {}
        for name, raw in row.items():
            if name in ROW_KEYS or name in ignore:
                continue
            name = kind.aliases.get(name, name)
            if name in translated:
                values |= {f"{name}_{code}": text for code, text in self.text(raw).items()}
                continue
            if name not in names:
                raise DemoDataError(f"{self.file}.toml: {model._meta.model_name} has no field {name!r}")
            model_field = model._meta.get_field(name)
            if model_field.many_to_many:
                relations[name] = [self.ref(model_field.related_model, handle) for handle in raw]
            elif model_field.is_relation:
                values[name] = self.ref(model_field.related_model, raw)
            else:
                values[name] = self.value(model_field, raw, row.get("day"))
        return values, relations

    # -- Making rows -----------------------------------------------------------------------------------------

    def ensure(self, kind, row: dict) -> models.Model | None:
        """The row the data describes: found by its natural key, untouched; or made, validated, saved."""
        model = kind.model
        try:
            values, relations = self.columns(kind, row, ignore=kind.made_from)
            lookup = {name: values.get(name, _blank(model._meta.get_field(name))) for name in kind.key}
            instance = model._default_manager.filter(**lookup).order_by("pk").first()
            if instance is not None:
                self.report.existing[model] += 1
            else:
                instance = self._make(kind, row, values, relations)
                self.report.created[model] += 1
        except Skipped as error:
            self.skip(model, row, str(error))
            return None
        if "key" in row:
            self.handles[model][row["key"]] = instance
        self.report.rows[self.file].append(instance)
        return instance

    def _make(self, kind, row: dict, values: dict, relations: dict) -> models.Model:
        before = {}
        if "before" in row:
            before, _relations = self.columns(kind, row["before"], defaults=False)
            if set(before) & set(kind.key) or _relations:
                raise DemoDataError(f"{self.file}.toml: `before` of {row.get('key')!r} changes a key or list")
        try:
            with transaction.atomic():  # a savepoint: a refused row leaves nothing behind
                instance = kind.model(**{**values, **before})
                if kind.make is not None:
                    instance = kind.make(self, instance, row)
                else:
                    instance.full_clean()
                    instance.save()
                for name, related in relations.items():
                    getattr(instance, name).set(related)
        except ValidationError as error:
            raise Skipped("; ".join(error.messages)) from None
        if before:
            self.changes_for_release[row["changed_in_release"]].append((instance, values))
        return instance

    def skip(self, model: type[models.Model], row: dict, reason: str) -> None:
        if "key" in row:
            self.skipped.add((model, row["key"]))
        name = row.get("key") or next((str(v) for v in row.values() if isinstance(v, str)), "")
        self.report.skipped.append((model, name, reason))

    # -- Releases --------------------------------------------------------------------------------------------

    def due_for_release(self, version: int) -> None:
        """Before release `version`: the rows it brings, and the changes to rows made with earlier values."""
        for instance, values in self.changes_for_release.pop(version, []):
            for name, value in values.items():
                setattr(instance, name, value)
            instance.full_clean()
            instance.save()
        current = self.file, self.texts, self.defaults
        for kind, row, *where in self.new_for_release.pop(version, []):
            self.file, self.texts, self.defaults = where
            self.ensure(kind, row)
        self.file, self.texts, self.defaults = current

    def finish(self) -> None:
        if self.new_for_release or self.changes_for_release:
            waiting = sorted({*self.new_for_release, *self.changes_for_release})
            raise DemoDataError(f"rows wait for releases {waiting} that no [[release]] makes")


def _seeded_from(files: dict) -> dt.date | None:
    """The first day of the demo visit if it was seeded before (its delegation found by slug), else None."""
    slugs = [row["slug"] for content in files.values() for row in sections(content).get("delegation", [])]
    delegation = KINDS["delegation"].model._default_manager.filter(slug__in=slugs).order_by("pk").first()
    return delegation.arrival_date if delegation is not None else None


def _blank(model_field: models.Field):
    return None if model_field.null else ""


def _ensure_demo_login(username: str, group_name: str) -> DemoLogin:
    """A staff login (never a superuser) in one role group; an existing user keeps password and groups."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return DemoLogin(username=username, group=group_name, created=False)
    user = User.objects.create_user(
        username=username,
        email=f"{username}@kreis-kleve.example",
        password=DEMO_PASSWORD,
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return DemoLogin(username=username, group=group_name, created=True)
