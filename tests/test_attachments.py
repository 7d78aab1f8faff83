"""A visit's documents: checked by content, stored privately, shared with chosen guests, served only through
a view that checks the right, and gone with the only member they were shared with."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image

from privacy.services import erase_member
from tests import factories
from visits import services
from visits.enums import AttachmentKind, AttachmentSharing, Visibility
from visits.models import Attachment

pytestmark = pytest.mark.django_db


# -- Files to upload -------------------------------------------------------------------------------------


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "PDF")
    return out.getvalue()


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return out.getvalue()


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx_bytes(main_type: str = WORD_MAIN, extra: list[tuple[str, bytes]] = ()) -> bytes:
    """A minimal Word document, made by hand: the manifest, the package relations and the main part."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
        "</Types>"
    ).encode()
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tagesordnung</w:t></w:r></w:p></w:body>'
        b"</w:document>"
    )
    return zip_bytes(
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
            *extra,
        ]
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Teilnehmende"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    return zip_bytes(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b'<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest/>'),
        ],
        stored_first=True,
    )


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 20), "teal")
    exif = image.getexif()
    exif[0x010F] = "Spionagekamera"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 47.0, 20.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def private_files() -> set[Path]:
    return {path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# -- The world -------------------------------------------------------------------------------------------


@pytest.fixture
def visit(db):
    delegation = factories.DelegationFactory()
    olena = factories.MemberFactory(delegation=delegation, first_name="Olena")
    petro = factories.MemberFactory(delegation=delegation, first_name="Petro")
    shared_item = factories.ProgrammeItemFactory(delegation=delegation, title_uk="Спільна зустріч")
    petros_item = factories.ProgrammeItemFactory(delegation=delegation, participants=[petro])
    internal_item = factories.ProgrammeItemFactory(delegation=delegation, visibility=Visibility.INTERNAL)
    factories.release(delegation, accept_reason="Der Test prüft die Unterlagen, nicht die Freigabe.")
    _, olena_token = services.issue_guest_access(delegation=delegation, member=olena)
    _, petro_token = services.issue_guest_access(delegation=delegation, member=petro)
    _, group_token = services.issue_guest_access(delegation=delegation)
    return {
        "delegation": delegation,
        "olena": olena,
        "petro": petro,
        "shared_item": shared_item,
        "petros_item": petros_item,
        "internal_item": internal_item,
        "olena_token": olena_token,
        "petro_token": petro_token,
        "group_token": group_token,
    }


def make_attachment(
    delegation, *, sharing=AttachmentSharing.ALL_MEMBERS, members=(), item=None, title="Agenda"
):
    from django.core.files.base import ContentFile

    attachment = Attachment.objects.create(
        delegation=delegation,
        item=item,
        title=title,
        title_de=title,
        title_uk=f"{title} (uk)",
        kind=AttachmentKind.AGENDA,
        file=ContentFile(pdf_bytes(), name="agenda.pdf"),
        file_name=f"{title.lower()}.pdf",
        content_type="application/pdf",
        size=100,
        sharing=sharing,
    )
    attachment.shared_with.set(members)
    return attachment


def guest_url(token: str, attachment: Attachment) -> str:
    return reverse(
        "guest:document", kwargs={"token": token, "code": attachment.code, "filename": attachment.file_name}
    )


def staff_url(attachment: Attachment) -> str:
    return reverse("admin:visits_attachment_download", args=[attachment.pk])


# -- Type by content -------------------------------------------------------------------------------------


def add_data(delegation, file, **fields) -> dict:
    return {
        "delegation": delegation.pk,
        "item": "",
        "title_de": "Tagesordnung",
        "title_uk": "Порядок денний",
        "title_en": "Agenda",
        "kind": AttachmentKind.AGENDA,
        "file": file,
        "sharing": AttachmentSharing.ALL_MEMBERS,
        **fields,
    }


ADD_URL = "/admin/visits/attachment/add/"


@pytest.mark.parametrize(
    "name, data, suffix, content_type",
    [
        ("Tagesordnung.pdf", pdf_bytes(), "pdf", "application/pdf"),
        (
            "Порядок денний.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "liste.xlsx",
            xlsx_bytes(),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("protokoll.odt", odt_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
        # The name counts for nothing but the download's: a PDF called .docx is stored as the PDF it is.
        ("falscher-name.docx", pdf_bytes(), "pdf", "application/pdf"),
    ],
)
def test_an_upload_is_accepted_by_its_content(planner_client, visit, name, data, suffix, content_type):
    before = private_files()
    response = planner_client.post(ADD_URL, add_data(visit["delegation"], upload(name, data)))
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = Attachment.objects.get()
    stem = name.rsplit(".", 1)[0].replace(" ", "_")
    assert (attachment.file_name, attachment.content_type, attachment.size) == (
        f"{stem}.{suffix}",
        content_type,
        len(data),
    )
    assert attachment.uploaded_by == planner_client.user
    assert attachment.file.name.startswith("attachments/") and attachment.file.name.endswith(f".{suffix}")
    assert stem not in attachment.file.name  # a random name in storage
    assert private_files() - before == {Path(settings.PRIVATE_MEDIA_ROOT) / attachment.file.name}
    assert Path(attachment.file.path).read_bytes() == data


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "agenda.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
            "Dateityp",
        ),
        ("notes.pdf", b"Nur Text, kein PDF", "Dateityp"),
        ("makro.docx", docx_bytes("application/vnd.ms-word.document.macroEnabled.main+xml"), "Makros"),
        ("makro2.docx", docx_bytes(extra=[("word/vbaProject.bin", b"\x00" * 10)]), "Makros"),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Alte Office-Formate"),
        ("archiv.docx", zip_bytes([("hallo.txt", b"hallo")]), "Dateityp"),
        ("bild.png", b"GIF89a" + b"\x00" * 50, "Dateityp"),
        ("leer.pdf", b"", "leer"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message_and_nothing_stored(
    planner_client, visit, name, data, message
):
    before = private_files()
    response = planner_client.post(ADD_URL, add_data(visit["delegation"], upload(name, data)))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(message in error for error in errors), errors
    assert Attachment.objects.count() == 0
    assert private_files() == before


def test_the_refusal_speaks_the_users_language(planner_client, visit):
    planner_client.cookies["django_language"] = "en"
    response = planner_client.post(
        ADD_URL,
        add_data(visit["delegation"], upload("x.pdf", b"MZ" + b"\x00" * 100)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    errors = response.context["adminform"].form.errors["file"]
    assert any("This file type is not allowed" in error for error in errors), errors


def test_the_size_limit_comes_from_the_setting(planner_client, visit, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    response = planner_client.post(ADD_URL, add_data(visit["delegation"], upload("a.pdf", pdf_bytes())))
    errors = response.context["adminform"].form.errors["file"]
    size = filesizeformat(len(pdf_bytes()))
    assert errors == [f"Die Datei ist {size} groß; erlaubt sind höchstens {filesizeformat(100)}."]
    assert Attachment.objects.count() == 0


def test_an_image_is_stored_again_without_exif_or_gps(planner_client, visit):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the upload does carry GPS
    response = planner_client.post(ADD_URL, add_data(visit["delegation"], upload("visum.jpeg", original)))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert b"Spionagekamera" not in stored
    assert image.size == (20, 40)  # turned upright by its orientation, which then goes too
    assert (attachment.file_name, attachment.size) == ("visum.jpg", len(stored))


def test_the_form_refuses_members_and_items_of_another_delegation(planner_client, visit):
    stranger = factories.MemberFactory()
    foreign_item = factories.ProgrammeItemFactory()
    data = add_data(
        visit["delegation"],
        upload("a.pdf", pdf_bytes()),
        item=foreign_item.pk,
        sharing=AttachmentSharing.CHOSEN,
        shared_with=[stranger.pk],
    )
    response = planner_client.post(ADD_URL, data)
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"item", "shared_with"}
    assert Attachment.objects.count() == 0
    # Chosen members without choosing any, or choosing with another sharing, is refused too.
    for sharing, members in ((AttachmentSharing.CHOSEN, []), (AttachmentSharing.STAFF, [visit["olena"].pk])):
        data = add_data(
            visit["delegation"], upload("a.pdf", pdf_bytes()), sharing=sharing, shared_with=members
        )
        errors = planner_client.post(ADD_URL, data).context["adminform"].form.errors
        assert list(errors) == ["shared_with"]
    assert Attachment.objects.count() == 0


def test_the_database_refuses_members_and_items_of_another_delegation(visit):
    attachment = make_attachment(visit["delegation"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Attachment.objects.filter(pk=attachment.pk).update(item=factories.ProgrammeItemFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        attachment.shared_with.add(factories.MemberFactory())


def test_a_new_file_gets_a_new_address_and_the_old_file_goes(
    planner_client, visit, django_capture_on_commit_callbacks
):
    attachment = make_attachment(visit["delegation"])
    old_code, old_path = attachment.code, Path(attachment.file.path)
    data = add_data(visit["delegation"], upload("neu.pdf", pdf_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        response = planner_client.post(f"/admin/visits/attachment/{attachment.pk}/change/", data)
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.code != old_code and attachment.file_name == "neu.pdf"
    assert not old_path.exists() and Path(attachment.file.path).exists()


# -- Who may download ------------------------------------------------------------------------------------


def test_shared_with_one_member_is_refused_to_everyone_else(
    client, visit, planner_client, press_client, reader_client
):
    """The contract of the issue: another member's link, the whole delegation's link, a guessed token and
    the public get 404; staff without the permission 403; the storage's address serves nothing."""
    attachment = make_attachment(
        visit["delegation"], sharing=AttachmentSharing.CHOSEN, members=[visit["olena"]]
    )

    response = client.get(guest_url(visit["olena_token"], attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == Path(attachment.file.path).read_bytes()

    for token in (visit["petro_token"], visit["group_token"], "A" * 32, "kurz"):
        assert client.get(guest_url(token, attachment)).status_code == 404, token
    # The right code under the right link, but another name: refused too.
    wrong_name = reverse(
        "guest:document", kwargs={"token": visit["olena_token"], "code": attachment.code, "filename": "x.pdf"}
    )
    assert client.get(wrong_name).status_code == 404
    for path in (f"/media/{attachment.file.name}", f"/nicht-oeffentlich/{attachment.file.name}"):
        assert client.get(path).status_code == 404, path

    assert planner_client.get(staff_url(attachment)).status_code == 200
    assert press_client.get(staff_url(attachment)).status_code == 403
    assert reader_client.get(staff_url(attachment)).status_code == 403
    # Read-only sees the document's page, without the download link and the storage's file name.
    change = reverse("admin:visits_attachment_change", args=[attachment.pk])
    assert staff_url(attachment) in planner_client.get(change).content.decode()
    page = reader_client.get(change).content.decode()
    assert "Agenda" in page and staff_url(attachment) not in page and attachment.file.name not in page
    response = client.get(staff_url(attachment))
    assert response.status_code == 302 and "/login/" in response.url


def test_sharing_all_staff_only_and_by_item(client, visit):
    delegation = visit["delegation"]
    everyone = make_attachment(delegation, title="Alle")
    staff_only = make_attachment(delegation, sharing=AttachmentSharing.STAFF, title="Intern")
    shared_item = make_attachment(delegation, item=visit["shared_item"], title="Gemeinsam")
    petros = make_attachment(delegation, item=visit["petros_item"], title="Petro")
    internal = make_attachment(delegation, item=visit["internal_item"], title="Verborgen")
    # An item added after the release: not on any guest's itinerary yet, so neither are its documents.
    later = make_attachment(
        delegation, item=factories.ProgrammeItemFactory(delegation=delegation), title="Später"
    )

    def downloadable(token):
        everything = (everyone, staff_only, shared_item, petros, internal, later)
        return {a.title for a in everything if client.get(guest_url(token, a)).status_code == 200}

    assert downloadable(visit["olena_token"]) == {"Alle", "Gemeinsam"}
    assert downloadable(visit["petro_token"]) == {"Alle", "Gemeinsam", "Petro"}
    assert downloadable(visit["group_token"]) == {"Alle", "Gemeinsam", "Petro"}


def test_the_download_is_an_attachment_never_sniffed_nor_kept(client, visit):
    attachment = make_attachment(visit["delegation"], title="Vertrag")
    response = client.get(guest_url(visit["olena_token"], attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vertrag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not getattr(response, "page_cache_fill", False)
    # A second request after the file is gone from the storage: answered fresh (404), not from a kept copy.
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(guest_url(visit["olena_token"], attachment)).status_code == 404


def test_the_staff_download_has_the_same_headers(planner_client, visit):
    attachment = make_attachment(visit["delegation"], sharing=AttachmentSharing.STAFF, title="Visum")
    response = planner_client.get(staff_url(attachment))
    assert response["Content-Disposition"] == 'attachment; filename="visum.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    # The admin's own never_cache adds its directives to ours.
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


# -- The guest's page and offline -------------------------------------------------------------------------


def test_the_itinerary_lists_what_is_shared_with_the_member(client, visit):
    delegation = visit["delegation"]
    mine = make_attachment(
        delegation, sharing=AttachmentSharing.CHOSEN, members=[visit["olena"]], title="Visum"
    )
    item_doc = make_attachment(delegation, item=visit["shared_item"], title="Folien")
    theirs = make_attachment(
        delegation, sharing=AttachmentSharing.CHOSEN, members=[visit["petro"]], title="Fremd"
    )
    html = client.get(f"/g/{visit['olena_token']}/uk/").content.decode()
    assert 'id="documents-title"' in html and 'href="#documents-title"' in html
    assert guest_url(visit["olena_token"], mine) in html
    assert guest_url(visit["olena_token"], item_doc) in html
    assert "Folien (uk)" in html and "Спільна зустріч" in html  # the title in Ukrainian, with its item
    assert theirs.code not in html and "Fremd" not in html
    # Nothing shared, no section.
    Attachment.objects.all().delete()
    html = client.get(f"/g/{visit['olena_token']}/uk/").content.decode()
    assert 'id="documents-title"' not in html


def test_the_service_worker_keeps_the_members_documents_for_offline(client, visit):
    mine = make_attachment(visit["delegation"], sharing=AttachmentSharing.CHOSEN, members=[visit["olena"]])
    olena_worker = client.get(f"/g/{visit['olena_token']}/sw.js").content.decode()
    petro_worker = client.get(f"/g/{visit['petro_token']}/sw.js").content.decode()
    assert f'const DOCUMENTS = ["{guest_url(visit["olena_token"], mine)}"];' in olena_worker
    assert "const DOCUMENTS = [];" in petro_worker
    # Another set of documents, another cache: the old one (with a file no longer shared) is dropped.
    mine.delete()
    assert client.get(f"/g/{visit['olena_token']}/sw.js").content.decode() != olena_worker


@pytest.mark.parametrize("size", [2, 20])
def test_the_itinerary_reads_its_documents_in_one_query(client, visit, size, django_assert_num_queries):
    for n in range(size):
        make_attachment(
            visit["delegation"], item=visit["shared_item"] if n % 2 else None, title=f"Unterlage {n}"
        )
    path = f"/g/{visit['olena_token']}/uk/"
    client.get(path)
    Attachment.objects.update(size=200)  # a write: the kept page is gone
    # access, latest release, items, hosts, documents (the use was noted within the hour)
    with django_assert_num_queries(5):
        response = client.get(path)
    assert response.content.decode().count("/unterlagen/") == size


# -- Erasure (GDPR Art. 17) -------------------------------------------------------------------------------


def test_erasing_a_member_deletes_what_was_shared_with_them_alone(visit, django_capture_on_commit_callbacks):
    """Visa papers shared with one member only are that member's personal data: they go with the erasure,
    file and all. A document shared with others too stays, without the erased member."""
    delegation, olena, petro = visit["delegation"], visit["olena"], visit["petro"]
    alone = make_attachment(delegation, sharing=AttachmentSharing.CHOSEN, members=[olena], title="Visum")
    together = make_attachment(
        delegation, sharing=AttachmentSharing.CHOSEN, members=[olena, petro], title="Beide"
    )
    everyone = make_attachment(delegation, title="Alle")
    alone_path = Path(alone.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        result = erase_member(member=olena, reason="request")

    assert result.other_rows_anonymised == 2
    assert set(Attachment.objects.values_list("title", flat=True)) == {"Beide", "Alle"}
    assert not alone_path.exists()
    assert list(together.shared_with.all()) == [petro]
    assert Path(everyone.file.path).exists()


def test_the_export_of_a_member_names_what_was_shared_with_them(visit):
    from privacy.services import export_member_data

    make_attachment(
        visit["delegation"], sharing=AttachmentSharing.CHOSEN, members=[visit["olena"]], title="Visum"
    )
    data = export_member_data(visit["olena"])
    assert [row["title"] for row in data["other"]["visits.attachment"]] == ["Visum"]
