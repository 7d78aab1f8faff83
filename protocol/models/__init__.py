"""Models of the protocol app: order of precedence, seating plans, speeches and the gifts register."""

from .gifts import Gift
from .precedence import PrecedenceEntry
from .seating import SEATED_KINDS, Seat, SeatingPlan, Table
from .speeches import Speech

__all__ = ["SEATED_KINDS", "Gift", "PrecedenceEntry", "Seat", "SeatingPlan", "Speech", "Table"]
