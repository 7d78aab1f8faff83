"""Which clocks a delegation's times are read on: the destination's, and the one the travellers live by."""

from django.conf import settings

from delegations.enums import Direction
from delegations.models import Delegation


def travellers_home_zone(delegation: Delegation) -> str:
    """The zone the travellers' phones are on at home: Kyiv for guests from the partner region, Berlin for the
    county's own delegation travelling there."""
    if delegation.direction == Direction.OUTGOING:
        return settings.TIME_ZONE
    return settings.GUEST_HOME_TIME_ZONE
