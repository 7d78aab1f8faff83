"""Hostile input to the forms outside the admin (accessibility feedback, language switch, a guest's own
details), to guest links (random tokens), to the import endpoints (random bytes, broken CSV, XLSX-looking
junk) and to the photo upload (random bytes, truncated images, huge dimensions in a header): no server error,
and a rejected request changes no row and writes no file."""

import io
import struct
import zlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.admin_samples import admin_form_data
from tests.matrix_fuzz import TEXT, assert_answered_sanely, fuzz_settings, object_state, rolled_back
from tests.matrix_world import row_counts, stored_files, with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(superuser_client):
    return with_second_factor(superuser_client)


def _post_checked(client, url, data, *, obj=None, **extra):
    with rolled_back():
        before = row_counts(), stored_files(), object_state(obj)
        response = client.post(url, data, **extra)
        assert_answered_sanely(
            response,
            before_counts=before[0],
            before_files=before[1],
            obj=obj,
            before_obj=before[2],
            what=f"POST {url}",
        )
    return response


# -- Public forms --------------------------------------------------------------------------------------


@fuzz_settings(examples=12)
@given(
    message=TEXT,
    page_url=TEXT,
    name=TEXT,
    email=st.one_of(TEXT, st.emails().map(str)),
    language=st.sampled_from(["de", "uk", "en"]),
)
def test_accessibility_feedback_survives_hostile_input(client, db, message, page_url, name, email, language):
    url = reverse("pages:accessibility_feedback").replace("/de/", f"/{language}/", 1)
    data = {"message": message, "page_url": page_url, "name": name, "email": email}
    _post_checked(client, url, data)


@fuzz_settings(examples=12)
@given(language=st.one_of(st.sampled_from(["de", "uk", "en", "ru", "", "de-DE"]), TEXT), next_url=TEXT)
def test_language_switch_survives_hostile_input(client, db, language, next_url):
    response = _post_checked(client, reverse("set_language"), {"language": language, "next": next_url})
    if response.status_code == 302:
        # Never sent to another site, whatever `next` says.
        assert url_has_allowed_host_and_scheme(response.url, allowed_hosts={"testserver"}), response.url


# -- Guest links ---------------------------------------------------------------------------------------

TOKENS = st.one_of(
    TEXT,
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=20, max_size=40
    ),
    st.sampled_from(["..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "admin", "x" * 5000, "🇺🇦" * 50, "g"]),
)


@fuzz_settings(examples=20)
@given(
    token=TOKENS,
    tail=st.sampled_from(["", "uk/", "en/angaben/", "de/programm.ics", "uk/programm.pdf", "sw.js"]),
)
def test_random_guest_tokens_get_the_plain_not_found(client, db, token, tail):
    cache.clear()  # the guessing throttle would answer 429 after a few; each example is a new guesser
    from urllib.parse import quote

    response = client.get(f"/g/{quote(token, safe='')}/{tail}")
    assert response.status_code in (301, 404), response.status_code
    response = client.post(f"/g/{quote(token, safe='')}/{tail}", {"dietary_needs": "x"})
    assert response.status_code in (301, 404, 405), response.status_code


@pytest.fixture
def guest_details_url(guest_link):
    access, token = guest_link
    access.member.delegation.arrival_date = factories.dt.date(2099, 5, 1)
    access.member.delegation.departure_date = factories.dt.date(2099, 5, 7)
    access.member.delegation.save()
    return reverse("guest:details", kwargs={"token": token, "lang": "uk"}), access.member


GUEST_FIELDS = {
    "arrival_date": st.one_of(st.sampled_from(["2099-05-01", "2099-02-30", "", "0000-00-00"]), TEXT),
    "arrival_time": st.one_of(st.sampled_from(["10:30", "25:00", "24:00", ""]), TEXT),
    "arrival_mode": st.one_of(st.sampled_from(["plane", "train", "car", ""]), TEXT),
    "arrival_reference": TEXT,
    "departure_date": st.one_of(st.sampled_from(["2099-05-07", "1999-01-01", ""]), TEXT),
    "departure_time": st.one_of(st.sampled_from(["18:00", "-1:00"]), TEXT),
    "departure_mode": TEXT,
    "departure_reference": TEXT,
    "dietary_needs": TEXT,
    "accessibility_needs": TEXT,
    "phone": st.one_of(st.sampled_from(["+380 48 700 00 00", "+49", "0000", "+" + "9" * 40]), TEXT),
    "photo_consent": st.one_of(st.sampled_from(["yes", "no", "internal", ""]), TEXT),
}


@fuzz_settings(examples=15)
@given(data=st.fixed_dictionaries({}, optional=GUEST_FIELDS))
def test_guest_details_form_survives_hostile_input(client, guest_details_url, data):
    url, member = guest_details_url
    _post_checked(client, url, data, obj=member)


# -- Import endpoints ----------------------------------------------------------------------------------

CSV_JUNK = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.lists(TEXT, max_size=6), max_size=6).map(
        lambda rows: "\n".join(",".join(cell.replace("\n", " ") for cell in row) for row in rows).encode(
            "utf-8", "surrogatepass"
        )
    ),
    st.sampled_from(
        [
            b"",
            b"\xef\xbb\xbf",
            b'"unterminated,quote\n',
            b"last_name,first_name\n" + b"x," * 5000,
            b"\x00\x00\x00",
            "Прізвище;Ім'я\nКоваль;Олена\n".encode("cp1251"),
        ]
    ),
)
XLSX_JUNK = st.one_of(
    st.binary(max_size=2000).map(lambda junk: b"PK\x03\x04" + junk),
    st.sampled_from(
        [b"PK\x05\x06" + b"\x00" * 18, b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512]
    ),
)
IMPORT_MODELS = ["delegations_member", "delegations_contact", "delegations_organisation"]


