"""The world the permission matrix and the fuzz tests run in: the seeded demo visit plus one object of every
admin model, marker values of personal data to look for in answers, and ways to compare the database and the
media folders before and after a request.

Everything is found generically (the admin's registry, the URL resolver, every installed model), so pages,
models and URLs that land later are covered without editing this file.
"""

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, connection, models, transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from delegations import roles
from tests import factories

# Personas: the name used in the expectation tables, and the conftest fixture that logs them in.
PERSONAS = {
    "planner": "planner_client",
    "press": "press_client",
    "reader": "reader_client",
    "superuser": "superuser_client",
    "anonymous": "anonymous_client",
}
GROUP_OF = {"planner": roles.PLANNERS, "press": roles.PRESS_OFFICE, "reader": roles.READ_ONLY}

# Personal data of one member and one contact, as unlikely strings, so finding one in an answer means a leak.
MARKER_MEMBER = {
    "first_name": "Myroslava",
    "last_name": "Markerenko",
    "email": "myroslava.markerenko@podilsk.example",
    "phone": "+380 48 765 43 21",
    "dietary_needs": "Kostmarker Quinoa-Allergie",
    "accessibility_needs": "Zugangsmarker Rampe Q7",
    "room": "Zimmer 7Q7",
}
MARKER_CONTACT = {
    "first_name": "Kornelia",
    "last_name": "Kontaktmarker",
    "email": "kornelia.kontaktmarker@kreis-kleve.example",
    "phone": "+49 2821 7654321",
}
PHONE_DIGITS = {"member": "380487654321", "contact": "4928217654321"}


@dataclass
class World:
    delegation: models.Model
    member: models.Model  # the holder of the guest link
    token: str
    access: models.Model
    staff_token: str
    marker_member: models.Model
    marker_contact: models.Model
    published_page: models.Model
    public_photo: models.Model
    hidden_photos: dict[str, models.Model]
    objects: dict[type, models.Model] = field(default_factory=dict)
    missing: dict[type, str] = field(default_factory=dict)  # admin models no object could be made of

    def object_of(self, model) -> models.Model:
        if model in self.missing:
            raise AssertionError(
                f"No object of {model._meta.label} that every role viewing it may see: seed one in the "
                f"demo's data (demo/data/) or add a factory named {model.__name__}Factory to tests/ "
                f"({self.missing[model]})"
            )
        return self.objects[model]


def _photo_with_renditions(**fields):
    from press import images

    photo = factories.PhotoFactory(**fields)
    images.make_renditions(photo)
    photo.refresh_from_db()
    return photo


def build_world() -> World:
    """The demo visit, released, with markers, photos in every state and a guest link for one member.

    The visit as it was held: by then its event pages are published, whatever the hour of the test.
    """
    from demo.loader import seed_demo
    from press.enums import PageStatus
    from press.models import EventPage
    from visits.services import issue_guest_access

    now = timezone.now()
    report = seed_demo(now=now, make_logins=False, as_held=True)
    delegation = report.delegation
    member = delegation.members.order_by("pk").first()
    access, token = issue_guest_access(delegation=delegation, member=member)
    from visits.staff import issue_staff_access, staff_contacts

    _staff_access, staff_token = issue_staff_access(
        delegation=delegation, contact=staff_contacts(delegation)[0]
    )
    marker_member = factories.MemberFactory(delegation=delegation, **MARKER_MEMBER)
    marker_contact = factories.ContactFactory(**MARKER_CONTACT)

    published = EventPage.objects.published(now).filter(delegation=delegation).order_by("pk").first()
    assert published is not None, "the demo has no published event page"
    public_photo = _photo_with_renditions(alt_text="Öffentliches Foto", consent_confirmed=True)
    published.gallery.add(public_photo)
    no_consent = _photo_with_renditions(alt_text="Foto ohne Einwilligung", consent_confirmed=False)
    published.gallery.add(no_consent)
    draft = factories.EventPageFactory(delegation=delegation, status=PageStatus.DRAFT)
    unpublished = _photo_with_renditions(alt_text="Foto einer Entwurfsseite", consent_confirmed=True)
    draft.gallery.add(unpublished)
    unused = _photo_with_renditions(alt_text="Foto ohne Seite", consent_confirmed=True)

    world = World(
        delegation=delegation,
        member=member,
        token=token,
        access=access,
        staff_token=staff_token,
        marker_member=marker_member,
        marker_contact=marker_contact,
        published_page=published,
        public_photo=public_photo,
        hidden_photos={"no consent": no_consent, "draft page": unpublished, "no page": unused},
    )
    for model in project_admins():
        try:
            with transaction.atomic():
                world.objects[model] = admin_object(model)
        except Exception as error:  # reported by the model's own test, not by every test of the module
            world.missing[model] = f"{type(error).__name__}: {error}"
    return world


