"""What one reader may see of a delegation in a document: its programme items and whether contacts' phone
numbers and email addresses are shown. The builders take a scope, so the visibility rules stay in the queryset
methods and the builders can be tested without a request."""

from dataclasses import dataclass

from django.db.models import QuerySet

from delegations.models import Delegation

from ..models import ProgrammeItem

VIEW_CONTACT_DETAILS = "delegations.view_contact_details"


@dataclass(frozen=True)
class DocumentScope:
    delegation: Delegation
    items: QuerySet  # the delegation's programme items the reader may see
    show_contact_details: bool

    @classmethod
    def for_user(cls, delegation: Delegation, user) -> "DocumentScope":
        return cls(
            delegation=delegation,
            items=ProgrammeItem.objects.for_staff(user).filter(delegation=delegation),
            show_contact_details=user.has_perm(VIEW_CONTACT_DETAILS),
        )

    @classmethod
    def everything(cls, delegation: Delegation) -> "DocumentScope":
        """The whole delegation, as a planner sees it (management commands and tests)."""
        return cls(
            delegation=delegation,
            items=ProgrammeItem.objects.filter(delegation=delegation),
            show_contact_details=True,
        )
