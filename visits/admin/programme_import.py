"""The programme admin's spreadsheet import: django-import-export's preview and confirm steps for one chosen
delegation, the findings (conflicts, unknown names) in the preview, a template to download, and the undo."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.forms import ConfirmImportForm, ImportForm

from delegations.admin_base import VIEW_MEMBERS
from delegations.admin_import_export import StaffImportMixin
from delegations.models import Delegation

from ..programme_import import (
    ProgrammeItemResource,
    items_of_import,
    spreadsheet_formats,
    template_workbook,
    undo_programme_import,
)
from ..programme_import.services import report_of


def delegation_field(widget=None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=gettext_lazy("Delegation"),
        queryset=Delegation.objects.order_by("-arrival_date", "pk"),
        widget=widget,
        help_text=gettext_lazy("Die Programmpunkte der Datei kommen zu deren Programm hinzu."),
        error_messages={"invalid_choice": gettext_lazy("Diese Delegation gibt es nicht.")},
    )


class ProgrammeImportForm(ImportForm):
    delegation = delegation_field()
    field_order = ["delegation", "resource", "import_file", "format"]


class ProgrammeConfirmImportForm(ConfirmImportForm):
    delegation = delegation_field(widget=forms.HiddenInput())


class ProgrammeImportAdminMixin(StaffImportMixin):
    """Import of programme items into one delegation. Planners only: the rows name members."""

    resource_classes = [ProgrammeItemResource]
    import_form_class = ProgrammeImportForm
    confirm_form_class = ProgrammeConfirmImportForm
    import_template_name = "admin/visits/programmeitem/import.html"
    # Every item's history records who imported it; django-import-export's log entries would repeat that.
    skip_admin_log = True

    def get_import_formats(self):
        return spreadsheet_formats()

    def has_import_permission(self, request) -> bool:
        return super().has_import_permission(request) and request.user.has_perm(VIEW_MEMBERS)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        return {"delegation": cleaned.get("delegation")}

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        chosen = request.GET.get("delegation", "")
        if chosen.isdigit():
            initial["delegation"] = chosen
        return initial

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["delegation"] = import_form.cleaned_data["delegation"].pk
        return initial

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "template_url": reverse("admin:visits_programmeitem_import_template"),
        }

    def process_result(self, result, request):
        report = report_of(result, result.total_rows)
        delegation = result.programme_resource.delegation
        if report.blocking or not report.created:
            # The data changed since the preview (a venue deleted): nothing was imported.
            messages.error(request, _("Nichts importiert: Die Datei hat jetzt Fehler. Bitte neu hochladen."))
            return HttpResponseRedirect(reverse("admin:visits_programmeitem_import"))
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext(
                    "%(count)d Programmpunkt in „%(delegation)s“ importiert.",
                    "%(count)d Programmpunkte in „%(delegation)s“ importiert.",
                    len(report.created),
                )
                % {"count": len(report.created), "delegation": delegation},
                reverse("admin:visits_programmeitem_import_undo", args=[report.batch]),
                _("Diesen Import rückgängig machen"),
            ),
        )
        changelist = reverse("admin:visits_programmeitem_changelist")
        return HttpResponseRedirect(f"{changelist}?delegation__id__exact={delegation.pk}")

    def get_urls(self):
        return [
            path(
                "import/template.xlsx",
                self.admin_site.admin_view(self.import_template_view),
                name="visits_programmeitem_import_template",
            ),
            path(
                "import/<uuid:batch>/undo/",
                self.admin_site.admin_view(self.undo_import_view),
                name="visits_programmeitem_import_undo",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{_("programm-vorlage")}.xlsx"'
        return response

    def undo_import_view(self, request, batch: uuid.UUID):
        """GET: the items of the import and a button; POST: delete them, if none changed since."""
        if not (self.has_import_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        if request.method == "POST":
            try:
                count = undo_programme_import(batch=batch, undone_by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(request.path)
            messages.success(
                request,
                ngettext(
                    "Import rückgängig gemacht: %(count)d Programmpunkt gelöscht.",
                    "Import rückgängig gemacht: %(count)d Programmpunkte gelöscht.",
                    count,
                )
                % {"count": count},
            )
            return HttpResponseRedirect(reverse("admin:visits_programmeitem_changelist"))
        items = list(items_of_import(batch).select_related("delegation", "venue").order_by("starts_at", "pk"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import rückgängig machen"),
            "opts": self.opts,
            "items": items,
            "changed": [item for item in items if item.version > 0],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/visits/programmeitem/undo_import.html", context)
