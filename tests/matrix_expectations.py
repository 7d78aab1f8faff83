"""What each persona gets from every named URL outside the admin's five generic views per model.

One entry per URL name (with namespace, as `reverse()` takes it): how to fill its arguments from the world
(`tests/matrix_world.py`) and the answer each persona must get. A URL without an entry fails the matrix with
"add an expectation for <name>": a new page is a decision about who may see it, not a side effect.

Answers: an HTTP status, LOGIN (sent to the admin's login), or a function of the URL's kwargs giving one.
`post` lists what a POST must get from the personas who may not change anything there (the database stays
as it was).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"
PERSONA_NAMES = ("planner", "press", "reader", "superuser", "anonymous")


@dataclass(frozen=True)
class Expect:
    args: Callable  # world -> dict of URL kwargs, or a list of them (each is checked)
    answers: dict  # persona -> status or LOGIN
    query: dict | Callable = field(default_factory=dict)  # or world -> dict
    post: dict = field(
        default_factory=dict
    )  # persona -> status or LOGIN, for a POST that must change nothing
    personal: bool = False  # holds personal data: a logged-out client with the same URL gets no file


def everyone(status: int) -> dict:
    return dict.fromkeys(PERSONA_NAMES, status)


# A guest link is the key, whoever holds it: the link alone, and with a staff login beside it.
LINK_HOLDERS = {"anonymous": 200, "planner": 200}


def staff(planner, press, reader, superuser=None, anonymous=LOGIN) -> dict:
    return {
        "planner": planner,
        "press": press,
        "reader": reader,
        "superuser": planner if superuser is None else superuser,
        "anonymous": anonymous,
    }


ALL_STAFF = staff(200, 200, 200)
PLANNERS_ONLY = staff(200, 403, 403)
# The staff pages of the apps around the visit: planners work there, read-only looks, press office never.
AROUND_THE_VISIT = staff(200, 403, 200)
AROUND_THE_VISIT_POST = {"press": 403, "reader": 403, "anonymous": LOGIN}


def no_args(world) -> dict:
    return {}


def delegation_pk(world) -> dict:
    return {"pk": world.delegation.pk}


def delegation_object(world) -> dict:
    return {"object_id": world.delegation.pk}


def guest(world, **extra) -> dict:
    return {"token": world.token, **extra}


def _list_kinds() -> list[str]:
    from visits.documents.lists import LIST_KINDS

    return list(LIST_KINDS)


def _history_args(model):
    def args(world) -> dict:
        obj = world.object_of(model)
        if not obj.history.exists():
            obj.save()  # a row made without history (bulk, a migration) gets its first version
        return {"args": [obj.pk, obj.history.order_by("history_id").first().history_id]}

    return args


EXPECTATIONS: dict[str, Expect] = {
    # -- The admin site's own pages ------------------------------------------------------------------
    "admin:index": Expect(no_args, ALL_STAFF),
    "admin:login": Expect(no_args, staff(302, 302, 302, anonymous=200)),
    # Logging out takes a POST; a GET is refused (someone logged out already is sent to the admin).
    "admin:logout": Expect(no_args, staff(405, 405, 405, anonymous=302)),
    "admin:password_change": Expect(no_args, ALL_STAFF),
    "admin:password_change_done": Expect(no_args, ALL_STAFF),
    # Without a field to complete the autocomplete refuses; with one it answers those who may see the field.
    "admin:autocomplete": Expect(
        no_args,
        staff(200, 200, 200),
        query={"app_label": "visits", "model_name": "programmeitem", "field_name": "venue", "term": "K"},
    ),
    "admin:jsi18n": Expect(no_args, ALL_STAFF),
    "admin:view_on_site": Expect(
        lambda w: {"content_type_id": _content_type(w.delegation), "object_id": w.delegation.pk},
        staff(302, 302, 302),
    ),
    "admin:auth_user_password_change": Expect(
        lambda w: {"id": w.object_of(_user_model()).pk}, staff(403, 403, 403, superuser=200)
    ),
    # -- The programme of a delegation, its copy, its downloads (admin views of DelegationAdmin) ------
    "admin:delegations_delegation_programme": Expect(delegation_object, ALL_STAFF),
    "admin:delegations_delegation_copy_programme": Expect(
        delegation_object, PLANNERS_ONLY, post={"press": 403, "reader": 403, "anonymous": LOGIN}
    ),
    # The programme import's template (headers and an example row) and the undo of one import: planners only.
    "admin:visits_programmeitem_import_template": Expect(no_args, PLANNERS_ONLY),
    "admin:visits_programmeitem_import_undo": Expect(
        lambda w: {"batch": "00000000-0000-4000-8000-000000000000"},
        PLANNERS_ONLY,
        post={"press": 403, "reader": 403, "anonymous": LOGIN},
    ),
    # The delegation page's button: new guest links for its members, shown once; a POST, by planners only.
    "admin:delegations_delegation_guest_links": Expect(
        delegation_object, staff(405, 405, 405), post={"press": 403, "reader": 403, "anonymous": LOGIN}
    ),
    # The same for the staff's personal links (hosts, interpreters, drivers).
    "admin:delegations_delegation_staff_links": Expect(
        delegation_object, staff(405, 405, 405), post={"press": 403, "reader": 403, "anonymous": LOGIN}
    ),
    "admin:delegations_delegation_programme_export": Expect(
        lambda w: [{"object_id": w.delegation.pk, "fmt": fmt} for fmt in ("xlsx", "ics")],
        ALL_STAFF,
        personal=True,
    ),
    "admin:press_eventpage_preview": Expect(
        lambda w: {"object_id": w.published_page.pk}, staff(200, 200, 200)
    ),
    "admin:visits_programmerelease_release": Expect(
        no_args,
        PLANNERS_ONLY,
        query=lambda w: {"delegation": w.delegation.pk},
        post={"press": 403, "reader": 403, "anonymous": LOGIN},
    ),
    "admin:visits_releasenotification_resend": Expect(
        no_args,
        staff(405, 403, 403),  # a POST that sends; planners' GET is refused as a method
        post={"press": 403, "reader": 403, "anonymous": LOGIN},
    ),
    "admin:visits_programmerelease_readiness": Expect(
        no_args,
        PLANNERS_ONLY,
        query=lambda w: {"delegation": w.delegation.pk},
        post={"planner": 405, "press": 403, "reader": 403, "anonymous": LOGIN},
        personal=True,
    ),
    # -- Documents: briefing book and lists (visits/urls/documents.py) --------------------------------
    "documents:index": Expect(delegation_pk, staff(200, 403, 200)),
    # The translations of a visit: planners edit, read-only reads, the press office is refused (it names
    # members and hotels); the export holds the same texts; the import is a POST by planners.
    "translations:index": Expect(delegation_pk, staff(200, 403, 200), post={"press": 403, "reader": 403}),
    "translations:export": Expect(delegation_pk, staff(200, 403, 200), personal=True),
    "translations:import": Expect(
        delegation_pk, staff(302, 302, 302), post={"press": 403, "reader": 403, "anonymous": LOGIN}
    ),
    "documents:briefing-book": Expect(delegation_pk, staff(200, 403, 200), personal=True),
    "documents:list": Expect(
        lambda w: [{"pk": w.delegation.pk, "kind": kind} for kind in _list_kinds()],
        staff(200, 403, 200),
        personal=True,
    ),
    "documents:download": Expect(
        lambda w: [
            {"pk": w.delegation.pk, "kind": kind, "fmt": fmt}
            for kind in _list_kinds()
            for fmt in ("pdf", "csv", "xlsx")
        ],
        staff(200, 403, 200),
        personal=True,
    ),
    # -- Guests: the personal link works for whoever holds it (staff too), nothing else ---------------
    "guest:itinerary": Expect(guest, LINK_HOLDERS, personal=True),
    "guest:service_worker": Expect(guest, LINK_HOLDERS),
    "guest:manifest": Expect(guest, LINK_HOLDERS),
    "guest:itinerary_in": Expect(lambda w: guest(w, lang="uk"), LINK_HOLDERS, personal=True),
    "guest:details": Expect(lambda w: guest(w, lang="en"), LINK_HOLDERS, personal=True),
    "guest:calendar": Expect(lambda w: guest(w, lang="uk"), LINK_HOLDERS, personal=True),
    "guest:pdf": Expect(lambda w: guest(w, lang="uk"), LINK_HOLDERS, personal=True),
    "guest:document": Expect(
        lambda w: guest(w, code=_shared_document(w).code, filename=_shared_document(w).file_name),
        LINK_HOLDERS,
        personal=True,
    ),
    # A host's, interpreter's or driver's link: the same rule as a guest's.
    "staff_schedule:page": Expect(lambda w: {"token": w.staff_token}, LINK_HOLDERS, personal=True),
    "staff_schedule:calendar": Expect(lambda w: {"token": w.staff_token}, LINK_HOLDERS, personal=True),
    # -- The public site and service endpoints --------------------------------------------------------
    "set_language": Expect(no_args, everyone(302), query={"next": "/en/"}),
    "healthz": Expect(no_args, everyone(200)),
    "robots_txt": Expect(no_args, everyone(200)),
    "favicon": Expect(no_args, everyone(302)),
    "sitemap": Expect(no_args, everyone(200)),
    "photo_rendition": Expect(lambda w: _rendition(w.public_photo), everyone(200)),
    "public:home": Expect(no_args, everyone(200)),
    "public:visit": Expect(lambda w: {"slug": w.delegation.slug}, everyone(200)),
    "public:visit_calendar": Expect(lambda w: {"slug": w.delegation.slug}, everyone(200)),
    "public:visit_schedule_xml": Expect(lambda w: {"slug": w.delegation.slug}, everyone(200)),
    "public:visit_schedule_json": Expect(lambda w: {"slug": w.delegation.slug}, everyone(200)),
    "public:event_list": Expect(no_args, everyone(200)),
    "public:event": Expect(lambda w: {"slug": w.published_page.slug}, everyone(200)),
    "public:feed_atom": Expect(no_args, everyone(200)),
    "public:feed_rss": Expect(no_args, everyone(200)),
    "pages:imprint": Expect(no_args, everyone(200)),
    "pages:privacy": Expect(no_args, everyone(200)),
    "pages:accessibility": Expect(no_args, everyone(200)),
    # The feedback form takes POSTs only (the statement's page shows it).
    "pages:accessibility_feedback": Expect(no_args, everyone(405)),
    # -- Accounts: the second factor in front of the admin, security.txt ----------------------------------
    "accounts:security_txt": Expect(no_args, everyone(200)),
    "accounts:verify": Expect(no_args, staff(302, 302, 302)),
    "accounts:setup": Expect(no_args, ALL_STAFF),
    "admin:otp_totp_totpdevice_config": Expect(
        lambda w: {"args": [w.object_of(_model("otp_totp.TOTPDevice")).pk]},
        staff(403, 403, 403, superuser=403),
    ),
    "admin:otp_totp_totpdevice_qrcode": Expect(
        lambda w: {"args": [w.object_of(_model("otp_totp.TOTPDevice")).pk]},
        staff(403, 403, 403, superuser=403),
    ),
    # -- The planners' calendar of every visit: all staff who see programme items (the press office only the
    # public ones); the .ics of one resource likewise, never without a login.
    "calendar:index": Expect(no_args, ALL_STAFF, query={"date": "2025-11-17", "view": "week"}),
    "calendar:resource-ics": Expect(
        no_args,
        ALL_STAFF,
        query=lambda w: {"resource": f"interpreter:{w.object_of(_model('delegations.Contact')).pk}"},
        personal=True,
    ),
    # -- The on-the-day screen (delays): planners only, as applying a delay releases the programme; the
    # previews are GETs, applying and undoing POSTs that others may not make.
    "visit_day:day": Expect(no_args, PLANNERS_ONLY, query=lambda w: {"delegation": w.delegation.pk}),
    "visit_day:delay": Expect(
        lambda w: {"item_pk": _ceremony(w).pk},
        PLANNERS_ONLY,
        query=lambda w: {"date": _local_day(_ceremony(w)), "quick": 10},
        post={"press": 403, "reader": 403, "anonymous": LOGIN},
    ),
    "visit_day:undo": Expect(
        delegation_pk, PLANNERS_ONLY, post={"press": 403, "reader": 403, "anonymous": LOGIN}
    ),
    # -- The apps around the visit: planners work, read-only looks, press office never ------------------
    "protocol:overview": Expect(delegation_pk, AROUND_THE_VISIT),
    "protocol:move": Expect(
        lambda w: {
            "pk": w.delegation.pk,
            "entry_pk": _first("protocol.PrecedenceEntry", w).pk,
            "direction": "up",
        },
        staff(405, 405, 405),
        post=AROUND_THE_VISIT_POST,
    ),
    "protocol:add-missing": Expect(delegation_pk, staff(405, 405, 405), post=AROUND_THE_VISIT_POST),
    "protocol:place-cards": Expect(delegation_pk, AROUND_THE_VISIT, personal=True),
    "protocol:gifts": Expect(delegation_pk, AROUND_THE_VISIT),
    "protocol:gifts-download": Expect(
        lambda w: [{"pk": w.delegation.pk, "fmt": fmt} for fmt in ("csv", "xlsx")],
        AROUND_THE_VISIT,
        personal=True,
    ),
    "protocol:running-order": Expect(lambda w: {"item_pk": _ceremony(w).pk}, AROUND_THE_VISIT),
    "protocol:running-order-pdf": Expect(
        lambda w: {"item_pk": _ceremony(w).pk}, AROUND_THE_VISIT, personal=True
    ),
    "protocol:item-place-cards": Expect(
        lambda w: {"item_pk": _ceremony(w).pk}, AROUND_THE_VISIT, personal=True
    ),
    "funding:delegation": Expect(delegation_pk, AROUND_THE_VISIT, post=AROUND_THE_VISIT_POST),
    "funding:proof": Expect(
        lambda w: [{"pk": w.delegation.pk, "fmt": fmt} for fmt in ("pdf", "xlsx")],
        AROUND_THE_VISIT,
        personal=True,
    ),
    # A visit's documents (visa papers, contracts) name people: downloaded by planners only.
    "admin:visits_attachment_download": Expect(
        lambda w: {"pk": _first("visits.Attachment", w).pk}, PLANNERS_ONLY, personal=True
    ),
    # Receipts name people and what they paid: planners only.
    "funding:receipt": Expect(
        lambda w: {"pk": _first("funding.Cost", w, receipt__gt="").pk}, PLANNERS_ONLY, personal=True
    ),
    "followup:open-actions": Expect(no_args, AROUND_THE_VISIT),
    "followup:action-state": Expect(
        lambda w: {"pk": _first("followup.Action", w).pk}, staff(405, 405, 405), post=AROUND_THE_VISIT_POST
    ),
    "followup:delegation": Expect(delegation_pk, AROUND_THE_VISIT),
    "followup:report": Expect(delegation_pk, AROUND_THE_VISIT, personal=True),
    "letters:check": Expect(lambda w: {"code": _first("letters.InvitationLetter", w).code}, everyone(200)),
    "letters:delegation": Expect(delegation_pk, AROUND_THE_VISIT),
    "letters:issue": Expect(delegation_pk, staff(405, 405, 405), post=AROUND_THE_VISIT_POST),
    "letters:member-pdf": Expect(
        lambda w: {"pk": w.delegation.pk, "member_pk": _first("letters.InvitationLetter", w).member_id},
        AROUND_THE_VISIT,
        personal=True,
    ),
    "letters:delegation-pdf": Expect(delegation_pk, AROUND_THE_VISIT, personal=True),
    "letters:badges": Expect(delegation_pk, AROUND_THE_VISIT, personal=True),
    # The record of processing activities is for every member of staff; a member's data only for planners.
    "privacy:record": Expect(no_args, ALL_STAFF),
    "privacy:member-export": Expect(lambda w: {"pk": w.marker_member.pk}, PLANNERS_ONLY, personal=True),
    "privacy:member-erase": Expect(
        lambda w: {"pk": w.marker_member.pk}, PLANNERS_ONLY, post=AROUND_THE_VISIT_POST
    ),
}


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def _shared_document(world):
    """A document of the demo visit shared with its whole delegation, so the world's link may fetch it."""
    from tests import factories
    from visits.models import Attachment

    found = Attachment.objects.filter(delegation=world.delegation, sharing="all", item=None).first()
    return found or factories.AttachmentFactory(delegation=world.delegation)


