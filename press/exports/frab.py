"""A visit's public programme in the frab schedule format (XML and JSON) that Giggity and EventFahrplan read.

The builder takes items already filtered by ``ReleasedItem.objects.public()`` (the latest release; an event's
id, guid and slug name the copy's working item, so they stay the same across releases) and decides per item
whether its time and place may be shown; an item whose details are held back is left out until it is over,
since the format cannot say "some time that day". Cancelled items are left out as well: the format has no
status.
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify

GENERATOR = {"name": "kleve-partnership", "version": "1"}
SCHEMA = "https://c3voc.de/schedule/schema.json"


def _guid(kind: str, key) -> str:
    # An identifier, not a link: from the setting, never the request's host, so it stays the same everywhere.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/frab/{kind}/{key}"))


def _hhmm(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def build_schedule(
    delegation,
    items: Iterable,
    *,
    show_details: Callable,
    base_url: str,
    url_for: Callable,
    links_for: Callable = lambda item: [],
    persons_for: Callable = lambda item: [],
    room_for: Callable = lambda item: None,
    kind_label: Callable = str,
    language: str = "de",
    no_room: str = "",
    time_zone: str = "Europe/Berlin",
) -> dict:
    """Return the schedule as the frab JSON document (a dict); `schedule_xml` writes the same as XML.

    `room_for(item)` names the public place of an item (or None), `persons_for(item)` the names the public may
    read, `links_for(item)` (url, title) pairs, `url_for(item)` the item's public URL.
    """
    zone = ZoneInfo(time_zone)
    events_by_day: dict[dt.date, dict[str, list[dict]]] = {}
    rooms: dict[str, str] = {}
    changed = []
    for item in items:
        if item.is_cancelled or not show_details(item):
            continue
        start = item.starts_at.astimezone(zone)
        key = getattr(item, "origin_pk", item.pk)
        room = room_for(item) or no_room
        rooms.setdefault(room, _guid("room", room))
        changed.append(item.changed_at)
        event = {
            "id": key,
            "guid": _guid("item", key),
            "date": start.isoformat(),
            "start": start.strftime("%H:%M"),
            "duration": _hhmm(item.ends_at - item.starts_at),
            "room": room,
            "slug": f"{delegation.slug}-{key}-{slugify(str(item.title))}"[:100],
            "url": url_for(item),
            "title": str(item.title),
            "subtitle": "",
            "track": kind_label(item),
            "type": item.kind,
            "language": language,
            "abstract": item.description or "",
            "description": "",
            "logo": "",
            "persons": [{"id": index, "public_name": name} for index, name in persons_for(item)],
            "links": [{"url": url, "title": title} for url, title in links_for(item)],
            "attachments": [],
            "do_not_record": True,
            "recording_license": "",
        }
        events_by_day.setdefault(start.date(), {}).setdefault(room, []).append(event)

    first = min([delegation.arrival_date, *events_by_day])
    last = max([delegation.departure_date, *events_by_day])
    days = []
    for index in range((last - first).days + 1):
        date = first + dt.timedelta(days=index)
        day_start = dt.datetime.combine(date, dt.time.min, tzinfo=zone)
        days.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": (day_start + dt.timedelta(days=1) - dt.timedelta(seconds=1)).isoformat(),
                "rooms": events_by_day.get(date, {}),
            }
        )
    version = max(changed).astimezone(zone).strftime("%Y-%m-%d %H:%M") if changed else "0"
    return {
        "$schema": SCHEMA,
        "generator": GENERATOR,
        "schedule": {
            "version": version,
            "base_url": base_url,
            "conference": {
                "acronym": delegation.slug,
                "title": str(delegation.title),
                "start": first.isoformat(),
                "end": last.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": time_zone,
                "url": base_url,
                "rooms": [{"name": name, "guid": guid} for name, guid in rooms.items()],
                "days": days,
            },
        },
    }


def schedule_json(schedule: dict) -> bytes:
    return json.dumps(schedule, ensure_ascii=False, indent=2).encode()


def _text(parent, tag: str, value="") -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = str(value) if value not in (None, "") else None
    return element


def schedule_xml(schedule: dict) -> bytes:
    """The frab XML of a schedule built by `build_schedule`."""
    data = schedule["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _text(root, "version", data["version"])
    conf = ET.SubElement(root, "conference")
    for tag, key in (
        ("acronym", "acronym"),
        ("title", "title"),
        ("start", "start"),
        ("end", "end"),
        ("days", "daysCount"),
        ("timeslot_duration", "timeslot_duration"),
        ("base_url", "url"),
        ("time_zone_name", "time_zone_name"),
    ):
        _text(conf, tag, conference[key])
    for day in conference["days"]:
        day_element = ET.SubElement(
            root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        guids = {room["name"]: room["guid"] for room in conference["rooms"]}
        for room_name, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room_name, guid=guids[room_name])
            for event in events:
                element = ET.SubElement(room_element, "event", guid=event["guid"], id=str(event["id"]))
                for tag in (
                    "date",
                    "start",
                    "duration",
                    "room",
                    "slug",
                    "url",
                    "title",
                    "subtitle",
                    "track",
                    "type",
                    "language",
                    "abstract",
                    "description",
                    "logo",
                ):
                    _text(element, tag, event[tag])
                persons = ET.SubElement(element, "persons")
                for person in event["persons"]:
                    _text(persons, "person", person["public_name"]).set("id", str(person["id"]))
                links = ET.SubElement(element, "links")
                for link in event["links"]:
                    _text(links, "link", link["title"]).set("href", link["url"])
                ET.SubElement(element, "attachments")
                recording = ET.SubElement(element, "recording")
                _text(recording, "license", "")
                _text(recording, "optout", "true")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