def with_second_factor(client):
    """A persona who has given the second factor, where their role must (the roles' own pages are tested
    here, not the two-factor step in front of them)."""
    user = getattr(client, "user", None)
    if user is None or not apps.is_installed("django_otp"):
        return client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=user, name="matrix", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def world_fixture(django_db_setup, django_db_blocker):
    """The demo visit and one object of every admin model, made once for a module and rolled back after.

    A test module takes it with `_world = pytest.fixture(scope="module", name="world")(world_fixture)`.
    """
    with django_db_blocker.unblock():
        files_before = stored_files()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            for path in stored_files() - files_before:
                os.remove(path)


# -- The admin -----------------------------------------------------------------------------------------


def project_admins() -> dict:
    """Every registered ModelAdmin, Django's own (users, groups) included, by model."""
    return dict(admin.site._registry)


def fake_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _viewer_users() -> list:
    """One user per role group, to ask each admin which rows that group's list holds."""
    from django.contrib.auth.models import Group

    users = []
    for persona, group in GROUP_OF.items():
        user = factories.UserFactory(username=f"matrix-probe-{persona}")
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


def admin_object(model) -> models.Model:
    """A row of the model every role that may view the model sees in its admin (a demo row where one fits).

    Falls back to the samples of tests/admin_samples.py (and the factory named after the model).
    """
    from tests.admin_samples import sample

    model_admin = admin.site._registry[model]
    viewers = [
        user
        for user in _viewer_users()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]
    for attempt in range(2):
        candidates = model_admin.get_queryset(fake_request(factories.UserFactory(username="matrix-probe-su")))
        for user in viewers:
            candidates = candidates.filter(pk__in=model_admin.get_queryset(fake_request(user)).values("pk"))
        found = candidates.order_by("pk").first()
        if found is not None:
            return found
        if attempt == 0:
            try:
                sample(model)
            except AssertionError:
                try:
                    with transaction.atomic():
                        autofill(model)
                except (IntegrityError, ValueError, TypeError):
                    # A rule ties the row to others (an outcome belongs to an item or an appointment).
                    with transaction.atomic():
                        autofill(model, fill_optional_relations=True)
    raise AssertionError(f"{model._meta.label}: no row every role that may view it sees; add a sample")


def autofill(model, depth: int = 0, fill_optional_relations: bool = False) -> models.Model:
    """A row of a model nobody made a sample of (third-party admins such as axes and django-otp): every
    required field filled with a plain value of its type, foreign keys with an existing row or a new one."""
    from django.contrib.auth import get_user_model

    if model is get_user_model():
        return factories.UserFactory(username=f"matrix-auto-{depth}")
    values = {}
    for model_field in model._meta.concrete_fields:
        optional_relation = fill_optional_relations and model_field.is_relation and depth == 0
        if (
            model_field.primary_key
            or model_field.has_default()
            or (model_field.null and not optional_relation)
        ):
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        if model_field.is_relation:
            related = model_field.related_model
            values[model_field.name] = related._default_manager.order_by("pk").first() or autofill(
                related, depth + 1
            )
        elif model_field.choices:
            values[model_field.name] = model_field.choices[0][0]
        else:
            values[model_field.name] = _plain_value(model_field)
    return model._default_manager.create(**values)


