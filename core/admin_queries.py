"""The admin's pages in a small, fixed number of queries: lists count their rows once, and change forms show
the objects chosen in their autocomplete fields as read with the object, not with a query per field or row."""

from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

# -- Lists ---------------------------------------------------------------------------------------------------


class _CountedAlready:
    """Stands in for the unfiltered rows while Django's list counts them: their count is the filtered one."""

    def count(self) -> None:
        return None


class OneCountChangeList(ChangeList):
    """Django counts a list's rows twice: those it shows, and all of them (the "of 40" beside a search).

    Nothing searched or filtered, both are the same rows, so the second count is the first: one query less on
    every list opened plainly.
    """

    def get_results(self, request):
        if self.query or self.queryset.query.where != self.root_queryset.query.where:
            return super().get_results(request)
        root_queryset, self.root_queryset = self.root_queryset, _CountedAlready()
        try:
            super().get_results(request)
        finally:
            self.root_queryset = root_queryset
        if self.show_full_result_count:
            self.full_result_count = self.result_count
            self.show_admin_actions = bool(self.result_count)


# -- Autocomplete fields -------------------------------------------------------------------------------------


class _PreloadedChoices:
    """An autocomplete widget that shows the chosen objects it was given instead of reading them again.

    `preloaded` (chosen key → object) is set per form by `FewQueriesAdminMixin.render_change_form`; the widget
    falls back to Django's query when it lacks one of the chosen objects, or when its choices are limited
    (`limit_choices_to`, a narrowed queryset) or were read in another order, where the query might show fewer
    or in another order.
    """

    preloaded: dict[str, object] = {}
    preloaded_order: tuple = ()  # the ORDER BY the chosen objects of a many-to-many field were read in

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        queryset = self.choices.queryset
        if not chosen or not chosen <= self.preloaded.keys() or queryset.query.where:
            return super().optgroups(name, value, attr)
        if len(chosen) > 1 and tuple(queryset.query.order_by) != self.preloaded_order:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key, obj in self.preloaded.items():
            if key in chosen:
                options.append(self.create_option(name, self._key(obj), label(obj), chosen, len(options)))
        return [(None, options, 0)]

    def _key(self, obj):
        remote = self.field.remote_field
        opts = remote.model._meta
        return getattr(obj, opts.get_field(getattr(remote, "field_name", None) or opts.pk.name).attname)


class PreloadedAutocompleteSelect(_PreloadedChoices, AutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(_PreloadedChoices, AutocompleteSelectMultiple):
    pass


def _preload_chosen(form) -> None:
    """Give each autocomplete widget of `form` the chosen objects its instance holds already."""
    instance = form.instance
    prefetched = getattr(instance, "_prefetched_objects_cache", {})
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-field wrapper
        if not isinstance(widget, _PreloadedChoices):
            continue
        model_field = widget.field
        if model_field.many_to_many:
            if name not in prefetched:
                continue
            objects = list(prefetched[name])
            widget.preloaded_order = tuple(prefetched[name].query.order_by)
        elif model_field.is_cached(instance):
            related = getattr(instance, name)
            objects = [] if related is None else [related]
        else:
            continue
        widget.preloaded = {str(widget._key(obj)): obj for obj in objects}


class _PreloadedWidgetsMixin:
    """For a ModelAdmin or an inline: its autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class FewQueriesInlineMixin(_PreloadedWidgetsMixin):
    """For an inline whose `get_queryset` selects its autocomplete fields' objects (`select_related`)."""


class FewQueriesAdminMixin(_PreloadedWidgetsMixin):
    """For a ModelAdmin: its list counts once, and its change form reads the object with what its autocomplete
    fields show (joined, or prefetched for many-to-many fields) once per request.

    `change_form_select_related` names further relations the change form reads of the object (a reverse
    one-to-one, say), joined in the same query.
    """

    change_form_select_related: tuple[str, ...] = ()

    def get_changelist(self, request, **kwargs):
        return OneCountChangeList

    def get_object(self, request, object_id, from_field=None):
        # A GET may ask twice (an admin's change_view reading the object for its extra context, then Django);
        # a POST reads afresh, since what it saves must be what is stored now.
        key = (self.opts.label, object_id, from_field)
        known = getattr(request, "_few_queries_objects", None)
        if request.method in ("GET", "HEAD") and known is not None and key in known:
            return known[key]
        queryset = self.get_queryset(request)
        hidden = self.hidden_fields(request) if hasattr(self, "hidden_fields") else set()
        joined, prefetched = [], []
        for name in self.get_autocomplete_fields(request):
            model_field = self.opts.get_field(name)
            if name in hidden:
                continue
            if model_field.many_to_many:
                # In the order the field's choices are in, so the widget shows them as Django would.
                choices = self.get_field_queryset(None, model_field, request)
                prefetched.append(Prefetch(name, queryset=choices) if choices is not None else name)
            else:
                joined.append(name)
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        joined += self.change_form_select_related
        if joined:
            queryset = queryset.select_related(*joined)
        try:
            obj = queryset.prefetch_related(*prefetched).get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            obj = None
        if request.method in ("GET", "HEAD"):
            if known is None:
                known = request._few_queries_objects = {}
            known[key] = obj
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if "adminform" in context:
            _preload_chosen(context["adminform"].form)
        for inline_formset in context.get("inline_admin_formsets", ()):
            for form in inline_formset.formset.forms:
                _preload_chosen(form)
        return super().render_change_form(request, context, add, change, form_url, obj)