@pytest.mark.parametrize("admin_name", IMPORT_MODELS)
@fuzz_settings(examples=6)
@given(data=st.data())
def test_import_survives_random_files(admin_client, admin_name, data):
    url = reverse(f"admin:{admin_name}_import")
    page = admin_client.get(url)
    assert page.status_code == 200
    form = admin_form_data(page)
    choices = data.draw(st.sampled_from(["0", "1", "7", "-1", "x"]), label="format")
    content = data.draw(st.one_of(CSV_JUNK, XLSX_JUNK), label="file")
    name = data.draw(st.sampled_from(["import.csv", "import.xlsx", "../../etc/passwd", "ä.csv", "x" * 300]))
    form.update(format=choices, import_file=SimpleUploadedFile(name[:250], content))
    response = _post_checked(admin_client, url, form)
    assert response.status_code in (200, 400, 403), response.status_code


# -- Photo upload --------------------------------------------------------------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims these dimensions, with no real pixel data behind it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def _jpeg(width=32, height=24) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


IMAGES = st.one_of(
    st.binary(max_size=3000),
    st.integers(min_value=1, max_value=600).map(lambda n: _jpeg()[:n]),  # truncated JPEG
    st.tuples(st.integers(1, 2**31 - 1), st.integers(1, 2**31 - 1)).map(lambda size: _png_header(*size)),
    st.sampled_from(
        [
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            b"GIF89a" + b"\x00" * 20,
            b"\xff\xd8\xff\xe0" + b"\x00" * 100,
            _png_header(100_000, 100_000),
        ]
    ),
)


@fuzz_settings(examples=12)
@given(
    image=IMAGES,
    name=st.sampled_from(["foto.jpg", "foto.png", "foto.svg", "../../x.jpg", "ä" * 120 + ".jpg"]),
)
def test_photo_upload_refuses_what_is_no_image(admin_client, image, name):
    url = reverse("admin:press_photo_add")
    form = admin_form_data(admin_client.get(url))
    form.update(image=SimpleUploadedFile(name, image), alt_text_de="Gäste", consent_confirmed="on")
    response = _post_checked(admin_client, url, form)
    # Nothing drawn here is a whole image: every one is refused with the form shown again.
    assert response.status_code == 200, response.status_code
    assert response.context["adminform"].form.errors.get("image"), "refused without a word about the image"


# -- NUL bytes in URLs and queries (PostgreSQL refuses them in any string it is sent) -------------------


# On PostgreSQL a NUL byte that reached the database answered 500 (admin list filters on text fields, the
# letters' check page, photo renditions); kleve_partnership/request_guard.py now refuses it with 400 first.
def test_nul_bytes_in_paths_and_queries_are_no_server_error(admin_client, client):
    from django.contrib import admin

    from tests.matrix_world import project_admins

    urls = [
        ("/bilder/a%00b/x.jpg", client),
        ("/brief/a%00b/", client),
        ("/g/a%00b/", client),
        ("/de/veranstaltungen/?page=%00", client),
    ]
    for model in project_admins():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        urls += [
            (f"{changelist}?q=%00", admin_client),
            (f"{changelist}?q=a%00b&o=%00&p=%00", admin_client),
            (
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=["1%00"]),
                admin_client,
            ),
        ]
        model_admin = admin.site._registry[model]
        for entry in model_admin.list_filter:
            if isinstance(entry, str):
                urls.append((f"{changelist}?{entry}=%00&{entry}__exact=%00", admin_client))
    errors = []
    for url, who in urls:
        cache.clear()
        who.raise_request_exception = False
        status = who.get(url).status_code
        if status >= 500:
            errors.append(f"{url}: {status}")
    assert not errors, "\n".join(errors)
