"""The planners' translations page of a visit: what guests would read in the wrong language, edited in place,
sent to an outside translator as XLIFF and taken back with a preview.

`visits/urls/translations.py` wraps every view in `admin.site.admin_view` (staff login). Seeing the page
takes the permissions to see the visit, its items and its members (it names them and their hotels);
changing a text takes the change permission of its kind of object (planners have them all; read-only sees).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from delegations.enums import Language
from delegations.models import Delegation

from ..translating import xliff
from ..translating.services import (
    Edit,
    TranslationConflict,
    apply_import,
    fingerprint,
    plan_import,
    save_translations,
)
from ..translating.worklist import CHANGE_PERMISSIONS, LANGUAGES, State, WorkList, work_list, work_lists

VIEW_PERMISSIONS = ("delegations.view_delegation", "visits.view_programmeitem", "delegations.view_member")
IMPORT_SALT = "visits.translations.import"
# A preview is confirmed within this long, or shown again.
IMPORT_MAX_AGE = 60 * 60


def may_edit(user) -> bool:
    """Whether the user may change any of the texts (the page offers its form and the import)."""
    return any(user.has_perm(permission) for permission in CHANGE_PERMISSIONS.values())


def _delegation(request, pk: int) -> Delegation:
    if not request.user.has_perms(VIEW_PERMISSIONS):
        raise PermissionDenied
    return get_object_or_404(Delegation, pk=pk)


def _language(request) -> str:
    language = request.GET.get("language", LANGUAGES[0])
    return language if language in LANGUAGES else LANGUAGES[0]


def page_url(delegation_pk: int, language: str) -> str:
    return f"{reverse('translations:index', args=[delegation_pk])}?{urlencode({'language': language})}"


class TranslationForm(forms.Form):
    """One text's translation: what the editor saw and the German they worked from travel along, hidden."""

    id = forms.CharField(widget=forms.HiddenInput)
    seen = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    source = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    text = forms.CharField(required=False)
    fits = forms.BooleanField(
        label=gettext_lazy("passt weiter"),
        required=False,
        help_text=gettext_lazy("Die bisherige Übersetzung passt auch zum geänderten deutschen Text."),
    )

    def edit(self) -> Edit | None:
        """The write this row asks for, or None when the editor left it alone."""
        data = self.cleaned_data
        if not data or self.fields["text"].disabled:
            return None
        if data["text"] == data["seen"].strip() and not data.get("fits"):
            return None  # compared with what the editor saw, not with what is stored now
        return Edit(id=data["id"], text=data["text"], seen=data["seen"], source=data["source"])


TranslationFormSet = forms.formset_factory(TranslationForm, extra=0)


def _formset(work: WorkList, user, *, data=None):
    """The rows of the open texts (or, bound, the rows the editor submitted), each shaped for its text."""
    editable = may_edit(user)
    texts = work.open
    initial = [
        {"id": text.id, "seen": text.translation, "source": text.german, "text": text.translation}
        for text in texts
    ]
    if data is not None:
        # The rows the editor saw, in their order; a text done meanwhile by someone else still has its row.
        count = _int(data.get("form-TOTAL_FORMS"))
        by_id = work.by_id()
        ids = [data.get(f"form-{index}-id", "") for index in range(count)]
        texts = [by_id.get(i) for i in ids]
        initial = [
            {"id": i, "seen": "", "source": "", "text": t.translation if t else ""}
            for i, t in zip(ids, texts, strict=True)
        ]
    formset = TranslationFormSet(data=data, initial=initial)
    for form, text in zip(formset.forms, texts, strict=False):
        form.text_row = text
        may_change = editable and text is not None and user.has_perm(text.change_permission)
        _shape(form, text, work.language, may_change)
    return formset, texts


def _int(value) -> int:
    try:
        return max(0, min(int(value), 1000))
    except (TypeError, ValueError):
        return 0


def _shape(form, text, language: str, may_change: bool) -> None:
    """The row's field as its column asks: a text area for long text, its length, a label naming it."""
    field = form.fields["text"]
    if text is not None:
        if text.multiline:
            field.widget = forms.Textarea(attrs={"rows": 3, "cols": 50})
        else:
            field.widget = forms.TextInput(attrs={"size": 50})
        if text.max_length:
            field.max_length = text.max_length
            field.validators.append(forms.fields.validators.MaxLengthValidator(text.max_length))
            field.widget.attrs["maxlength"] = str(text.max_length)
        field.label = f"{text.field_label} ({Language(language).label})"
        field.widget.attrs["lang"] = language
        if text.state != State.OUTDATED:
            del form.fields["fits"]
    if not may_change:
        field.disabled = True
        form.fields.pop("fits", None)


def _lists(request, pk: int):
    """The delegation, its work lists of every language (one read), and the one asked for."""
    delegation = _delegation(request, pk)
    lists = work_lists([delegation])[delegation.pk]
    return delegation, lists, lists[_language(request)]


def _context(request, delegation, work, *, counts, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "is_nav_sidebar_enabled": False,  # the German and its translation side by side need the width
        "title": _("Übersetzungen"),
        "subtitle": str(delegation),
        "delegation": delegation,
        "opts": Delegation._meta,
        "work": work,
        "language_label": Language(work.language).label,
        "languages": [
            {
                "code": code,
                "label": Language(code).label,
                "url": page_url(delegation.pk, code),
                "missing": counts[code].missing,
                "outdated": counts[code].outdated,
                "done": counts[code].done,
                "current": code == work.language,
            }
            for code in LANGUAGES
        ],
        "may_edit": may_edit(request.user),
        "export_url": f"{reverse('translations:export', args=[delegation.pk])}?language={work.language}",
        "import_url": f"{reverse('translations:import', args=[delegation.pk])}?language={work.language}",
        "upload_form": UploadForm(),
        "page_url": page_url(delegation.pk, work.language),
        **extra,
    }


