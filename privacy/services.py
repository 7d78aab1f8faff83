"""A member's rights and our duties under the GDPR: export everything held (Art. 15, 20), anonymise (Art. 17),
and anonymise by the retention period (Art. 5 (1) e).

Anonymising keeps the row, so the programme, its participant counts and the statistics stay true; what could
name the person goes, in the member row, in every older version of it (the change history) and in the guest
links' records. Rows of other apps that point at the member are found through the model's relations: they are
exported, and a model that stores more about the person than the link offers `anonymise_member(member)`.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from delegations.models import Delegation, Member

from .models import Erasure, ErasureReason

# What an anonymised member keeps of each personal field: empty, or a neutral value. Travel times, hotel,
# languages and the head-of-delegation mark stay: they carry no name and the statistics need them.
ANONYMOUS_NAME = "Anonymisiert"
ERASED_FIELDS = {
    "first_name_original": "",
    "last_name_original": "",
    "email": "",
    "phone": "",
    "messenger": "",
    "arrival_reference": "",
    "departure_reference": "",
    "room": "",
    "dietary_needs": "",
    "accessibility_needs": "",
    "is_public_figure": False,
}
TRANSLATED_ERASED_FIELDS = ("function",)


def erased_values(member: Member) -> dict:
    """The values an anonymised member row (and each of its versions) holds instead of the personal ones."""
    values = {"first_name": ANONYMOUS_NAME, "last_name": f"#{member.pk}", **ERASED_FIELDS}
    for name in TRANSLATED_ERASED_FIELDS:
        values[name] = ""
        for language in settings.MODELTRANSLATION_LANGUAGES:
            values[build_localized_fieldname(name, language)] = ""
    return values


def _rows(queryset) -> list[dict]:
    """Rows as plain values (the serializer Django's dumpdata uses), each with its model and key."""
    return [
        {"model": row["model"], "pk": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", queryset)
    ]


def _other_relations():
    """Relations from other models to Member that the export does not already spell out by name."""
    spelled_out = {"programme_items", "guest_accesses", "released_items", "release_notifications"}
    for relation in Member._meta.related_objects:
        if relation.get_accessor_name() in spelled_out or relation.related_name == "+":
            continue
        yield relation


def export_member_data(member: Member) -> dict:
    """Everything held about one member, JSON-ready: the row, its versions, links, logs and mentions."""
    member = Member.objects.select_related("delegation", "organisation", "hotel").get(pk=member.pk)
    delegation = member.delegation
    other: dict[str, list[dict]] = {}
    for relation in _other_relations():
        model = relation.related_model
        rows = _rows(model._default_manager.filter(**{relation.field.name: member}))
        if rows:
            other[model._meta.label_lower] = rows
    # Rows that point at the member only through a plain relation named "+" (e.g. erasure records).
    erasures = _rows(Erasure.objects.filter(member=member))
    if erasures:
        other[Erasure._meta.label_lower] = erasures
    data = {
        "exported_at": timezone.now(),
        "member": _rows(Member.objects.filter(pk=member.pk))[0],
        "delegation": {
            "title": delegation.title,
            "arrival_date": delegation.arrival_date,
            "departure_date": delegation.departure_date,
        },
        "organisation": str(member.organisation) if member.organisation_id else None,
        "hotel": str(member.hotel) if member.hotel_id else None,
        "programme_items": [
            {"title": item.title, "starts_at": item.starts_at, "ends_at": item.ends_at, "status": item.status}
            for item in member.programme_items.order_by("starts_at", "pk")
        ],
        "guest_links": [
            {
                "created_at": access.created_at,
                "expires_at": access.expires_at,
                "revoked_at": access.revoked_at,
                "last_used_at": access.last_used_at,
                "last_seen_at": access.last_seen_at,
            }
            for access in member.guest_accesses.order_by("created_at", "pk")
        ],
        "release_notifications": [
            {
                "channel": note.channel,
                "state": note.state,
                "attempts": note.attempts,
                "queued_at": note.queued_at,
                "sent_at": note.sent_at,
                "language": note.language,
                "changes": note.changes,
                "last_error": note.last_error,
            }
            for note in member.release_notifications.order_by("queued_at", "pk")
        ],
        "history": [
            {
                "history_date": version.history_date,
                "history_type": version.history_type,
                "history_user": version.history_user.get_username() if version.history_user else None,
                "history_change_reason": version.history_change_reason,
                **{
                    f.attname: f.value_from_object(version)
                    for f in version._meta.concrete_fields
                    if not f.name.startswith("history_")
                },
            }
            for version in member.history.select_related("history_user").order_by("history_date", "pk")
        ],
        "other": other,
    }
    return data


class _ExportEncoder(DjangoJSONEncoder):
    """Django's encoder (dates, decimals, UUIDs), and the text of other field values (e.g. phone numbers)."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def export_member_json(member: Member) -> str:
    return json.dumps(export_member_data(member), cls=_ExportEncoder, ensure_ascii=False, indent=2)


@dataclass
class ErasureResult:
    member_pk: int
    guest_links_deleted: int
    history_rows_anonymised: int
    other_rows_anonymised: int


@transaction.atomic
def erase_member(*, member: Member, reason: str, by=None) -> ErasureResult | None:
    """Anonymise one member everywhere; None when the member was anonymised before (nothing to do)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.is_anonymised:
        return None
    values = erased_values(member)
    for name, value in values.items():
        setattr(member, name, value)
    member.is_anonymised = True
    member._history_user = by
    member.save()
    # Every earlier version in the change history held the personal data too.
    history_rows = member.history.update(**values, is_anonymised=True, history_change_reason=None)
    guest_links, _ = member.guest_accesses.all().delete()
    # A delivery error may quote the address it was sent to.
    member.release_notifications.update(last_error="")
    others = 0
    for relation in _other_relations():
        anonymise = getattr(relation.related_model, "anonymise_member", None)
        if anonymise is not None:
            others += anonymise(member) or 0
    Erasure.objects.create(
        member=member,
        delegation_id=member.delegation_id,
        reason=reason,
        erased_by=by,
        guest_links_deleted=guest_links,
        history_rows_anonymised=history_rows,
    )
    return ErasureResult(
        member_pk=member.pk,
        guest_links_deleted=guest_links,
        history_rows_anonymised=history_rows,
        other_rows_anonymised=others,
    )


@dataclass
class PurgeReport:
    cutoff: dt.date
    delegations: dict[Delegation, int] = field(default_factory=dict)

    @property
    def members(self) -> int:
        return sum(self.delegations.values())


def due_for_purge(*, today: dt.date, days: int) -> models.QuerySet:
    """Members not yet anonymised of visits that ended (departure) more than `days` days before `today`."""
    cutoff = today - dt.timedelta(days=days)
    return Member.objects.active().filter(delegation__departure_date__lt=cutoff)


def purge_personal_data(*, today: dt.date, days: int, dry_run: bool = False) -> PurgeReport:
    """Anonymise the members `due_for_purge` finds; safe to run every day (the anonymised are skipped)."""
    report = PurgeReport(cutoff=today - dt.timedelta(days=days))
    members = list(due_for_purge(today=today, days=days).select_related("delegation").order_by("pk"))
    for member in members:
        if dry_run or erase_member(member=member, reason=ErasureReason.RETENTION) is not None:
            report.delegations[member.delegation] = report.delegations.get(member.delegation, 0) + 1
    return report
