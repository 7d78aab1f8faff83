"""The django-import-export resource that reads programme items of one delegation from a spreadsheet.

Columns: day, start, end, title in de/uk/en, venue (by name in any language), participants (by name, in Latin
or original script, separated by semicolons or commas; none means the whole delegation), and optionally kind,
visibility and description in de/uk/en. Headers are read in any of the three languages (`StaffResource`).

Every row becomes a new item (an import never changes existing ones). Venues and members are read once
before the rows, and nothing is saved while the rows are read: the preview (a dry run) checks the items
unsaved, together with the conflict check (`conflicts_of_planned_items`), in a fixed number of queries
however long the file is. The import saves the items only when no row has an error, all in the one
transaction of `import_data`, each with the same import batch key, so the whole import can be undone.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from delegations.models import Delegation
from delegations.resources import StaffResource

from ..conflicts import conflicts_of_planned_items
from ..copying import source_time_zone
from ..enums import ItemKind, Visibility
from ..models import ProgrammeItem, Venue
from .cells import choice_names, is_blank, name_key, read_choice, read_day, read_time, split_names

TEXT_COLUMNS = ("title_de", "title_uk", "title_en", "description_de", "description_uk", "description_en")
COLUMNS = (
    "day",
    "start",
    "end",
    "title_de",
    "title_uk",
    "title_en",
    "venue",
    "participants",
    "kind",
    "visibility",
    "description_de",
    "description_uk",
    "description_en",
)
REQUIRED_COLUMNS = ("day", "start", "end", "title_de")
# Columns that are not a model field of the same name, with their headers.
LABELS = {
    "day": gettext_lazy("Tag"),
    "start": gettext_lazy("Beginn"),
    "end": gettext_lazy("Ende"),
}


class Finding:
    """What the preview says of a row, one line each: an unknown name, another error, or a conflict."""

    UNKNOWN = "UNKNOWN"
    ERROR = "ERROR"
    CONFLICT = "CONFLICT"


@dataclass(frozen=True)
class RowFinding:
    row: int  # the row in the spreadsheet, the header being row 1
    kind: str  # Finding.UNKNOWN, .ERROR or .CONFLICT
    subject: str  # unknown: "venue" or "participant"; error: the column; conflict: its kind
    value: str  # the unknown name, or the message
    message: str  # in the user's language
    blocks: bool = True  # conflicts warn, as when saving an item; everything else blocks the import


def _item_field(name: str) -> fields.Field:
    # No attribute: django-import-export leaves these columns to `import_instance` below.
    return fields.Field(column_name=name)


class ProgrammeItemResource(StaffResource):
    """Programme items of `delegation` from a spreadsheet; see the module's docstring."""

    day = _item_field("day")
    start = _item_field("start")
    end = _item_field("end")
    venue = _item_field("venue")
    participants = _item_field("participants")
    kind = _item_field("kind")
    visibility = _item_field("visibility")

    class Meta(StaffResource.Meta):
        model = ProgrammeItem
        fields = COLUMNS
        export_order = COLUMNS
        import_order = COLUMNS
        force_init_instance = True  # every row is a new item
        clean_model_instances = False  # checked below without a query per row
        skip_unchanged = False
        # Rows are collected and saved together at the end (see `bulk_create`), so no savepoint per row.
        use_bulk = True
        name = gettext_lazy("Programmpunkte einer Delegation")

    def __init__(self, *, delegation: Delegation | None = None, **kwargs):
        super().__init__(**kwargs)
        self.delegation = delegation
        self.findings: list[RowFinding] = []
        self.planned: list[ProgrammeItem] = []
        self.created: list[ProgrammeItem] = []
        self.batch: uuid.UUID | None = None
        self.sheet_rows: list[int] = []
        self._kinds = choice_names(ItemKind)
        self._visibilities = choice_names(Visibility)

    # Headers -------------------------------------------------------------------------------------------

    def column_label(self, field) -> str:
        if field.column_name in LABELS:
            return str(LABELS[field.column_name])
        return super().column_label(field)

    def before_import(self, dataset, **kwargs):
        if self.delegation is None:
            del dataset[:]  # a finding of the file, not one of every row
            raise ValueError(_("Bitte eine Delegation wählen."))
        super().before_import(dataset, **kwargs)  # headers in any language → column names
        missing = [
            str(self.column_label(self.fields[name]))
            for name in REQUIRED_COLUMNS
            if name not in (dataset.headers or ())
        ]
        if missing:
            del dataset[:]
            raise ValueError(
                _("Diese Spalten fehlen in der Datei: %(columns)s. Bitte die Vorlage verwenden.")
                % {"columns": ", ".join(missing)}
            )
        # Empty lines (often below a table) are dropped; findings name the rows as the sheet numbers them.
        kept, self.sheet_rows = [], []
        for index, row in enumerate(dataset, start=2):
            if not all(is_blank(cell) for cell in row):
                kept.append(row)
                self.sheet_rows.append(index)
        del dataset[:]
        for row in kept:
            dataset.append(row)
        self._venues = self._names_of(
            Venue.objects.only("pk", "kind", "latitude", "longitude", "name_de", "name_uk", "name_en"),
            lambda venue: (venue.name_de, venue.name_uk, venue.name_en),
        )
        self._members = self._names_of(
            self.delegation.members.all(),
            lambda member: (
                f"{member.first_name} {member.last_name}",
                f"{member.last_name} {member.first_name}",
                f"{member.first_name_original} {member.last_name_original}",
                f"{member.last_name_original} {member.first_name_original}",
            ),
        )
        self._zone = source_time_zone(self.delegation)

    @staticmethod
    def _names_of(objects, names_of) -> dict[str, list]:
        found: dict[str, list] = {}
        for obj in objects:
            for name in {name_key(name) for name in names_of(obj) if name and name.strip()}:
                found.setdefault(name, []).append(obj)
        return found

    # Rows ----------------------------------------------------------------------------------------------

    def sheet_row(self, row_number: int) -> int:
        return self.sheet_rows[row_number - 1] if row_number <= len(self.sheet_rows) else row_number + 1

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)  # the texts
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        sheet_row = self.sheet_row(kwargs.get("row_number", 0))
        instance.delegation = self.delegation
        instance._import_row = sheet_row
        instance._import_participants = []

        def error(column: str, message: str, *, unknown: tuple[str, str] | None = None):
            label = self.column_label(self.fields[column])
            errors.setdefault(label, []).append(ValidationError(message))
            if unknown is not None:
                self.findings.append(RowFinding(sheet_row, Finding.UNKNOWN, unknown[0], unknown[1], message))
            else:
                self.findings.append(RowFinding(sheet_row, Finding.ERROR, column, message, message))

        day = start = end = None
        for column in ("day", "start", "end"):
            value = row.get(column)
            if is_blank(value):
                error(column, _("Bitte ausfüllen."))
                continue
            try:
                if column == "day":
                    day = read_day(value, arrival=self.delegation.arrival_date)
                elif column == "start":
                    start = read_time(value)
                else:
                    end = read_time(value)
            except ValueError as problem:
                error(column, str(problem))
        if day and start and end:
            instance.starts_at = self._moment(day, start)
            instance.ends_at = self._moment(day, end)
            if instance.ends_at <= instance.starts_at:
                error("end", _("Ein Programmpunkt muss nach seinem Beginn enden."))

        if is_blank(instance.title_de):
            error("title_de", _("Bitte einen Titel auf Deutsch angeben."))
        filled = {name for name in TEXT_COLUMNS if not is_blank(getattr(instance, name))}
        try:
            instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name not in filled])
        except ValidationError as problem:
            for name, messages in problem.message_dict.items():
                for message in messages:
                    error(name, message)

        for column, names, default in (
            ("kind", self._kinds, ItemKind.MEETING),
            ("visibility", self._visibilities, Visibility.GUESTS),
        ):
            try:
                setattr(instance, column, read_choice(row.get(column), names, type(default), default=default))
            except ValueError as problem:
                error(column, str(problem))

        venue_name = row.get("venue")
        if not is_blank(venue_name):
            venue_name = " ".join(str(venue_name).split())
            venues = self._venues.get(name_key(venue_name), [])
            if not venues:
                error(
                    "venue",
                    _("Kein Ort mit dem Namen „%(name)s“.") % {"name": venue_name},
                    unknown=("venue", venue_name),
                )
            elif len(venues) > 1:
                error("venue", _("Mehrere Orte heißen „%(name)s“.") % {"name": venue_name})
            else:
                instance.venue = venues[0]

        for person in split_names(row.get("participants")):
            members = self._members.get(name_key(person), [])
            if not members:
                error(
                    "participants",
                    _("Niemand in dieser Delegation heißt „%(name)s“.") % {"name": person},
                    unknown=("participant", person),
                )
            elif len(members) > 1:
                error("participants", _("Mehrere Mitglieder heißen „%(name)s“.") % {"name": person})
            elif members[0] not in instance._import_participants:
                instance._import_participants.append(members[0])

        if errors:
            raise ValidationError(errors)

    def _moment(self, day: dt.date, time: dt.time) -> dt.datetime:
        # Through UTC, so a time skipped when the clocks go forward becomes a real one.
        return dt.datetime.combine(day, time, tzinfo=self._zone).astimezone(dt.UTC).astimezone(self._zone)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Collect the rows' items; they are checked and saved together in `after_import`."""
        self.planned.extend(self.create_instances)
        self.create_instances.clear()

    def import_data(self, dataset, **kwargs):
        # One transaction, and a file with any bad row saves nothing.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        result.programme_resource = self
        if kwargs.get("dry_run"):
            self._check_conflicts()
            return
        if result.has_errors() or result.has_validation_errors() or not self.planned:
            return
        self.batch = uuid.uuid4()
        user = kwargs.get("user")
        for item in self.planned:
            item.import_batch = self.batch
            item._history_user = user if getattr(user, "pk", None) else None
            item.save(force_insert=True)
            if item._import_participants:
                item.participants.set(item._import_participants)
            self.created.append(item)

    def _check_conflicts(self) -> None:
        if not self.planned:
            return
        conflicts = conflicts_of_planned_items(
            self.delegation, [(item, (), item._import_participants) for item in self.planned]
        )
        for item in self.planned:
            for conflict in conflicts:
                if conflict.involves(item):
                    self.findings.append(
                        RowFinding(
                            item._import_row,
                            Finding.CONFLICT,
                            conflict.kind.value,
                            conflict.message,
                            conflict.message,
                            blocks=False,
                        )
                    )

    # The preview's table of values -------------------------------------------------------------------

    def _local(self, moment):
        return moment.astimezone(self._zone) if moment else None

    def dehydrate_day(self, item) -> str:
        return f"{self._local(item.starts_at):%d.%m.%Y}" if item.starts_at else ""

    def dehydrate_start(self, item) -> str:
        return f"{self._local(item.starts_at):%H:%M}" if item.starts_at else ""

    def dehydrate_end(self, item) -> str:
        return f"{self._local(item.ends_at):%H:%M}" if item.ends_at else ""

    def dehydrate_venue(self, item) -> str:
        return item.venue.name_de if item.venue_id and item.venue else ""

    def dehydrate_participants(self, item) -> str:
        chosen = getattr(item, "_import_participants", None)
        if chosen is None:
            chosen = list(item.participants.all()) if item.pk else []
        return "; ".join(member.full_name for member in chosen)

    def dehydrate_kind(self, item) -> str:
        return item.get_kind_display() if item.kind else ""

    def dehydrate_visibility(self, item) -> str:
        return item.get_visibility_display() if item.visibility else ""

    # The template --------------------------------------------------------------------------------------

    def template_headers(self) -> list[str]:
        return [self.column_label(self.fields[name]) for name in COLUMNS]
