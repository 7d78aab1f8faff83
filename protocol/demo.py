"""The protocol of the demo visit: precedence, the seating and speeches of the ceremony at the Berufskolleg,
and two gifts. Every row is found by a natural key and, once there, left as staff have changed it."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max

from delegations.enums import Language

from .enums import GiftDirection, TableShape
from .models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table

REPORTED_MODELS = (PrecedenceEntry, SeatingPlan, Table, Seat, Speech, Gift)

CEREMONY = "ceremony"
LANDRAT = "Landrat des Kreises Kleve"
PRINCIPAL = "Schulleitung des Berufskollegs Kleve"

# (member key or None, contact key or None, protocol title)
PRECEDENCE = (
    ("zrazkovyi", None, "Herr Erster stellvertretender Vorsitzender"),
    (None, "musterfeld", ""),
    ("uiavna", None, ""),
    ("prykladenko", None, ""),
    (None, "probemann", ""),
    ("vyhadko", None, ""),
)

# Table number, name, shape, seats; then who sits where: (table, seat, member, contact, name).
TABLES = (
    (1, "Ehrentisch", TableShape.ROUND, 8),
    (2, "", TableShape.ROUND, 8),
    (3, "Schülerband und Presse", TableShape.RECTANGULAR, 6),
)
SEATS = (
    (1, 1, None, None, LANDRAT),
    (1, 2, "zrazkovyi", None, ""),
    (1, 3, None, "perekladach", ""),
    (1, 4, "uiavna", None, ""),
    (1, 5, None, "musterfeld", ""),
    (1, 6, None, None, PRINCIPAL),
    (2, 1, "prykladenko", None, ""),
    (2, 2, None, "probemann", ""),
    (2, 3, "vyhadko", None, ""),
)

# Position, speaker (member, contact, name), language, interpreted, minutes, topic.
SPEECHES = (
    (1, None, None, LANDRAT, Language.GERMAN, True, 10, "Begrüßung und 50 Jahre Kreis Kleve"),
    (2, "zrazkovyi", None, "", Language.UKRAINIAN, True, 5, "Grußwort des Rajon Podilsk"),
    (3, None, None, PRINCIPAL, Language.GERMAN, False, 5, "Das Berufskolleg stellt sich vor"),
)


def _free_position(delegation, wanted: int) -> int:
    """The wanted rank, unless staff have given it to someone else since; then the next after the last."""
    taken = PrecedenceEntry.objects.filter(delegation=delegation, position=wanted).exists()
    if not taken:
        return wanted
    return (PrecedenceEntry.objects.filter(delegation=delegation).aggregate(m=Max("position"))["m"] or 0) + 1


def _person_lookup(context, member: str | None, contact: str | None, name: str) -> dict:
    if member:
        return {"member": context.members[member]}
    if contact:
        return {"contact": context.contacts[contact]}
    return {"name": name}


def seed(context) -> None:
    delegation = context.delegation
    for position, (member, contact, title) in enumerate(PRECEDENCE, start=1):
        lookup = {"delegation": delegation, **_person_lookup(context, member, contact, "")}
        if not PrecedenceEntry.objects.filter(**lookup).exists():
            position = _free_position(delegation, position)
        context.ensure(PrecedenceEntry, lookup, {"position": position, "protocol_title": title})

    ceremony = context.items[CEREMONY]
    plan = context.ensure(
        SeatingPlan,
        {"programme_item": ceremony},
        {"notes": "Einlass ab 15:30 Uhr; die Gäste werden am Eingang abgeholt und an ihre Plätze begleitet."},
    )
    tables = {
        number: context.ensure(
            Table, {"plan": plan, "number": number}, {"name": name, "shape": shape, "seats": seats}
        )
        for number, name, shape, seats in TABLES
    }
    for table_number, seat_number, member, contact, name in SEATS:
        table = tables[table_number]
        lookup = {"plan": plan, **_person_lookup(context, member, contact, name)}
        place_taken = Seat.objects.filter(table=table, number=seat_number).exclude(**lookup).exists()
        if Seat.objects.filter(**lookup).exists() or not place_taken:
            context.ensure(Seat, lookup, {"table": table, "number": seat_number})

    interpreter = context.contacts["perekladach"]
    for position, member, contact, name, language, interpreted, minutes, topic in SPEECHES:
        context.ensure(
            Speech,
            {"programme_item": ceremony, "position": position},
            {
                **_person_lookup(context, member, contact, name),
                "language": language,
                "interpreter": interpreter if interpreted else None,
                "planned_minutes": minutes,
                "topic": topic,
            },
        )

    head = context.members["zrazkovyi"]
    context.ensure(
        Gift,
        {"delegation": delegation, "description": "Bildband „Der Niederrhein“ mit Widmung des Landrats"},
        {
            "direction": GiftDirection.GIVEN,
            "giver": LANDRAT,
            "recipient": f"{head.first_name} {head.last_name}",
            "recipient_member": head,
            "value_eur": Decimal("39.90"),
            "date": dt.date(2025, 11, 20),
            "occasion": ceremony,
            "remark": "Aus dem Repräsentationsbudget des Kreises.",
        },
    )
    context.ensure(
        Gift,
        {"delegation": delegation, "description": "Bemalte Keramikschale aus Podilsk"},
        {
            "direction": GiftDirection.RECEIVED,
            "giver": f"{head.first_name} {head.last_name}, im Namen des Rajon Podilsk",
            "giver_member": head,
            "recipient": LANDRAT,
            "value_eur": Decimal("60.00"),
            "date": dt.date(2025, 11, 20),
            "occasion": ceremony,
            "kept_at": "Vitrine Kreishaus, 2. OG",
            "remark": "Wert geschätzt; Eigentum des Kreises.",
        },
    )
