"""Import and export in the admin: CSV and XLSX, import for those who may add and change, export by role."""

from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from import_export.tmp_storages import MediaStorage

from core.storage import private_storage

from .admin_base import VIEW_SPECIAL_CATEGORIES


class PrivateUploadStorage(MediaStorage):
    """The uploaded file between preview and confirm: in the private storage that every application server
    shares (the confirm step may reach another server), never under the public media URL."""

    def _configure_storage(self):
        self._storage = private_storage()


class StaffImportMixin(ImportMixin):
    """django-import-export's import (with its preview and confirm step) with our permissions and storage.

    Import needs the add and the change permission of the model (planners). The upload waits for the
    confirm step in the private storage, and a refused upload is deleted at once.
    """

    formats = [CSV, XLSX]
    tmp_storage_class = PrivateUploadStorage

    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms([self._perm("add"), self._perm("change")])

    def import_action(self, request, **kwargs):
        """The preview step; an upload it refuses (unreadable, wrong format, rows with errors) is deleted at
        once. django-import-export keeps the file for the confirm step even when it offers none, so every
        refused upload would stay in the private storage for good."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if "fields_list" in context:
            # The columns the import reads, as the export writes them: in the user's language.
            context["fields_list"] = [
                (
                    resource.get_display_name(),
                    [resource.column_label(f) for f in resource.get_user_visible_fields()],
                )
                for resource in (
                    klass(**self.get_import_resource_kwargs(request))
                    for klass in self.get_import_resource_classes(request)
                )
            ]
        # The uploaded file itself carries the stored name (a form error drops it from `cleaned_data`).
        stored_as = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if stored_as and "confirm_form" not in context:
            self.get_tmp_storage_class()(name=stored_as, **self.get_tmp_storage_class_kwargs()).remove()
        return response


class StaffImportExportMixin(StaffImportMixin, ExportMixin):
    """django-import-export's import (with its preview and confirm step) and export, with our permissions.

    Import as `StaffImportMixin`. Export needs the view permission and every permission in
    `export_permissions`; the press office has none of them. With `special_resource_class`, users who may see
    the special categories of personal data get that resource instead. The plain export form is used: the
    selectable-fields form needs inline event handlers, which the Content-Security-Policy forbids.
    """

    # As django-import-export's ImportExportMixin: one button row with both.
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    export_form_class = ExportForm
    export_permissions: tuple[str, ...] = ()
    special_resource_class = None

    def has_export_permission(self, request) -> bool:
        return request.user.has_perms([self._perm("view"), *self.export_permissions])

    def get_resource_classes(self, request):
        if self.special_resource_class and request.user.has_perm(VIEW_SPECIAL_CATEGORIES):
            return [self.special_resource_class]
        return list(self.resource_classes)
