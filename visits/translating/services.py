"""Writing translations: from the translations page and from an XLIFF file, never over someone else's.

Every write names the translation its editor saw and the German text its translator worked from. Inside one
transaction each object is locked and its translation compared with what the editor saw; if anyone changed
it meanwhile, nothing of the whole save is written (`TranslationConflict`). What is written goes through the
model's own `save()` (so the change history, the item's change stamp and the lost-update version move on),
and the German text the translator saw is recorded as the translation's source: a translation made from a
German text that has changed since stays listed as outdated.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from core.translation_sources import column, record

from .worklist import State, Text, work_list


@dataclass(frozen=True)
class Edit:
    """One translation to write: `text` replacing `seen`, made from the German `source`."""

    id: str
    text: str
    seen: str
    source: str


class TranslationConflict(Exception):
    """Someone changed a translation after the editor saw it, or the editor may not: nothing saved."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{key}: {text}" for key, text in problems.items()))
        self.problems = problems


def save_translations(*, delegation, language: str, edits: list[Edit], user) -> list[Text]:
    """Write `edits` of `delegation`'s texts in `language`, all or nothing; the texts written, in order."""
    with transaction.atomic():
        texts = work_list(delegation, language).by_id()
        problems: dict[str, str] = {}
        locked = {}
        for edit in edits:
            text = texts.get(edit.id)
            if text is None:
                problems[edit.id] = gettext("Diesen Text gibt es in diesem Besuch nicht (mehr).")
                continue
            if not user.has_perm(text.change_permission):
                problems[edit.id] = gettext("Sie dürfen diesen Text nicht ändern.")
                continue
            model = type(text.obj)
            key = (model, text.obj.pk)
            if key not in locked:
                locked[key] = model._base_manager.select_for_update().get(pk=text.obj.pk)
            current = getattr(locked[key], column(text.field, language)) or ""
            if current != edit.seen:
                problems[edit.id] = gettext(
                    "Inzwischen hat jemand anderes diese Übersetzung geändert; jetzt gespeichert: „%(now)s“."
                ) % {"now": current or gettext("(leer)")}
        if problems:
            raise TranslationConflict(problems)
        written = []
        for edit in edits:
            text = texts[edit.id]
            obj = locked[(type(text.obj), text.obj.pk)]
            setattr(obj, column(text.field, language), edit.text)
            written.append((obj, text, edit))
        for obj in dict.fromkeys(obj for obj, _text, _edit in written):
            obj._history_user = user
            obj.save()
        for obj, text, edit in written:
            if edit.text:
                record(obj, text.field, language, edit.source)
        return [text for _obj, text, _edit in written]


# -- An XLIFF file back: what it would change, then applied in one go ---------------------------------------


def _same(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


@dataclass
class PlannedUnit:
    """A unit of the file that changes something: a new translation, or one confirmed as still fitting."""

    text: Text
    target: str
    file_source: str  # the German the translator saw (the file's <source>)
    conflict: bool  # the German has changed since the export

    @property
    def id(self) -> str:
        return self.text.id

    @property
    def confirms(self) -> bool:
        """Same translation as now, made from the German now: the translator says it still fits."""
        return _same(self.target, self.text.translation)


@dataclass
class ImportPlan:
    changes: list[PlannedUnit]
    refused: list[tuple[str, str]]  # (unit id, why)
    unchanged: int
    empty: int

    @property
    def conflicts(self) -> list[PlannedUnit]:
        return [unit for unit in self.changes if unit.conflict]

    @property
    def clean(self) -> list[PlannedUnit]:
        return [unit for unit in self.changes if not unit.conflict]


def plan_import(*, delegation, language: str, units, user) -> ImportPlan:
    """What the file's units would change in `delegation`'s texts in `language`, and what is refused."""
    texts = work_list(delegation, language).by_id()
    plan = ImportPlan(changes=[], refused=[], unchanged=0, empty=0)
    for unit in units:
        text = texts.get(unit.id)
        if text is None:
            plan.refused.append((unit.id, gettext("unbekannte Kennung: kein Text dieses Besuchs")))
            continue
        if not user.has_perm(text.change_permission):
            plan.refused.append((unit.id, gettext("Sie dürfen diesen Text nicht ändern.")))
            continue
        if not unit.target:
            plan.empty += 1
            continue
        conflict = not _same(unit.source, text.german)
        same_target = _same(unit.target, text.translation)
        if same_target and (conflict or not unit.reviewed or text.state == State.DONE):
            plan.unchanged += 1  # sent back as it was: confirmed only where the translator marked it done
            continue
        plan.changes.append(PlannedUnit(text, unit.target, unit.source, conflict))
    return plan


def apply_import(*, delegation, language: str, plan: ImportPlan, confirmed: set[str], user) -> list[Text]:
    """Write the plan's changes, conflicts only where `confirmed`, in one transaction (all or nothing).

    A conflict applied on purpose keeps the German of the export as its source: it stays listed as outdated.
    """
    edits = [
        Edit(
            id=unit.id,
            text=unit.target,
            seen=unit.text.translation,
            source=unit.file_source if unit.conflict else unit.text.german,
        )
        for unit in plan.changes
        if not unit.conflict or unit.id in confirmed
    ]
    return save_translations(delegation=delegation, language=language, edits=edits, user=user)


def fingerprint(plan: ImportPlan) -> str:
    """What a preview showed, in short: applying checks it is still so, else it shows a new preview."""
    import hashlib
    import json

    shown = [
        [unit.id, unit.target, unit.conflict, unit.text.translation, unit.text.german]
        for unit in plan.changes
    ]
    return hashlib.sha256(json.dumps([shown, plan.refused], ensure_ascii=False).encode()).hexdigest()
