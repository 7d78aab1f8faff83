"""Staff page inside the admin: copy a delegation's programme to another delegation, with a preview first."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from delegations.models import Delegation

from ..copying import check_copy, copy_programme, day_offset, preview_copy, source_time_zone


class CopyProgrammeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("Zieldelegation"),
        queryset=Delegation.objects.none(),
        help_text=gettext_lazy(
            "Hat sie schon Programmpunkte, bleiben diese; die Vorschau zeigt, was hinzukommt und womit es "
            "sich überschneiden würde. Eine neue Delegation bitte zuerst anlegen."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Diese Delegation gibt es nicht, oder es ist die, aus der kopiert wird."
            )
        },
    )
    first_day = forms.DateField(
        label=gettext_lazy("neuer erster Tag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Leer lassen: der Anreisetag der Zieldelegation."),
    )

    def __init__(self, *args, source: Delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["target"].queryset = Delegation.objects.exclude(pk=source.pk).order_by(
            "-arrival_date", "pk"
        )

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None:
            if cleaned.get("first_day") is None:
                cleaned["first_day"] = target.arrival_date
            try:
                check_copy(source=self.source, target=target)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned


def copy_programme_view(request, object_id, *, model_admin):
    """GET without data: the form; GET with data: the preview; POST: the copy, then the target's programme."""
    source = model_admin.get_object(request, unquote(object_id))
    if source is None:
        raise Http404(_("Diese Delegation gibt es nicht."))
    if not (
        model_admin.has_view_or_change_permission(request, source)
        and request.user.has_perm("visits.add_programmeitem")
        and request.user.has_perm("visits.view_programmeitem")
    ):
        raise PermissionDenied

    data = request.POST if request.method == "POST" else (request.GET if "target" in request.GET else None)
    form = CopyProgrammeForm(data, source=source)
    if request.method == "POST" and form.is_valid():
        target, first_day = form.cleaned_data["target"], form.cleaned_data["first_day"]
        try:
            created = copy_programme(
                source=source, target=target, first_day=first_day, copied_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d Programmpunkt nach „%(target)s“ kopiert.",
                    "%(count)d Programmpunkte nach „%(target)s“ kopiert.",
                    len(created),
                )
                % {"count": len(created), "target": target},
            )
            return HttpResponseRedirect(reverse("admin:delegations_delegation_programme", args=[target.pk]))

    preview = None
    if data is not None and form.is_valid():
        preview = preview_copy(
            source=source, target=form.cleaned_data["target"], first_day=form.cleaned_data["first_day"]
        )
    opts = model_admin.opts
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Programm kopieren: %(delegation)s") % {"delegation": source},
        "opts": opts,
        "app_label": opts.app_label,
        "delegation": source,
        "form": form,
        "preview": preview,
        "preview_days": (
            day_offset(source=source, first_day=form.cleaned_data["first_day"])
            if preview is not None
            else None
        ),
        "programme_time_zone": source_time_zone(source).key,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/delegations/delegation/copy_programme.html", context)
