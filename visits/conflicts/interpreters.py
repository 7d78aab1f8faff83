"""Items whose people need interpretation without an interpreter, or with one who lacks the language pair."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from delegations.enums import LanguagePair
from delegations.models import Member

from ..models.programme import NON_BOOKING_ITEM_KINDS
from .entries import Entry
from .kinds import Conflict, ConflictKind

if TYPE_CHECKING:
    from .check import ProgrammeCheck


def needed_language_pairs(members: Iterable[Member]) -> set[LanguagePair]:
    """The language pairs an item needs interpreted for these people; empty when nobody needs any."""
    pairs = set()
    for member in members:
        if member.needs_interpreter and (pair := LanguagePair.from_german_to(member.preferred_language)):
            pairs.add(pair)
    return pairs


def interpreter_conflicts(check: "ProgrammeCheck", entry: Entry) -> list[Conflict]:
    item = entry.item
    if item.kind in NON_BOOKING_ITEM_KINDS:  # transfers and free time need no interpreter
        return []
    needed = needed_language_pairs(entry.members)
    if not needed:
        return []
    interpreter = item.interpreter
    if interpreter is None:
        message = gettext("%(item)s braucht Dolmetschung (%(pairs)s), aber niemand ist dafür eingeteilt.") % {
            "item": check.describe(entry),
            "pairs": _pair_labels(needed),
        }
        return [check.conflict(ConflictKind.INTERPRETER_MISSING, message, (item,))]
    lacking = needed - set(interpreter.interpreting_languages or ())
    if not lacking:
        return []
    message = gettext("%(interpreter)s hat für %(item)s nicht das nötige Sprachpaar %(pairs)s.") % {
        "interpreter": interpreter.full_name,
        "item": check.describe(entry),
        "pairs": _pair_labels(lacking),
    }
    return [check.conflict(ConflictKind.INTERPRETER_LANGUAGE, message, (item,), contacts=(interpreter,))]


def _pair_labels(pairs: set[LanguagePair]) -> str:
    return ", ".join(str(pair.label) for pair in LanguagePair if pair in pairs)
