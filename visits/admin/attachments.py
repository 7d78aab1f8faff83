"""The documents of a visit (agenda, slides, visa papers, contracts): upload, sharing, and the staff download.

An upload is checked by its content (`visits.attachments`) before anything is stored; a refused one leaves
nothing behind. The file is downloaded through `download_view`, which asks for the download permission on
every request; the storage's own address serves nothing.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..attachments import checked_upload, file_response
from ..enums import AttachmentSharing
from ..models import Attachment
from ..models.attachments import new_code

DOWNLOAD = "visits.download_attachment"


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["delegation", "item", "title", "kind", "file", "sharing", "shared_with"]
        # A plain file input: the clearable one would print the storage's address, which serves nothing.
        widgets = {"file": forms.FileInput()}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload  # unchanged: the file already stored
        self.checked = checked_upload(upload)
        return self.checked.content

    def clean(self):
        cleaned = super().clean()
        delegation = cleaned.get("delegation")
        item = cleaned.get("item")
        sharing = cleaned.get("sharing")
        members = list(cleaned.get("shared_with") or [])
        if delegation and item and item.delegation_id != delegation.pk:
            self.add_error(
                "item", _("Der Programmpunkt gehört zu einer anderen Delegation als die Unterlage.")
            )
        if delegation and any(member.delegation_id != delegation.pk for member in members):
            self.add_error("shared_with", _("Bitte nur Mitglieder dieser Delegation auswählen."))
        if sharing == AttachmentSharing.CHOSEN and not members:
            self.add_error(
                "shared_with",
                _("Bitte mindestens ein Mitglied auswählen, für das die Unterlage freigegeben ist."),
            )
        if sharing and sharing != AttachmentSharing.CHOSEN and members:
            self.add_error(
                "shared_with",
                _("Mitglieder werden nur bei „ausgewählte Mitglieder“ ausgewählt. Bitte die Auswahl leeren."),
            )
        return cleaned

    def save(self, commit=True):
        attachment = super().save(commit=False)
        checked = getattr(self, "checked", None)
        if checked is not None:
            attachment.file_name = checked.file_name
            attachment.content_type = checked.content_type
            attachment.size = checked.size
            if attachment.pk:
                # A new file, a new address: no guest's device keeps the old copy under it.
                attachment.code = new_code()
        if commit:
            attachment.save()
            self.save_m2m()
        return attachment


class SharingFilter(admin.SimpleListFilter):
    title = _("Freigegeben für")
    parameter_name = "sharing"

    def lookups(self, request, model_admin):
        return AttachmentSharing.choices

    def queryset(self, request, queryset):
        if self.value() in AttachmentSharing.values:
            return queryset.filter(sharing=self.value())
        return queryset


@admin.register(Attachment)
class AttachmentAdmin(TranslationAdmin):
    form = AttachmentForm
    list_display = ["title", "kind", "delegation", "item", "sharing_summary", "file_size", "uploaded_at"]
    list_filter = ["delegation", "kind", SharingFilter, "uploaded_at"]
    list_select_related = ["delegation", "item"]
    search_fields = ["title_de", "title_uk", "title_en", "file_name", "delegation__title_de"]
    autocomplete_fields = ["delegation", "item", "shared_with"]
    readonly_fields = [
        "download_link",
        "file_name",
        "content_type",
        "file_size",
        "uploaded_by",
        "uploaded_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("shared_with")

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "delegation",
                    "item",
                    "title",
                    "kind",
                    "file",
                    "download_link",
                    "file_name",
                    "content_type",
                    "file_size",
                    "uploaded_by",
                    "uploaded_at",
                ]
            },
        ),
        (_("Wer die Unterlage sieht"), {"fields": ["sharing", "shared_with"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Adding: nothing to show yet of a file. Reading only: the facts, never the storage's file name; the
        # download link only to those who may download.
        hidden = set(self.readonly_fields) if obj is None else set()
        if obj is not None and not self.has_change_permission(request, obj):
            hidden.add("file")
        if not request.user.has_perm(DOWNLOAD):
            hidden.add("download_link")
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("Freigegeben für"), ordering="sharing")
    def sharing_summary(self, obj) -> str:
        if obj.sharing == AttachmentSharing.CHOSEN:
            return ", ".join(str(member) for member in obj.shared_with.all())
        return obj.get_sharing_display()

    @admin.display(description=_("Größe"), ordering="size")
    def file_size(self, obj) -> str:
        return filesizeformat(obj.size)

    @admin.display(description=_("Datei"))
    def download_link(self, obj) -> str:
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:visits_attachment_download", args=[obj.pk]),
            _("„%(name)s“ herunterladen") % {"name": obj.file_name},
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        replaced = None
        if change and "file" in form.changed_data:
            replaced = Attachment.objects.filter(pk=obj.pk).values_list("file", flat=True).first()
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if replaced and replaced != obj.file.name:
            storage = obj.file.storage
            transaction.on_commit(lambda: storage.delete(replaced))

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="visits_attachment_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        """The file, to staff who may download documents; asked on every request."""
        if not request.user.has_perm(DOWNLOAD):
            raise PermissionDenied
        attachment = get_object_or_404(
            Attachment.objects.only("pk", "file", "file_name", "content_type"), pk=pk
        )
        return file_response(attachment)
