"""Reads that several apps phrase the same way."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_per_row(related: QuerySet, *, link: str) -> Coalesce:
    """An annotation: how many rows of `related` point at each row of the outer query (by the field `link`).

    A subquery rather than a join, so other annotations and filters of the list stay as they are, and 0 for
    rows nothing points at.
    """
    counts = (
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
