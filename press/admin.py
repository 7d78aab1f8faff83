"""Event pages and photos in the admin, for the press office: the publishing workflow, preview, photo checks.

Only users with `press.publish_eventpage` (press office, planners) may schedule or publish a page, or change
one that is; the model sanitises the body on every save; the history shows who changed what and when.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.concurrency import VersionedAdminMixin, VersionedModelForm
from delegations.admin_base import HistoryTranslationAdmin, StaffTranslationAdmin, texts_fieldsets
from visits.enums import Visibility

from . import images
from .enums import PageStatus
from .models import EventPage, Photo
from .views import render_event_page

PUBLISH_PERMISSION = "press.publish_eventpage"
# States that put a page before the public, now or at its time.
PUBLIC_STATES = {PageStatus.SCHEDULED, PageStatus.PUBLISHED}


class EventPageForm(VersionedModelForm):
    may_publish = False  # set per request by EventPageAdmin.get_form

    class Meta:
        model = EventPage
        fields = [
            "delegation",
            "programme_item",
            "slug",
            "title",
            "summary",
            "body",
            "hero",
            "gallery",
            "status",
            "publish_at",
            "embargo_until",
        ]
        help_texts = {
            "body_de": _(
                "Erlaubt: Zwischenüberschriften (h2–h4), Absätze, Listen, Links, Hervorhebungen, Zitate."
            ),
            "publish_at": _("Bei „geplant“ erscheint die Seite zu diesem Zeitpunkt von selbst."),
            "embargo_until": _(
                "Vor diesem Zeitpunkt erscheint die Seite nie, auch wenn sie veröffentlicht ist."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        was = self.instance.status if self.instance.pk else None
        if not self.may_publish and (status in PUBLIC_STATES or was in PUBLIC_STATES):
            raise ValidationError(
                {
                    "status": _(
                        "Nur die Pressestelle und die Planung dürfen Seiten veröffentlichen, zeitgesteuert "
                        "veröffentlichen oder veröffentlichte Seiten ändern."
                    )
                }
            )
        if status == PageStatus.SCHEDULED and not cleaned.get("publish_at"):
            self.add_error(
                "publish_at", _("Eine zeitgesteuerte Seite braucht einen Veröffentlichungszeitpunkt.")
            )
        item, delegation = cleaned.get("programme_item"), cleaned.get("delegation")
        if item is not None and delegation is not None and item.delegation_id != delegation.pk:
            self.add_error("programme_item", _("Der Programmpunkt gehört zu einem anderen Besuch."))
        if status in PUBLIC_STATES:
            if item is not None and item.visibility != Visibility.PUBLIC:
                self.add_error(
                    "programme_item", _("Nur öffentliche Programmpunkte können eine öffentliche Seite haben.")
                )
            photos = [photo for photo in [cleaned.get("hero"), *(cleaned.get("gallery") or [])] if photo]
            without_consent = [str(photo) for photo in photos if not photo.consent_confirmed]
            if without_consent:
                raise ValidationError(
                    _(
                        "Ohne bestätigte Einwilligung der Abgebildeten kann ein Foto nicht erscheinen: "
                        "%(photos)s"
                    ),
                    params={"photos": ", ".join(without_consent)},
                )
        return cleaned


class PublishedNowFilter(admin.SimpleListFilter):
    title = _("öffentlich sichtbar")
    parameter_name = "public_now"

    def lookups(self, request, model_admin):
        return [("yes", _("ja, jetzt")), ("no", _("nein"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_public_now=True)
        if self.value() == "no":
            return queryset.filter(is_public_now=False)
        return queryset


@admin.register(EventPage)
class EventPageAdmin(VersionedAdminMixin, HistoryTranslationAdmin):
    form = EventPageForm
    list_display = ["title", "delegation", "status", "publish_at", "embargo_until", "public_now"]
    list_filter = ["status", PublishedNowFilter, "delegation"]
    list_select_related = ["delegation", "author"]
    search_fields = ["title_de", "title_uk", "title_en", "slug"]
    autocomplete_fields = ["delegation", "programme_item", "hero", "gallery"]
    readonly_fields = ["author", "created_at", "updated_at", "public_link"]
    prepopulated_fields = {"slug": ["title_de"]}
    actions = ["publish_now", "back_to_draft", "archive"]
    fieldsets = [
        (None, {"fields": ["delegation", "programme_item", "slug"]}),
        *texts_fieldsets("title", "summary", "body"),
        (_("Bilder"), {"fields": ["hero", "gallery"]}),
        (
            _("Veröffentlichung"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "embargo_until",
                    "public_link",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        published = EventPage.objects.published(timezone.now()).filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_public_now=Exists(published))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.may_publish = self.has_publish_permission(request)
        return form

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.display(description=_("jetzt öffentlich"), boolean=True, ordering="is_public_now")
    def public_now(self, obj) -> bool:
        return obj.is_public_now

    @admin.display(description=_("Öffentliche Adresse"))
    def public_link(self, obj) -> str:
        if not obj or not obj.pk:
            return "–"
        links = []
        for code, name in _languages():
            with translation.override(code):
                url = obj.get_absolute_url()
            links.append(format_html('<a href="{}">{}</a>', url, name))
        if obj.is_public_now:
            return format_html(", ".join(["{}"] * len(links)), *links)
        return format_html("{} ({})", _("noch nicht öffentlich"), ", ".join(str(link) for link in links))

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        if obj.status == PageStatus.PUBLISHED and obj.publish_at is None:
            obj.publish_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<path:object_id>/preview/", preview, name="press_eventpage_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The page as the public will see it, for staff, whatever its status; `?language=uk` and so on."""
        page = get_object_or_404(
            self.get_queryset(request).select_related("delegation", "hero"), pk=object_id
        )
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        language = request.GET.get("language", "de")
        if language not in dict(_languages()):
            language = "de"
        page.visible_from = page.publish_at or page.created_at
        with translation.override(language):
            response = render_event_page(request, page, timezone.now(), preview=True)
        response["Cache-Control"] = "private, no-store"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "preview_links": [
                (name, reverse("admin:press_eventpage_preview", args=[object_id]) + f"?language={code}")
                for code, name in _languages()
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _set_status(self, request, queryset, status, message):
        now = timezone.now()
        count = 0
        for page in queryset:
            page.status = status
            if status == PageStatus.PUBLISHED and (page.publish_at is None or page.publish_at > now):
                page.publish_at = now
            page.save()  # one by one, so each change is in the history with its author
            count += 1
        self.message_user(request, message(count))

    @admin.action(description=_("Jetzt veröffentlichen"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PageStatus.PUBLISHED,
            lambda n: ngettext("%(n)d Seite veröffentlicht.", "%(n)d Seiten veröffentlicht.", n) % {"n": n},
        )

    @admin.action(description=_("Zurück auf Entwurf"), permissions=["publish"])
    def back_to_draft(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PageStatus.DRAFT,
            lambda n: (
                ngettext("%(n)d Seite ist wieder Entwurf.", "%(n)d Seiten sind wieder Entwurf.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Archivieren"), permissions=["publish"])
    def archive(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PageStatus.ARCHIVED,
            lambda n: ngettext("%(n)d Seite archiviert.", "%(n)d Seiten archiviert.", n) % {"n": n},
        )


def _languages():
    from django.conf import settings

    return settings.LANGUAGES


class PhotoForm(forms.ModelForm):
    image = forms.FileField(
        label=_("Bild"),
        help_text=_(
            "JPEG, PNG oder WebP, höchstens 15 MB und 50 Megapixel. Metadaten (Ort, Kamera) werden für die "
            "Website entfernt; das Original bleibt intern."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(images.ALLOWED_FORMATS.values())}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "consent_confirmed"]

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if "image" in self.changed_data and upload is not None:
            images.check_upload(upload)
        return upload


@admin.register(Photo)
class PhotoAdmin(StaffTranslationAdmin):
    form = PhotoForm
    list_display = [
        "thumbnail",
        "alt_text",
        "credit",
        "consent_confirmed",
        "dimensions",
        "uploaded_at",
        "uploaded_by",
    ]
    list_display_links = ["thumbnail", "alt_text"]
    list_filter = ["consent_confirmed"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text_de", "alt_text_uk", "alt_text_en", "caption_de", "credit"]
    readonly_fields = ["preview", "dimensions", "uploaded_by", "uploaded_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "dimensions"]}),
        *texts_fieldsets("alt_text", "caption"),
        (_("Rechte"), {"fields": ["credit", "consent_confirmed", "uploaded_by", "uploaded_at"]}),
    ]

    @admin.display(description=_("Vorschau"))
    def thumbnail(self, obj) -> str:
        picture = images.picture_data(obj)
        if not picture:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="120" height="{}">',
            picture["smallest_url"],
            round(120 * picture["height"] / picture["width"]),
        )

    @admin.display(description=_("Vorschau"))
    def preview(self, obj) -> str:
        picture = images.picture_data(obj) if obj and obj.pk else None
        if not picture:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="480" height="{}">',
            picture["src"],
            obj.alt_text,
            round(480 * picture["height"] / picture["width"]),
        )

    @admin.display(description=_("Größe des Originals"))
    def dimensions(self, obj) -> str:
        return f"{obj.width} × {obj.height} px" if obj and obj.width else "–"

    def save_model(self, request, obj, form, change):
        replaced = change and "image" in form.changed_data
        old = Photo.objects.get(pk=obj.pk) if replaced else None
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if old is not None:
            images.delete_renditions(old)
            old.image.storage.delete(old.image.name)
        images.make_renditions(obj, force=replaced)

    def delete_model(self, request, obj):
        _delete_files(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            _delete_files(photo)
        super().delete_queryset(request, queryset)


def _delete_files(photo: Photo) -> None:
    images.delete_renditions(photo)
    if photo.image and photo.image.storage.exists(photo.image.name):
        photo.image.storage.delete(photo.image.name)
