"""No lost updates: a version checked in the same UPDATE that saves, and the admin's refusal with a diff.

Rules (for every model with `Versioned` and a `version = version_field()`):

- Every save of an existing row runs `UPDATE … SET …, version = version + 1`, so the version moves on
  whoever writes: the admin, services, the guest self-service form, imports, actions, the demo seeding.
- Only a save that was told which version its editor saw (`expect_version(obj, seen)`, which the admin's
  forms do) adds `AND version = seen` to that UPDATE. If another save came first, no row matches and
  `VersionConflict` is raised; nothing of that save reaches the database (the caller's transaction rolls
  back, the admin's own `atomic` block included).
- Services and scripts save without a seen version: they change what they load in one short transaction and
  have no editor whose view could be stale. A caller that keeps an object across a wait (a form, a queue)
  passes the version it started from.

`QuerySet.update()` bypasses all of this; code that changes these models in bulk must add
`version=F("version") + 1` itself. (django-concurrency does the same through `_do_update`; this is the small
part of it the project needs, without a dependency.)
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_SEEN = "_seen_version"


def version_field() -> models.PositiveIntegerField:
    """The column each versioned model declares (the same words everywhere)."""
    return models.PositiveIntegerField(
        _("Version"),
        default=0,
        editable=False,
        help_text=_("Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen."),
    )


class VersionConflict(Exception):
    """Someone else saved the row after the editor loaded it; this save changed nothing."""

    def __init__(self, instance, seen: int):
        super().__init__(f"{instance._meta.label} {instance.pk}: version {seen} is no longer current")
        self.instance = instance
        self.seen = seen


def expect_version(instance, seen: int | None) -> None:
    """Let the next save of `instance` succeed only while the row has version `seen` (None: no check)."""
    if seen is None:
        instance.__dict__.pop(_SEEN, None)
    else:
        instance.__dict__[_SEEN] = int(seen)


class Versioned:
    """Model mixin: list it before `models.Model`; the model declares `version = version_field()`."""

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        previous = self.__dict__.get("version")
        if not self._state.adding and self.pk is not None and update_fields != []:
            # Counted in SQL, not in Python: two writers that loaded the same row still add two.
            self.version = F("version") + 1
            if update_fields is not None and "version" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "version"]
        try:
            super().save(*args, **kwargs)
        except Exception:
            if previous is not None:
                self.version = previous
            raise
        finally:
            self.__dict__.pop(_SEEN, None)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, returning_fields):
        seen = self.__dict__.get(_SEEN)
        if seen is None:
            return super()._do_update(
                base_qs, using, pk_val, values, update_fields, forced_update, returning_fields
            )
        # The version condition sits in the UPDATE's WHERE: on PostgreSQL a concurrent writer waits for the
        # first one's row lock and then finds the row no longer matching; no check-then-write gap.
        results = super()._do_update(
            base_qs.filter(version=seen), using, pk_val, values, update_fields, True, returning_fields
        )
        if not results:
            raise VersionConflict(self, seen)
        return results


# -- What changed meanwhile --------------------------------------------------------------------------------


def _display(field, value) -> str:
    if value in (None, "", []):
        return gettext("(leer)")
    if isinstance(field, models.ManyToManyField):
        key = field.m2m_reverse_field_name()
        pks = [row[key].pk if hasattr(row[key], "pk") else row[key] for row in value]
        objects = field.related_model._base_manager.in_bulk(pks)
        return ", ".join(sorted(str(objects[pk]) for pk in pks if pk in objects)) or gettext("(leer)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    return Truncator(str(value)).chars(120)


def changes_since(instance, seen: int, labels: dict[str, str]) -> tuple[object | None, object, list]:
    """(who saved last, when, [(label, value at `seen`, value now)]) for the fields in `labels`, in order.

    Both states come from the change history (django-simple-history records `version` with every save):
    the newest record at the version the editor saw and the newest record of all.
    """
    history = type(instance).history.filter(**{type(instance)._meta.pk.attname: instance.pk})
    latest = history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return None, None, []
    before = history.filter(version=seen).order_by("-history_date", "-history_id").first()
    rows = []
    if before is not None:
        opts = type(instance)._meta
        tracked_m2m = {field.name for field in latest._history_m2m_fields}
        names = [name for name in labels if _is_model_field(opts, name, tracked_m2m)]
        delta = latest.diff_against(before, included_fields=names, foreign_keys_are_objs=True)
        by_name = {change.field: change for change in delta.changes}
        for name in names:
            if name in by_name:
                field = opts.get_field(name)
                old, new = _display(field, by_name[name].old), _display(field, by_name[name].new)
                if old != new:
                    rows.append((labels[name], old, new))
    return latest.history_user, latest.history_date, rows


def _is_model_field(opts, name: str, tracked_m2m: set[str]) -> bool:
    """A column the history records, or a many-to-many relation it records (only those can be compared)."""
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        return False
    if isinstance(field, models.ManyToManyField):
        return name in tracked_m2m
    return field.concrete


def conflict_messages(instance, seen: int, labels: dict[str, str]) -> list[str]:
    """The refusal in words: who and when if the history knows, then one line per changed field."""
    user, when, rows = changes_since(instance, seen, labels)
    params = {"model": instance._meta.verbose_name, "object": str(instance)}
    if user is not None and when is not None:
        params |= {"user": user.get_full_name() or user.get_username(), "when": _when(when)}
        head = gettext(
            "%(model)s „%(object)s“ wurde inzwischen von jemand anderem geändert (%(user)s, %(when)s). "
            "Nichts wurde gespeichert."
        )
    else:
        head = gettext(
            "%(model)s „%(object)s“ wurde inzwischen von jemand anderem geändert. Nichts wurde gespeichert."
        )
    lines = [head % params]
    if rows:
        lines.append(gettext("Inzwischen geändert (Ihr Ausgangsstand → jetzt gespeichert):"))
        lines += [
            gettext("%(field)s: „%(old)s“ → „%(new)s“") % {"field": label, "old": old, "new": new}
            for label, old, new in rows
        ]
    lines.append(
        gettext(
            "Ihre Eingaben stehen noch im Formular. Wer jetzt erneut speichert, ersetzt damit die Änderungen "
            "der anderen Person."
        )
    )
    return lines


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "d.m.Y, H:i")


# -- Admin ------------------------------------------------------------------------------------------------


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version its editor saw and refuses, with a diff, if it has moved on."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def edits(self) -> bool:
        """Whether the editor changed anything: an unchanged form (an untouched inline row) checks nothing."""
        return any(name != "seen_version" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk is None or seen is None or not self.edits():
            return cleaned
        current = (
            type(self.instance)
            ._base_manager.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and current != seen:
            labels = {name: str(field.label) for name, field in self.fields.items() if name != "seen_version"}
            lines = conflict_messages(self.instance, seen, labels)
            self.add_error(None, [ValidationError(line, code="conflict") for line in lines])
            # Shown again with the editor's values: a second save, after reading the diff, is deliberate.
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = current
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        expect_version(self.instance, self.cleaned_data.get("seen_version") if self.edits() else None)


class VersionedAdminMixin:
    """For a ModelAdmin of a `Versioned` model: the hidden version in the change form, the refusal shown."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj) or not fieldsets:
            return fieldsets  # read-only pages have no form, so no version to carry
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *rest]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionConflict:
            # Another save landed between this form's check and its UPDATE. The admin's atomic block has
            # rolled back everything of this request's save (inlines, many-to-many); on the second pass
            # the form sees the newer version and shows what changed.
            return super().changeform_view(request, object_id, form_url, extra_context)