def translations_page(request, pk: int):
    """The open texts of one language, each beside its German, editable for planners; POST saves the rows
    the editor changed, all or nothing."""
    delegation, lists, work = _lists(request, pk)
    language = work.language
    editable = may_edit(request.user)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        formset, _texts = _formset(work, request.user, data=request.POST)
        if formset.is_valid():
            edits = [edit for form in formset.forms if (edit := form.edit()) is not None]
            try:
                written = save_translations(
                    delegation=delegation, language=language, edits=edits, user=request.user
                )
            except TranslationConflict as conflict:
                for form in formset.forms:
                    if form.cleaned_data.get("id") in conflict.problems:
                        form.add_error("text", conflict.problems[form.cleaned_data["id"]])
                messages.error(
                    request, _("Nichts wurde gespeichert: bitte prüfen Sie die markierten Zeilen.")
                )
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d Übersetzung gespeichert.",
                        "%(count)d Übersetzungen gespeichert.",
                        len(written),
                    )
                    % {"count": len(written)},
                )
                return HttpResponseRedirect(page_url(delegation.pk, language))
    else:
        formset, _texts = _formset(work, request.user)
    return TemplateResponse(
        request,
        "admin/visits/translations/page.html",
        _context(request, delegation, work, counts=lists, formset=formset),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLIFF-Datei mit den Übersetzungen"),
        help_text=gettext_lazy(
            "Die Datei, die Sie hier exportiert und übersetzen lassen haben (.xlf, .xliff)."
        ),
    )


def export_xliff(request, pk: int) -> HttpResponse:
    """The open texts of one language as an XLIFF 1.2 file for a translator."""
    delegation = _delegation(request, pk)
    language = _language(request)
    work = work_list(delegation, language)
    content = xliff.build(work, work.open)
    filename = f"uebersetzung-{delegation.slug}-{language}.xlf"
    return HttpResponse(
        content,
        content_type=f"{xliff.CONTENT_TYPE}; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def import_xliff(request, pk: int):
    """POST a file: the preview of what it would change. POST the preview's form: applied, in one go."""
    if request.method != "POST":
        return HttpResponseRedirect(page_url(pk, _language(request)))
    if not may_edit(request.user):
        raise PermissionDenied
    delegation, lists, work = _lists(request, pk)
    language = work.language
    if "payload" in request.POST:
        return _apply(request, delegation, work, lists)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _page_with_upload_error(request, delegation, work, lists, upload)
    try:
        units = xliff.parse(upload.cleaned_data["file"].read(xliff.MAX_BYTES + 1), language)
    except xliff.XliffError as error:
        upload.add_error("file", str(error))
        return _page_with_upload_error(request, delegation, work, lists, upload)
    return _preview(request, delegation, work, lists, units)


def _page_with_upload_error(request, delegation, work, lists, upload):
    formset, _texts = _formset(work, request.user)
    context = _context(request, delegation, work, counts=lists, formset=formset)
    context["upload_form"] = upload
    messages.error(request, _("Die Datei wurde nicht übernommen; nichts wurde geändert."))
    return TemplateResponse(request, "admin/visits/translations/page.html", context, status=400)


def _preview(request, delegation, work, lists, units, *, note: str = ""):
    plan = plan_import(delegation=delegation, language=work.language, units=units, user=request.user)
    payload = signing.dumps(
        {
            "delegation": delegation.pk,
            "language": work.language,
            "units": [[unit.id, unit.source, unit.target, unit.reviewed] for unit in units],
            "shown": fingerprint(plan),
        },
        salt=IMPORT_SALT,
        compress=True,
    )
    context = _context(request, delegation, work, counts=lists, plan=plan, payload=payload, note=note)
    context["title"] = _("Übersetzungen übernehmen: Vorschau")
    return TemplateResponse(request, "admin/visits/translations/preview.html", context)


def _apply(request, delegation, work, lists):
    try:
        data = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.BadSignature:
        messages.error(
            request, _("Die Vorschau ist abgelaufen oder beschädigt; bitte laden Sie die Datei erneut.")
        )
        return HttpResponseRedirect(page_url(delegation.pk, work.language))
    if data.get("delegation") != delegation.pk or data.get("language") != work.language:
        raise PermissionDenied
    units = [xliff.Unit(*unit) for unit in data["units"]]
    plan = plan_import(delegation=delegation, language=work.language, units=units, user=request.user)
    if fingerprint(plan) != data["shown"]:
        note = _("Seit der Vorschau wurden Texte geändert. Bitte prüfen Sie die neue Vorschau.")
        return _preview(request, delegation, work, lists, units, note=note)
    confirmed = set(request.POST.getlist("confirm"))
    try:
        written = apply_import(
            delegation=delegation, language=work.language, plan=plan, confirmed=confirmed, user=request.user
        )
    except TranslationConflict:
        note = _("Seit der Vorschau wurden Texte geändert. Bitte prüfen Sie die neue Vorschau.")
        return _preview(request, delegation, work, lists, units, note=note)
    messages.success(
        request,
        ngettext(
            "%(count)d Übersetzung aus der Datei übernommen.",
            "%(count)d Übersetzungen aus der Datei übernommen.",
            len(written),
        )
        % {"count": len(written)},
    )
    return HttpResponseRedirect(page_url(delegation.pk, work.language))