def _first(label: str, world, **filters):
    """The first row of a model of the apps around the visit, of the demo delegation where it has one."""
    model = _model(label)
    rows = model._default_manager.filter(**filters).order_by("pk")
    for path in ("delegation", "outcome__programme_item__delegation", "member__delegation"):
        try:
            found = rows.filter(**{path: world.delegation}).first()
        except Exception:  # the model has no such path
            continue
        if found is not None:
            return found
    found = rows.first()
    assert found is not None, f"no {label} in the world: seed one in demo/data/"
    return found


def _ceremony(world):
    from visits.models import ProgrammeItem

    return ProgrammeItem.objects.filter(delegation=world.delegation, kind="ceremony").order_by("pk").first()


def _local_day(item) -> str:
    from visits.copying import source_time_zone

    return item.starts_at.astimezone(source_time_zone(item.delegation)).date().isoformat()


def _content_type(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _rendition(photo) -> dict:
    from press import images

    entry = photo.renditions[0]
    name = entry["name"].rsplit("/", 1)[-1]
    assert images.find_rendition(photo, name) is not None
    return {"key": photo.rendition_key, "filename": name}


# -- Families of admin URLs that every model of a kind has ---------------------------------------------


def _granted(persona: str, perms) -> bool:
    from delegations import roles
    from tests.matrix_world import GROUP_OF

    if persona == "superuser":
        return True
    return all(tuple(perm.split(".")) in roles.ROLE_PERMISSIONS[GROUP_OF[persona]] for perm in perms)


def _answers(allowed: Callable[[str], bool], refused=403, allowed_status=200) -> dict:
    result = {p: allowed_status if allowed(p) else refused for p in PERSONA_NAMES if p != "anonymous"}
    return {**result, "anonymous": LOGIN}


REFUSED_POST = {"press": 403, "reader": 403, "anonymous": LOGIN}


def family_expectation(name: str) -> Expect | None:
    """Admin URLs that come per model (history versions, import and export) and the app index: worked out
    from the roles table like the generic admin views, so each new model of the family is covered."""
    from django.contrib import admin

    from delegations import roles
    from tests.matrix_world import GROUP_OF, role_may

    if name == "admin:app_list":
        labels = sorted({model._meta.app_label for model in admin.site._registry})

        def in_app(persona):
            # The app's page lists what the user may see of it; no permission in the app: 404.
            return lambda kwargs: (
                200
                if persona == "superuser"
                or any(app == kwargs["app_label"] for app, _ in roles.ROLE_PERMISSIONS[GROUP_OF[persona]])
                else 404
            )

        return Expect(
            lambda w: [{"app_label": label} for label in labels],
            {**{p: in_app(p) for p in ("planner", "press", "reader", "superuser")}, "anonymous": LOGIN},
        )
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if not name.startswith(prefix):
            continue
        view = name.removeprefix(prefix)
        label = f"{model._meta.app_label}.{{}}_{model._meta.model_name}"
        if view == "simple_history":
            # An old version: for those who may see the object.
            return Expect(
                _history_args(model),
                _answers(lambda p, m=model: role_may(p, m, "view") or role_may(p, m, "change")),
            )
        import_perms = (label.format("add"), label.format("change"))
        if view == "import":
            return Expect(
                no_args, _answers(lambda p, perms=import_perms: _granted(p, perms)), post=REFUSED_POST
            )
        if view == "process_import":
            # Only ever POSTed, from the confirm form: a GET is refused to everyone.
            return Expect(no_args, _answers(lambda p: True, allowed_status=405), post=REFUSED_POST)
        if view == "export":
            needed = (label.format("view"), *getattr(model_admin, "export_permissions", ()))
            return Expect(no_args, _answers(lambda p, perms=needed: _granted(p, perms)), personal=True)
    return None
