"""Database rules that several models state in the same words."""

from django.db import models
from django.db.models import F, Q


def not_before(
    later: str, earlier: str, *, may_be_empty: tuple[str, ...] = (), name: str, message
) -> models.CheckConstraint:
    """`later` is not before `earlier` (a departure after its arrival, a maximum over its minimum).

    Fields named in `may_be_empty` may stay empty, in which case there is nothing to compare; they are checked
    in the order given, so the constraint reads as the models always wrote it (no migration).
    """
    condition = Q()
    for field in may_be_empty:
        condition |= Q(**{f"{field}__isnull": True})
    condition |= Q(**{f"{later}__gte": F(earlier)})
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)
