"""Parts of the staff admin both apps use: change history, texts per language, fields hidden by role."""

import dataclasses
import datetime as dt

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.admin_queries import FewQueriesAdminMixin

# Permissions that reveal personal data; the admin hides the fields from users without them.
VIEW_MEMBERS = "delegations.view_member"
VIEW_CONTACT_DETAILS = "delegations.view_contact_details"
VIEW_SPECIAL_CATEGORIES = "delegations.view_special_categories"


def texts_fieldsets(*fields: str, open_languages: tuple[str, ...] = ("de",)) -> list:
    """One fieldset per language with the translated fields of that language; the others start folded."""
    return [
        (
            format_lazy(_("Texte: {language}"), language=name),
            {
                "fields": [f"{field}_{code}" for field in fields],
                "classes": [] if code in open_languages else ["collapse"],
            },
        )
        for code, name in settings.LANGUAGES
    ]


def without_fields(fieldsets, hidden: set[str]) -> list:
    """The fieldsets minus the hidden fields (also inside rows); fieldsets left empty are dropped."""
    result = []
    for name, options in fieldsets:
        fields = []
        for entry in options.get("fields", ()):
            if isinstance(entry, (list, tuple)):
                row = tuple(field for field in entry if field not in hidden)
                if row:
                    fields.append(row if len(row) > 1 else row[0])
            elif entry not in hidden:
                fields.append(entry)
        if fields:
            result.append((name, {**options, "fields": fields}))
    return result


EMPTY = (None, "")


def translated_originals(model) -> list[str]:
    """The model's fields that modeltranslation keeps per language (`title` for `title_de`, …)."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def constraint_message(model, name: str):
    """The German message of a database constraint, so forms that check the same rule say the same words."""
    return next(c for c in model._meta.constraints if c.name == name).violation_error_message


class RoleAwareFieldsMixin:
    """Hides fields that need a permission from the forms, lists, search and history of users without it.

    `restricted_fields` maps a permission to the fields and list columns that reveal what it protects.
    """

    restricted_fields: dict[str, tuple[str, ...]] = {}

    def hidden_fields(self, request) -> set[str]:
        return {
            field
            for perm, fields in self.restricted_fields.items()
            if not request.user.has_perm(perm)
            for field in fields
        }

    def get_fieldsets(self, request, obj=None):
        return without_fields(super().get_fieldsets(request, obj), self.hidden_fields(request))

    def get_readonly_fields(self, request, obj=None):
        hidden = self.hidden_fields(request)
        return [field for field in super().get_readonly_fields(request, obj) if field not in hidden]

    def get_list_display(self, request):
        hidden = self.hidden_fields(request)
        return [column for column in super().get_list_display(request) if column not in hidden]

    def get_list_filter(self, request):
        hidden = self.hidden_fields(request)
        return [
            entry
            for entry in super().get_list_filter(request)
            if not (isinstance(entry, str) and entry.split("__")[0] in hidden)
        ]

    def get_search_fields(self, request):
        hidden = self.hidden_fields(request)
        return [field for field in super().get_search_fields(request) if field.split("__")[0] not in hidden]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # As django-simple-history does it, but hidden fields are not spelled out, the untranslated
        # original of a translated field (it repeats the German one) is left out, and so is a change from
        # nothing to an empty text, which only says that a form saved the field for the first time.
        excluded = sorted(self.hidden_fields(request) | set(translated_originals(self.model)))
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=excluded, foreign_keys_are_objs=foreign_keys_are_objs
                )
                changes = [
                    change for change in delta.changes if not (change.old in EMPTY and change.new in EMPTY)
                ]
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(
                    dataclasses.replace(delta, changes=changes, changed_fields=[c.field for c in changes])
                )
            previous = current


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """Values in the history as people read them, in the user's language: times in the county's zone
    (Europe/Berlin) and the local format rather than UTC ISO strings, choices by their label, yes or no."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, dt.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, dt.date):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if getattr(field, "flatchoices", None) and not isinstance(value, (list, tuple)):
            return dict(field.flatchoices).get(value, value)
        return value


class HistoryMixin:
    """Change history (who, when, what) through django-simple-history, with our rules applied to it."""

    # Our own copy of the history table, without the inline style the packaged one carries (CSP).
    object_history_list_template = "admin/kleve/object_history_list.html"

    def may_see_history_of(self, request, object_id) -> bool:
        """The packaged views fall back to the history itself where `get_queryset` has no such object.

        That would show the past of objects this user may not see (an internal item to the press office),
        so: objects the user's admin list holds, and deleted ones only for those who may delete.
        """
        try:
            if self.get_queryset(request).filter(pk=unquote(object_id)).exists():
                return True
            deleted = not self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            return False
        return deleted and self.has_delete_permission(request)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        if not self.may_see_history_of(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_see_history_of(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class HistoryAdmin(FewQueriesAdminMixin, RoleAwareFieldsMixin, HistoryMixin, SimpleHistoryAdmin):
    """An admin with change history, for models without translated content."""


class HistoryTranslationAdmin(
    FewQueriesAdminMixin, RoleAwareFieldsMixin, HistoryMixin, SimpleHistoryAdmin, TranslationAdmin
):
    """An admin with change history and content fields per language."""


class StaffTranslationAdmin(FewQueriesAdminMixin, RoleAwareFieldsMixin, TranslationAdmin):
    """An admin with content fields per language, without change history."""