def _plain_value(model_field):
    import decimal
    import uuid

    kind = model_field.get_internal_type()
    now = timezone.now()
    plain = {
        "DateTimeField": now,
        "DateField": now.date(),
        "TimeField": now.time(),
        "DurationField": dt.timedelta(hours=1),
        "DecimalField": decimal.Decimal(1),
        "FloatField": 1.0,
        "BooleanField": False,
        "UUIDField": uuid.uuid4(),
        "JSONField": {},
        "GenericIPAddressField": "127.0.0.1",
        "EmailField": "matrix@kreis-kleve.example",
        "URLField": "https://kreis-kleve.example/",
        "BinaryField": b"",
    }
    if kind in plain:
        return plain[kind]
    if "Integer" in kind:
        return 1
    max_length = model_field.max_length or 20
    return "Matrix"[:max_length]


def role_may(persona: str, model, action: str) -> bool:
    """What the roles table (delegations/roles.py with the apps' roles.py) grants; superusers everything."""
    if persona == "superuser":
        return True
    if persona == "anonymous":
        return False
    perm = (model._meta.app_label, f"{action}_{model._meta.model_name}")
    return perm in roles.ROLE_PERMISSIONS[GROUP_OF[persona]]


# -- URLs ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedUrl:
    name: str  # with namespaces, as reverse() takes it
    route: str  # the whole route, for messages
    callback: object


def named_urls(patterns=None, prefix: str = "", namespace: str | None = None) -> list[NamedUrl]:
    """Every named URL pattern of the project, walking included URLconfs and namespaces recursively."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += named_urls(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            found.append(NamedUrl(name, prefix + str(pattern.pattern), pattern.callback))
    # i18n_patterns list the same names once; keep each name once, as reverse() knows it.
    unique = {}
    for url in found:
        unique.setdefault(url.name, url)
    return list(unique.values())


GENERIC_ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")


def generic_admin_names() -> set[str]:
    """The five URL names every ModelAdmin has; the admin matrix covers them model by model."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in project_admins()
        for view in GENERIC_ADMIN_VIEWS
    }


# -- What changed --------------------------------------------------------------------------------------

# Tables a request may write to without changing anything a user entered: sessions, login records.
UNTRACKED_APPS = {"sessions", "axes", "otp_static", "otp_totp", "otp_email"}


def _tracked_tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    tables = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in UNTRACKED_APPS or not model._meta.managed:
            continue
        if model._meta.db_table in existing:
            tables.append(model._meta.db_table)
    return sorted(set(tables))


def row_counts() -> dict[str, int]:
    """The number of rows of every table of every installed model, in one query."""
    tables = _tracked_tables()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def stored_files() -> set[str]:
    """Every file below MEDIA_ROOT and PRIVATE_MEDIA_ROOT."""
    found = set()
    for root in {Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)}:
        if root.exists():
            found |= {str(path) for path in root.rglob("*") if path.is_file()}
    return found


# -- Reading answers -----------------------------------------------------------------------------------


def response_text(response) -> str:
    """What a user would read in an answer: HTML and text as they are, PDF and XLSX as their text."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        from tests import documents

        return documents.text(body)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join("" if cell is None else str(cell) for cell in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if kind.startswith(("image/", "application/octet-stream")):
        return ""
    import html

    return html.unescape(body.decode("utf-8", errors="replace"))


def leaks(text: str, persona: str) -> list[str]:
    """The marker values a persona may not read that the text holds."""
    squeezed = re.sub(r"[\s/().-]", "", text)
    found = []
    # Special categories of personal data: with names for planners only; read-only may count them (the
    # catering list: "2 × vegetarisch", no names), the press office and the public never see them.
    if persona not in {"planner", "superuser"} and (
        persona != "reader" or MARKER_MEMBER["last_name"] in text
    ):
        found += [
            MARKER_MEMBER[key]
            for key in ("dietary_needs", "accessibility_needs")
            if MARKER_MEMBER[key] in text
        ]
    # Members' and contacts' reachability, rooms: staff who may see members; the press office never.
    if persona in {"press", "anonymous"}:
        found += [MARKER_MEMBER[key] for key in ("email", "room", "last_name") if MARKER_MEMBER[key] in text]
        found += [MARKER_CONTACT["email"]] if MARKER_CONTACT["email"] in text else []
        found += [f"phone {who}" for who, digits in PHONE_DIGITS.items() if digits in squeezed]
    return found


def is_login_redirect(response) -> bool:
    from django.urls import reverse

    return response.status_code == 302 and response.url.split("?")[0] == reverse("admin:login")


def a_while_ago() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=1)
