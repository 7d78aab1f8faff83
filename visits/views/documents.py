"""Staff views of a delegation's documents: the briefing book, and the catering, transport, hotel and
interpreter lists as admin pages and as PDF, CSV and XLSX downloads.

`visits/urls/documents.py` wraps every view in `admin.site.admin_view` (staff login); each request then checks
the permissions of the document it serves, downloads included.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from delegations.models import Delegation

from ..documents.briefing import EDITION_LANGUAGES, briefing_book_pdf
from ..documents.lists import LIST_KINDS, VIEW_MEMBERS, ListKind
from ..documents.scope import DocumentScope

BRIEFING_BOOK_PERMISSIONS = (VIEW_MEMBERS,)

DOWNLOAD_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def delegation_for(request, pk: int, permissions) -> Delegation:
    """The delegation with what every document prints of it, if the user has all `permissions` (else 403)."""
    if not request.user.has_perms(permissions):
        raise PermissionDenied
    return get_object_or_404(
        Delegation.objects.select_related(
            "partnership", "home_organisation", "host_contact", "host_contact__organisation"
        ),
        pk=pk,
    )


def _list_kind(kind: str) -> ListKind:
    try:
        return LIST_KINDS[kind]
    except KeyError:
        raise Http404 from None


def _file_response(content: bytes, *, fmt: str, filename: str, attachment: bool) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=DOWNLOAD_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(attachment, filename)},
    )


def _admin_context(request, delegation: Delegation, title: str) -> dict:
    return {
        **admin.site.each_context(request),
        "title": title,
        "subtitle": str(delegation),
        "delegation": delegation,
        "opts": Delegation._meta,
    }


def index(request, pk: int) -> TemplateResponse:
    """The delegation's documents, each with the formats the user may open."""
    user = request.user
    documents = [
        {"kind": kind, "title": kind.title, "allowed": user.has_perms(kind.permissions)}
        for kind in LIST_KINDS.values()
    ]
    may_read_book = user.has_perms(BRIEFING_BOOK_PERMISSIONS)
    if not may_read_book and not any(document["allowed"] for document in documents):
        raise PermissionDenied
    delegation = delegation_for(request, pk, ())
    context = _admin_context(request, delegation, _("Dokumente"))
    context.update(
        documents=[document for document in documents if document["allowed"]],
        may_read_book=may_read_book,
        editions=[("de", _("Deutsch")), ("uk", _("Ukrainisch")), ("en", _("Englisch"))],
    )
    return TemplateResponse(request, "documents/index.html", context)


def briefing_book(request, pk: int) -> HttpResponse:
    """The briefing book as PDF, in German or, with ``?lang=uk`` or ``?lang=en``, in the guests' language."""
    language = request.GET.get("lang", "de")
    if language not in EDITION_LANGUAGES:
        return HttpResponseBadRequest(
            _("Die Besuchermappe gibt es nur auf Deutsch (de), Ukrainisch (uk) und Englisch (en).")
        )
    delegation = delegation_for(request, pk, BRIEFING_BOOK_PERMISSIONS)
    content = briefing_book_pdf(DocumentScope.for_user(delegation, request.user), language=language)
    return _file_response(
        content, fmt="pdf", filename=f"besuchermappe-{delegation.slug}-{language}.pdf", attachment=False
    )


def staff_list(request, pk: int, kind: str) -> TemplateResponse:
    """A list as a page in the admin, with links to its downloads."""
    list_kind = _list_kind(kind)
    delegation = delegation_for(request, pk, list_kind.permissions)
    built = list_kind.build(DocumentScope.for_user(delegation, request.user))
    context = _admin_context(request, delegation, built.title)
    context.update(list=built, kind=list_kind, formats=list(DOWNLOAD_TYPES))
    return TemplateResponse(request, "documents/list_page.html", context)


def staff_list_download(request, pk: int, kind: str, fmt: str) -> HttpResponse:
    """A list as PDF (shown in the browser, for printing), CSV or XLSX (saved)."""
    from ..documents.tables import list_csv, list_pdf, list_xlsx

    list_kind = _list_kind(kind)
    if fmt not in DOWNLOAD_TYPES:
        raise Http404
    delegation = delegation_for(request, pk, list_kind.permissions)
    built = list_kind.build(DocumentScope.for_user(delegation, request.user))
    render = {"pdf": list_pdf, "csv": list_csv, "xlsx": list_xlsx}[fmt]
    return _file_response(
        render(built),
        fmt=fmt,
        filename=f"{list_kind.filename}-{delegation.slug}.{fmt}",
        attachment=fmt != "pdf",
    )
